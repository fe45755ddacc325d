import { parseCsvRows } from '../corpora/training-data.ts'
import { detectIdentifiers } from '#server/gateway/deid/detect.ts'
import type { Detection, IdentifierLabel } from '#server/gateway/deid/labels.ts'
import { fold, PERMITTED_PLACE_PHRASES, PERMITTED_PLACES } from '#server/gateway/deid/lexicon.ts'

/**
 * Scoring of the detector against labelled text: span-level recall (a gold span counts as found
 * when a detected span overlaps it, and separately when detections cover all of it) and precision
 * (a detected span is correct when it overlaps any gold span). Only counts leave this module.
 */

export type GoldSpan = { start: number; end: number; label: string }
export type GoldRecord = { id: string; text: string; spans: GoldSpan[] }

/**
 * Presidio's labels → Safe Harbor categories. `null`: not a Safe Harbor identifier, reported
 * apart and not counted against recall.
 */
const PRESIDIO_TO_SAFE_HARBOR: Record<string, IdentifierLabel | null> = {
	PERSON: 'NAME',
	STREET_ADDRESS: 'GEOGRAPHIC',
	GPE: 'GEOGRAPHIC',
	LOCATION: 'GEOGRAPHIC',
	ZIP_CODE: 'GEOGRAPHIC',
	DATE_TIME: 'DATE',
	AGE: 'DATE',
	PHONE_NUMBER: 'PHONE',
	EMAIL_ADDRESS: 'EMAIL',
	US_SSN: 'SSN',
	CREDIT_CARD: 'ACCOUNT',
	IBAN_CODE: 'ACCOUNT',
	US_BANK_NUMBER: 'ACCOUNT',
	IP_ADDRESS: 'IP',
	DOMAIN_NAME: 'URL',
	URL: 'URL',
	US_DRIVER_LICENSE: 'LICENSE',
	MEDICAL_LICENSE: 'LICENSE',
	US_PASSPORT: 'OTHER_ID',
	MEDICAL_RECORD_NUMBER: 'MRN',
	ORGANIZATION: null,
	TITLE: null,
	NRP: null,
}

/**
 * The Safe Harbor category of a gold span, or the name of the bucket it is reported in when it is
 * not one: ages up to 89, a year on its own, and states or countries are permitted by Safe Harbor.
 */
export function goldCategory(span: GoldSpan, text: string): { category: string; counted: boolean } {
	const mapped = PRESIDIO_TO_SAFE_HARBOR[span.label]
	const value = text.slice(span.start, span.end)
	if (mapped === undefined) return { category: `${span.label} (unmapped)`, counted: false }
	if (mapped === null) return { category: `${span.label} (not Safe Harbor)`, counted: false }
	if (span.label === 'AGE') {
		const age = Number.parseInt(value, 10)
		return age > 89
			? { category: 'DATE', counted: true }
			: { category: 'AGE <= 89 (permitted)', counted: false }
	}
	if (span.label === 'DATE_TIME' && /^\s*\d{4}\s*$/.test(value)) {
		return { category: 'DATE_TIME year only (permitted)', counted: false }
	}
	if (span.label === 'GPE') {
		const place = fold(value.replace(/\([^)]*\)/g, ' '))
			.replace(/\s+/g, ' ')
			.trim()
		if (PERMITTED_PLACES.has(place) || PERMITTED_PLACE_PHRASES.has(place)) {
			return { category: 'GPE state or country (permitted)', counted: false }
		}
	}
	return { category: mapped, counted: true }
}

export type RecallRow = {
	category: string
	counted: boolean
	gold: number
	found: number
	fullyCovered: number
	foundWithUncertain: number
}
export type PrecisionRow = { label: string; detected: number; correct: number }

export type Score = {
	n: number
	recall: RecallRow[]
	precision: PrecisionRow[]
	/** Records with at least one uncertain region: refused under the default policy. */
	refused: number
	missedIds: string[]
	uncertainRegions: number
	elapsedMs: number
}

const overlaps = (a: { start: number; end: number }, b: { start: number; end: number }) =>
	a.start < b.end && b.start < a.end

