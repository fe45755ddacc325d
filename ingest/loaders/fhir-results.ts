import type { DiagnosticReportResource, ObservationResource } from '../fhir/resources.ts'
import {
	byDateDesc,
	conceptCode,
	conceptKey,
	conceptText,
	day,
	formatQuantity,
	newest,
} from './fhir-format.ts'
import { listDocument } from './fhir-lists.ts'
import type { ChartResources } from './fhir-types.ts'
import type { LoadedDocument, LoadedSection } from './types.ts'

/**
 * The lab and vital-sign timeline: one section per Observation code, newest value first and named
 * as the most recent, older values a line each; then one section per DiagnosticReport listing its
 * results. Panels with components (blood pressure) read "Systolic … , Diastolic …".
 */

/** Vital signs and labs first, then the rest (surveys, social history, exams…). */
const CATEGORY_ORDER = ['laboratory', 'vital-signs']

type ObservationLike = Pick<
	ObservationResource,
	'valueQuantity' | 'valueCodeableConcept' | 'valueString' | 'valueBoolean' | 'valueInteger'
>

function singleValue(o: ObservationLike): string | null {
	if (o.valueQuantity) return formatQuantity(o.valueQuantity)
	if (o.valueCodeableConcept) return conceptText(o.valueCodeableConcept)
	if (o.valueString !== undefined) return o.valueString.trim()
	if (o.valueBoolean !== undefined) return o.valueBoolean ? 'yes' : 'no'
	if (o.valueInteger !== undefined) return String(o.valueInteger)
	return null
}

const SYSTOLIC = '8480-6'

/** The value as read: "33.77 g/dL", "Never smoker", "Systolic Blood Pressure 120 mm[Hg], …". */
export function observationValue(o: ObservationResource): string {
	const own = singleValue(o)
	const components = [...(o.component ?? [])]
		// Systolic before diastolic, as blood pressure is read.
		.sort(
			(a, b) => Number(conceptCode(b.code) === SYSTOLIC) - Number(conceptCode(a.code) === SYSTOLIC),
		)
		.map((c) => {
			const value = singleValue(c)
			const name = conceptText(c.code)
			return value ? (name ? `${name} ${value}` : value) : null
		})
		.filter((v): v is string => Boolean(v))
	const parts = [own, components.join(', ')].filter(Boolean)
	return parts.length > 0 ? parts.join('; ') : `no value recorded (status ${o.status ?? 'unknown'})`
}

/** "(high; reference 3.5–5.1 mmol/L)" from the interpretation and reference range, when present. */
function qualifiers(o: ObservationResource): string {
	const flags = (o.interpretation ?? [])
		.filter((i) => conceptCode(i) !== 'N')
		.map((i) => INTERPRETATIONS[conceptCode(i) ?? ''] ?? conceptText(i))
		.filter((t): t is string => Boolean(t))
	const range = o.referenceRange?.[0]
	const low = formatQuantity(range?.low)
	const high = formatQuantity(range?.high)
	const sameUnit = range?.low?.unit !== undefined && range.low.unit === range.high?.unit
	const between = sameUnit
		? `${formatQuantity({ ...range.low, unit: undefined, code: undefined })}–${high}`
		: `${low}–${high}`
	const ref = range?.text ?? (low && high ? between : low ? `≥ ${low}` : high ? `≤ ${high}` : null)
	const parts = [...flags, ref ? `reference ${ref}` : null].filter(Boolean)
	return parts.length > 0 ? ` (${parts.join('; ')})` : ''
}

const INTERPRETATIONS: Record<string, string> = {
	H: 'high',
	HH: 'critically high',
	L: 'low',
	LL: 'critically low',
	A: 'abnormal',
	AA: 'critically abnormal',
}

export function observationDate(o: ObservationResource): string | null {
	return day(o.effectiveDateTime ?? o.effectivePeriod?.start ?? o.issued)
}

export function labTimeline(chart: ChartResources): LoadedDocument | null {
	const groups = new Map<string, ObservationResource[]>()
	for (const o of chart.observations) {
		const key = conceptKey(o.code)
		const group = groups.get(key) ?? groups.set(key, []).get(key)!
		group.push(o)
	}
	const rank = (o: ObservationResource | undefined) => {
		const category = o?.category?.map(conceptCode).find((c) => c) ?? ''
		const at = CATEGORY_ORDER.indexOf(category)
		return at === -1 ? CATEGORY_ORDER.length : at
	}
	const observationSections = [...groups.values()]
		.map((items) => {
			const sorted = [...items].sort(byDateDesc(observationDate))
			return { rank: rank(sorted[0]), section: timelineSection(sorted) }
		})
		.sort(
			(a, b) => a.rank - b.rank || byDateDesc<LoadedSection>((s) => s.date)(a.section, b.section),
		)
		.map((s) => s.section)

	const byId = new Map(chart.observations.map((o) => [o.id, o]))
	const reportSections = [...chart.reports]
		.sort(byDateDesc(reportDate))
		.map((r) => reportSection(chart, r, byId))
	return listDocument(chart, 'lab-timeline', 'lab_timeline', 'Lab and vital sign results', [
		...observationSections,
		...reportSections,
	])
}

function timelineSection(sorted: ObservationResource[]): LoadedSection {
	const latest = sorted[0] as ObservationResource
	const name = conceptText(latest.code) ?? 'Observation'
	const when = (o: ObservationResource) => observationDate(o) ?? 'undated'
	const lines = [
		`Most recent: ${observationValue(latest)}${qualifiers(latest)} on ${when(latest)}.`,
		...sorted.slice(1).map((o) => `${when(o)}: ${observationValue(o)}${qualifiers(o)}`),
	]
	if (sorted.length > 1) lines.splice(1, 0, 'Earlier results:')
	return {
		heading: name,
		text: lines.join('\n'),
		fhirIds: sorted.map((o) => o.id),
		date: newest(sorted.map(observationDate)),
	}
}

function reportDate(r: DiagnosticReportResource): string | null {
	return day(r.effectiveDateTime ?? r.effectivePeriod?.start ?? r.issued)
}

function reportSection(
	chart: ChartResources,
	r: DiagnosticReportResource,
	observations: Map<string, ObservationResource>,
): LoadedSection {
	const name = conceptText(r.code) ?? 'Diagnostic report'
	const date = reportDate(r)
	const results: ObservationResource[] = []
	const lines = [`${name}${date ? `, ${date}` : ''}${r.status ? ` (status ${r.status})` : ''}.`]
	for (const ref of r.result ?? []) {
		const id = chart.resolve(ref)
		const o = id ? observations.get(id) : undefined
		if (o) {
			results.push(o)
			lines.push(
				`${conceptText(o.code) ?? ref.display ?? 'Result'}: ${observationValue(o)}${qualifiers(o)}`,
			)
		} else if (ref.display) lines.push(`${ref.display}: result not in this chart`)
	}
	if (r.conclusion?.trim()) lines.push(`Conclusion: ${r.conclusion.trim()}`)
	return {
		heading: date ? `${name} (${date})` : name,
		text: lines.join('\n'),
		fhirIds: [r.id, ...results.map((o) => o.id)],
		date: newest([date, ...results.map(observationDate)]),
	}
}
