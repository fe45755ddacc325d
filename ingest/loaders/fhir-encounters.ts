import type { EncounterResource, Reference } from '../fhir/resources.ts'
import {
	byDateDesc,
	codeLabel,
	collapseRepeats,
	conceptText,
	day,
	instant,
	newest,
	unique,
} from './fhir-format.ts'
import { reasonTexts } from './fhir-lists.ts'
import { observationDate, observationValue } from './fhir-results.ts'
import { FHIR_SOURCE, type ChartResources } from './fhir-types.ts'
import type { LoadedDocument, LoadedSection } from './types.ts'

/**
 * One encounter summary per Encounter: the visit (class, type, reason, period) and what the chart
 * links to it by `encounter` reference — diagnoses, procedures, immunizations, medications ordered,
 * observations and reports — each part a section carrying those resources' ids.
 */

/** HL7 v3 ActEncounterCode, for class codings that carry no display. */
const ENCOUNTER_CLASSES: Record<string, string> = {
	AMB: 'ambulatory',
	EMER: 'emergency',
	FLD: 'field',
	HH: 'home health',
	IMP: 'inpatient',
	ACUTE: 'inpatient acute',
	NONAC: 'inpatient non-acute',
	OBSENC: 'observation encounter',
	PRENC: 'pre-admission',
	SS: 'short stay',
	VR: 'virtual',
}

type Linked = {
	sections: Array<{ heading: string; lines: string[]; ids: string[]; dates: Array<string | null> }>
}

export function encounterSummaries(chart: ChartResources): LoadedDocument[] {
	const byEncounter = new Map<string, Linked>()
	const link = (
		ref: Reference | undefined,
		heading: string,
		line: string,
		id: string,
		date: string | null,
	) => {
		const encounterId = chart.resolve(ref)
		if (!encounterId) return
		const linked =
			byEncounter.get(encounterId) ??
			byEncounter.set(encounterId, { sections: [] }).get(encounterId)!
		let section = linked.sections.find((s) => s.heading === heading)
		if (!section) {
			section = { heading, lines: [], ids: [], dates: [] }
			linked.sections.push(section)
		}
		section.lines.push(line)
		section.ids.push(id)
		section.dates.push(date)
	}

	for (const c of chart.conditions) {
		const code = codeLabel(c.code)
		const name = conceptText(c.code) ?? 'Condition without a code'
		link(
			c.encounter,
			'Diagnoses',
			code ? `${name} — ${code}` : name,
			c.id,
			day(c.onsetDateTime ?? c.recordedDate),
		)
	}
	for (const p of chart.procedures) {
		const date = day(p.performedDateTime ?? p.performedPeriod?.start)
		const name = conceptText(p.code) ?? 'Procedure without a code'
		link(p.encounter, 'Procedures', date ? `${name}, ${date}` : name, p.id, date)
	}
	for (const i of chart.immunizations) {
		const date = day(i.occurrenceDateTime)
		const name = conceptText(i.vaccineCode) ?? 'Vaccine'
		link(
			i.encounter,
			'Immunizations',
			i.status && i.status !== 'completed' ? `${name} (${i.status})` : name,
			i.id,
			date,
		)
	}
	for (const m of chart.medicationRequests) {
		const id = chart.resolve(m.medicationReference)
		const name =
			conceptText(m.medicationCodeableConcept) ??
			(id ? conceptText(chart.medications.get(id)?.code) : null) ??
			m.medicationReference?.display ??
			'Medication not named'
		link(
			m.encounter,
			'Medications ordered',
			`${name} (status ${m.status ?? 'unknown'})`,
			m.id,
			day(m.authoredOn),
		)
	}
	for (const o of chart.observations) {
		const name = conceptText(o.code) ?? 'Observation'
		link(
			o.encounter,
			'Observations and results',
			`${name}: ${observationValue(o)}`,
			o.id,
			observationDate(o),
		)
	}
	for (const r of chart.reports) {
		const name = conceptText(r.code) ?? 'Diagnostic report'
		const count = r.result?.length ?? 0
		link(
			r.encounter,
			'Observations and results',
			`${name} report: ${count} result${count === 1 ? '' : 's'}`,
			r.id,
			day(r.effectiveDateTime ?? r.issued),
		)
	}

	const start = (e: EncounterResource) => day(e.period?.start ?? e.period?.end)
	return [...chart.encounters]
		.sort(byDateDesc(start))
		.map((e) => summary(chart, e, byEncounter.get(e.id)))
}

function summary(
	chart: ChartResources,
	e: EncounterResource,
	linked: Linked | undefined,
): LoadedDocument {
	const started = day(e.period?.start)
	const ended = day(e.period?.end)
	const types = unique((e.type ?? []).map(conceptText).filter((t): t is string => Boolean(t)))
	const classText = encounterClass(e)
	const conditions = new Map(chart.conditions.map((c) => [c.id, c]))
	const reasons = reasonTexts(e.reasonCode, e.reasonReference, (ref) => {
		const id = chart.resolve(ref)
		return conceptText(id ? conditions.get(id)?.code : undefined)
	})
	const lines: string[] = []
	if (types.length > 0) lines.push(`Type: ${types.join('; ')}.`)
	if (classText) lines.push(`Class: ${classText}.`)
	if (e.status) lines.push(`Status: ${e.status}.`)
	if (started && ended && ended !== started) lines.push(`Period: ${started} to ${ended}.`)
	else if (started ?? ended) lines.push(`Date: ${started ?? ended}.`)
	if (reasons.length > 0) lines.push(`Reason: ${reasons.join('; ')}.`)
	if (e.serviceProvider?.display) lines.push(`Provider organization: ${e.serviceProvider.display}.`)
	if (lines.length === 0) lines.push('Encounter with no details recorded.')

	const sections: LoadedSection[] = [
		{ heading: 'Visit', text: lines.join('\n'), fhirIds: [e.id], date: started ?? ended },
		...(linked?.sections ?? []).map((s) => ({
			heading: s.heading,
			text: collapseRepeats(s.lines).join('\n'),
			fhirIds: unique(s.ids),
			date: newest(s.dates) ?? started,
		})),
	]
	const what =
		types[0] ?? (classText ? classText.replace(/( encounter)?$/, ' encounter') : 'encounter')
	return {
		sourceSystem: FHIR_SOURCE,
		sourceId: `Encounter/${e.id}`,
		type: 'encounter_summary',
		title: `Visit ${started ?? ended ?? 'undated'}: ${what}`,
		authoredAt: instant(e.period?.start) ?? instant(e.period?.end),
		sections,
		fhirIds: unique(sections.flatMap((s) => s.fhirIds)),
	}
}

function encounterClass(e: EncounterResource): string | null {
	const value = e.class
	if (!value) return null
	if (Array.isArray(value)) return conceptText(value[0])
	return value.display ?? (value.code ? (ENCOUNTER_CLASSES[value.code] ?? value.code) : null)
}
