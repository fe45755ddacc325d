import type { DocumentType } from '#db/schema/documents.ts'
import type {
	ConditionResource,
	MedicationRequestResource,
	Reference,
	CodeableConcept,
} from '../fhir/resources.ts'
import {
	byDateDesc,
	codeLabel,
	conceptCode,
	conceptKey,
	conceptText,
	day,
	formatNumber,
	formatQuantity,
	joinList,
	newest,
	unique,
} from './fhir-format.ts'
import { FHIR_SOURCE, type ChartResources } from './fhir-types.ts'
import type { LoadedDocument, LoadedSection } from './types.ts'

/**
 * The patient's lists as readable documents: the problem list (one section per condition), the
 * medication list (one section per medication, a line per order), allergies and immunizations.
 * Each section carries the ids of the resources it was written from.
 */

export function problemList(chart: ChartResources): LoadedDocument | null {
	if (chart.conditions.length === 0) return null
	const onset = (c: ConditionResource) => day(c.onsetDateTime ?? c.onsetPeriod?.start)
	const sorted = [...chart.conditions].sort(
		(a, b) => Number(isActive(b)) - Number(isActive(a)) || byDateDesc(onset)(a, b),
	)
	const sections = sorted.map((c): LoadedSection => {
		const name = conceptText(c.code) ?? 'Condition without a code'
		const code = codeLabel(c.code)
		const status = conceptCode(c.clinicalStatus)
		const verification = conceptCode(c.verificationStatus)
		const started = onset(c)
		const ended = day(c.abatementDateTime ?? c.abatementPeriod?.end ?? c.abatementPeriod?.start)
		const recorded = day(c.recordedDate)
		const parts = [code ? `${name} — ${code}.` : `${name}.`]
		if (started) parts.push(`Onset ${started}.`)
		if (ended) parts.push(`${status === 'resolved' ? 'Resolved' : 'Abated'} ${ended}.`)
		if (status || verification)
			parts.push(
				`Status: ${[status, verification && verification !== 'confirmed' ? verification : null].filter(Boolean).join(', ') || 'unknown'}.`,
			)
		if (recorded && recorded !== started) parts.push(`Recorded ${recorded}.`)
		return {
			heading: name,
			text: parts.join(' '),
			fhirIds: [c.id],
			date: newest([started, recorded, ended]),
		}
	})
	return listDocument(chart, 'problem-list', 'problem_list', 'Problem list', sections)
}

function isActive(c: ConditionResource): boolean {
	const status = conceptCode(c.clinicalStatus)
	return status === 'active' || status === 'recurrence' || status === 'relapse'
}

export function medicationList(chart: ChartResources): LoadedDocument | null {
	if (chart.medicationRequests.length === 0) return null
	const conditions = new Map(chart.conditions.map((c) => [c.id, c]))
	const groups = new Map<string, { name: string; requests: MedicationRequestResource[] }>()
	for (const request of chart.medicationRequests) {
		const name = medicationName(chart, request)
		const key = name.toLowerCase()
		const group = groups.get(key) ?? groups.set(key, { name, requests: [] }).get(key)!
		group.requests.push(request)
	}
	const authored = (r: MedicationRequestResource) => day(r.authoredOn)
	const sections = [...groups.values()].map(({ name, requests }) => {
		const sorted = [...requests].sort(byDateDesc(authored))
		const lines = sorted.map((r) => {
			const details = [`status ${r.status ?? 'unknown'}`]
			if (r.intent && r.intent !== 'order') details.push(`intent ${r.intent}`)
			const reasons = reasonTexts(r.reasonCode, r.reasonReference, (ref) => {
				const id = chart.resolve(ref)
				return conceptText(id ? conditions.get(id)?.code : undefined)
			})
			if (reasons.length > 0) details.push(`reason: ${reasons.join(', ')}`)
			const dosage = (r.dosageInstruction ?? []).map(dosageText).filter(Boolean)
			if (dosage.length > 0) details.push(`dosage: ${dosage.join('; ')}`)
			return `${authored(r) ?? 'Undated'}: ${name} — ${details.join('; ')}`
		})
		const active = requests.some((r) => r.status === 'active')
		return {
			active,
			section: {
				heading: name,
				text: lines.join('\n'),
				fhirIds: sorted.map((r) => r.id),
				date: newest(requests.map(authored)),
			},
		}
	})
	sections.sort(
		(a, b) =>
			Number(b.active) - Number(a.active) ||
			byDateDesc<LoadedSection>((s) => s.date)(a.section, b.section),
	)
	return listDocument(
		chart,
		'medication-list',
		'medication_list',
		'Medication list',
		sections.map((s) => s.section),
	)
}

function medicationName(chart: ChartResources, r: MedicationRequestResource): string {
	const direct = conceptText(r.medicationCodeableConcept)
	if (direct) return direct
	const id = chart.resolve(r.medicationReference)
	const referenced = id ? conceptText(chart.medications.get(id)?.code) : null
	return referenced ?? r.medicationReference?.display ?? 'Medication not named'
}