/** Every non-space character of the gold span lies inside some detection. */
function fullyCovered(gold: GoldSpan, text: string, ranges: Array<{ start: number; end: number }>) {
	for (let i = gold.start; i < gold.end; i++) {
		if (/\s|[.,;:()'"-]/.test(text[i] ?? '')) continue
		if (!ranges.some((r) => i >= r.start && i < r.end)) return false
	}
	return true
}

export function score(
	records: GoldRecord[],
	categorize: (
		span: GoldSpan,
		text: string,
	) => { category: string; counted: boolean } = goldCategory,
	detect: (text: string) => Detection = detectIdentifiers,
): Score {
	const recall = new Map<string, RecallRow>()
	const precision = new Map<string, PrecisionRow>()
	const missed = new Set<string>()
	let refused = 0
	let uncertainRegions = 0
	let elapsedMs = 0
	for (const record of records) {
		const t0 = performance.now()
		const detection = detect(record.text)
		elapsedMs += performance.now() - t0
		if (detection.uncertain.length > 0) refused++
		uncertainRegions += detection.uncertain.length
		const withUncertain = [...detection.spans, ...detection.uncertain]
		for (const gold of record.spans) {
			const { category, counted } = categorize(gold, record.text)
			const row = recall.get(category) ?? {
				category,
				counted,
				gold: 0,
				found: 0,
				fullyCovered: 0,
				foundWithUncertain: 0,
			}
			row.gold++
			const found = detection.spans.some((s) => overlaps(s, gold))
			if (found) row.found++
			else if (counted) missed.add(record.id)
			if (fullyCovered(gold, record.text, detection.spans)) row.fullyCovered++
			if (withUncertain.some((s) => overlaps(s, gold))) row.foundWithUncertain++
			recall.set(category, row)
		}
		for (const span of detection.spans) {
			const row = precision.get(span.label) ?? { label: span.label, detected: 0, correct: 0 }
			row.detected++
			if (record.spans.some((g) => overlaps(g, span))) row.correct++
			precision.set(span.label, row)
		}
	}
	const sortRows = <T extends { gold?: number; detected?: number }>(rows: T[]) =>
		rows.sort((a, b) => (b.gold ?? b.detected ?? 0) - (a.gold ?? a.detected ?? 0))
	return {
		n: records.length,
		recall: sortRows([...recall.values()]),
		precision: sortRows([...precision.values()]),
		refused,
		missedIds: [...missed],
		uncertainRegions,
		elapsedMs,
	}
}

/** The totals of the rows that count (Safe Harbor categories). */
export function totals(rows: RecallRow[]): RecallRow {
	const total: RecallRow = {
		category: 'Safe Harbor, all',
		counted: true,
		gold: 0,
		found: 0,
		fullyCovered: 0,
		foundWithUncertain: 0,
	}
	for (const r of rows) {
		if (!r.counted) continue
		total.gold += r.gold
		total.found += r.found
		total.fullyCovered += r.fullyCovered
		total.foundWithUncertain += r.foundWithUncertain
	}
	return total
}

/** CSV rows keyed by the header row (RFC 4180: quoted fields may hold commas, quotes, line breaks). */
export function parseCsv(text: string): Array<Record<string, string>> {
	const rows = parseCsvRows(text)
	const [header, ...body] = rows.filter((r) => r.length > 1 || (r[0] ?? '') !== '')
	if (!header) return []
	return body.map((r) => Object.fromEntries(header.map((h, i) => [h, r[i] ?? ''])))
}

export type AciName = {
	role: 'patient first name' | 'patient family name' | 'clinician'
	value: string
}

/** The synthetic names of one ACI-Bench encounter, from its metadata row. */
export function aciNames(meta: Record<string, string>): AciName[] {
	const names: AciName[] = []
	const first = (meta.patient_firstname ?? '').trim()
	const family = (meta.patient_familyname ?? '').trim()
	if (first) names.push({ role: 'patient first name', value: first })
	if (family) names.push({ role: 'patient family name', value: family })
	// "Dr. Gutierrez", "sanders", "scott good": the name as written, without the title
	const clinician = (meta.doctor_name ?? '').replace(/\bdr\.?\s*/gi, '').trim()
	if (clinician.length >= 2) names.push({ role: 'clinician', value: clinician })
	return names
}

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')

/** Gold spans for every whole-word, case-insensitive occurrence of the encounter's names. */
export function aciGold(id: string, text: string, names: AciName[]): GoldRecord {
	const spans: GoldSpan[] = []
	for (const name of names) {
		const re = new RegExp(`(?<![\\p{L}])${escapeRegExp(name.value)}(?![\\p{L}])`, 'giu')
		for (const m of text.matchAll(re)) {
			spans.push({ start: m.index, end: m.index + m[0].length, label: name.role })
		}
	}
	return { id, text, spans }
}

export const aciCategory = (span: GoldSpan) => ({ category: `NAME: ${span.label}`, counted: true })