/** Reasons as written: coded reasons, then referenced conditions (their display or code). */
export function reasonTexts(
	codes: CodeableConcept[] | undefined,
	refs: Reference[] | undefined,
	lookup: (ref: Reference) => string | null,
): string[] {
	const fromCodes = (codes ?? []).map(conceptText)
	const fromRefs = (refs ?? []).map((ref) => ref.display ?? lookup(ref))
	return unique([...fromCodes, ...fromRefs].filter((t): t is string => Boolean(t)))
}

const PERIOD_UNITS: Record<string, string> = {
	s: 'second',
	min: 'minute',
	h: 'hour',
	d: 'day',
	wk: 'week',
	mo: 'month',
	a: 'year',
}

type Dosage = NonNullable<MedicationRequestResource['dosageInstruction']>[number]

function dosageText(d: Dosage): string {
	if (d.text?.trim()) return d.text.trim()
	const parts: string[] = []
	const dose = d.doseAndRate?.[0]?.doseQuantity
	if (dose?.value !== undefined) parts.push(`dose ${formatQuantity(dose)}`)
	const repeat = d.timing?.repeat
	if (repeat?.frequency !== undefined && repeat.periodUnit) {
		const unit = PERIOD_UNITS[repeat.periodUnit] ?? repeat.periodUnit
		const period = repeat.period ?? 1
		parts.push(
			`${formatNumber(repeat.frequency)} time${repeat.frequency === 1 ? '' : 's'} per ${period === 1 ? unit : `${formatNumber(period)} ${unit}s`}`,
		)
	} else if (conceptText(d.timing?.code)) parts.push(conceptText(d.timing?.code) as string)
	const route = conceptText(d.route)
	if (route) parts.push(route)
	if (d.asNeededBoolean) parts.push('as needed')
	return parts.join(', ')
}

export function allergyList(chart: ChartResources): LoadedDocument | null {
	if (chart.allergies.length === 0) return null
	const sections = chart.allergies.map((a): LoadedSection => {
		const name = conceptText(a.code) ?? 'Allergy without a named substance'
		const code = codeLabel(a.code)
		const parts = [code ? `${name} — ${code}.` : `${name}.`]
		const kind = [joinList(a.category ?? []), a.type].filter(Boolean).join(' ')
		if (kind) parts.push(`${kind[0]?.toUpperCase()}${kind.slice(1)}.`)
		if (a.criticality) parts.push(`Criticality: ${a.criticality}.`)
		const status = [conceptCode(a.clinicalStatus), conceptCode(a.verificationStatus)].filter(
			Boolean,
		)
		if (status.length > 0) parts.push(`Status: ${status.join(', ')}.`)
		const onset = day(a.onsetDateTime)
		const recorded = day(a.recordedDate)
		if (onset) parts.push(`Onset ${onset}.`)
		if (recorded) parts.push(`Recorded ${recorded}.`)
		const reactions = (a.reaction ?? []).flatMap((r) =>
			(r.manifestation ?? [])
				.map(conceptText)
				.filter((t): t is string => Boolean(t))
				.map((t) => (r.severity ? `${t} (${r.severity})` : t)),
		)
		if (reactions.length > 0) parts.push(`Reactions: ${unique(reactions).join(', ')}.`)
		return {
			heading: name,
			text: parts.join(' '),
			fhirIds: [a.id],
			date: newest([onset, recorded]),
		}
	})
	return listDocument(chart, 'allergies', 'allergy_list', 'Allergies', sections)
}

export function immunizationList(chart: ChartResources): LoadedDocument | null {
	if (chart.immunizations.length === 0) return null
	const groups = new Map<string, ChartResources['immunizations']>()
	for (const i of chart.immunizations) {
		const key = conceptKey(i.vaccineCode)
		const group = groups.get(key) ?? groups.set(key, []).get(key)!
		group.push(i)
	}
	const given = (i: ChartResources['immunizations'][number]) => day(i.occurrenceDateTime)
	const sections = [...groups.values()].map((items): LoadedSection => {
		const sorted = [...items].sort(byDateDesc(given))
		const first = sorted[0]
		const name = conceptText(first?.vaccineCode) ?? 'Vaccine'
		const lines = sorted.map((i) => {
			const when = given(i) ?? i.occurrenceString ?? 'Undated'
			return i.status && i.status !== 'completed' ? `${when} (${i.status})` : when
		})
		const latest = first ? given(first) : null
		const head = latest ? `${name} — most recent ${latest}.` : `${name}.`
		return {
			heading: name,
			text: [head, ...lines].join('\n'),
			fhirIds: sorted.map((i) => i.id),
			date: newest(items.map(given)),
		}
	})
	sections.sort(byDateDesc((s) => s.date))
	return listDocument(chart, 'immunizations', 'immunization_list', 'Immunizations', sections)
}

export function listDocument(
	chart: ChartResources,
	slug: string,
	type: DocumentType,
	title: string,
	sections: LoadedSection[],
): LoadedDocument | null {
	if (sections.length === 0) return null
	return {
		sourceSystem: FHIR_SOURCE,
		sourceId: `Patient/${chart.sourceKey}/${slug}`,
		type,
		title,
		authoredAt: newest(sections.map((s) => s.date)),
		sections,
		fhirIds: unique(sections.flatMap((s) => s.fhirIds)),
	}
}
