import type { CodeableConcept, Quantity, Reference } from '../fhir/resources.ts'

/**
 * Small, pure helpers the FHIR document builders share: dates as YYYY-MM-DD, the display of a
 * CodeableConcept, a code with its system's short name, quantities, and resolving references
 * (`Patient/x`, `urn:uuid:x`, absolute URLs) to resource ids. They only reformat what a resource
 * holds; they never add a fact.
 */

const DATE = /^(\d{4})(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?)?/
const DATE_TIME = /^\d{4}(-\d{2}(-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})?)?)?)?$/

/** The date part of a FHIR date or dateTime ("2019-02-11", or "2019-02" / "2019" when partial). */
export function day(value: string | undefined | null): string | null {
	if (!value) return null
	const match = DATE.exec(value)
	return match ? match[0] : null
}

/** A FHIR date or dateTime kept as written when it is valid ISO 8601, else null. */
export function instant(value: string | undefined | null): string | null {
	if (!value || !DATE_TIME.test(value)) return null
	return Number.isNaN(Date.parse(value.length === 4 ? `${value}-01-01` : value)) ? null : value
}

/** The newest of some dates (ISO strings compare as text); null when none. */
export function newest(dates: ReadonlyArray<string | null | undefined>): string | null {
	let best: string | null = null
	for (const d of dates) if (d && (!best || d > best)) best = d
	return best
}

/** Newest first; undated last. */
export function byDateDesc<T>(dateOf: (item: T) => string | null) {
	return (a: T, b: T) => {
		const x = dateOf(a)
		const y = dateOf(b)
		if (x === y) return 0
		if (!x) return 1
		if (!y) return -1
		return x > y ? -1 : 1
	}
}

export function unique<T>(items: Iterable<T>): T[] {
	return [...new Set(items)]
}

/** What a clinician reads for a concept: its text, else the first display, else the first code. */
export function conceptText(concept: CodeableConcept | undefined | null): string | null {
	if (!concept) return null
	const text = concept.text?.trim()
	if (text) return text
	for (const c of concept.coding ?? []) if (c.display?.trim()) return c.display.trim()
	for (const c of concept.coding ?? []) if (c.code?.trim()) return c.code.trim()
	return null
}

/** The first code of a concept, e.g. `active` of a clinicalStatus. */
export function conceptCode(concept: CodeableConcept | undefined | null): string | null {
	return concept?.coding?.find((c) => c.code)?.code ?? null
}

const SYSTEMS: Record<string, string> = {
	'http://snomed.info/sct': 'SNOMED',
	'http://loinc.org': 'LOINC',
	'http://www.nlm.nih.gov/research/umls/rxnorm': 'RxNorm',
	'http://hl7.org/fhir/sid/icd-10-cm': 'ICD-10-CM',
	'http://hl7.org/fhir/sid/icd-10': 'ICD-10',
	'http://hl7.org/fhir/sid/icd-9-cm': 'ICD-9-CM',
	'http://hl7.org/fhir/sid/cvx': 'CVX',
	'http://www.ama-assn.org/go/cpt': 'CPT',
}

/** "SNOMED 38341003" for the first coding of a known code system; null otherwise. */
export function codeLabel(concept: CodeableConcept | undefined | null): string | null {
	for (const c of concept?.coding ?? []) {
		const system = c.system ? SYSTEMS[c.system] : undefined
		if (system && c.code) return `${system} ${c.code}`
	}
	return null
}

/** A stable grouping key for a concept: its first system|code, else its text. */
export function conceptKey(concept: CodeableConcept | undefined | null): string {
	const coded = concept?.coding?.find((c) => c.code)
	if (coded) return `${coded.system ?? ''}|${coded.code}`
	return `text|${(conceptText(concept) ?? '').toLowerCase()}`
}

/** Numbers as a clinician reads them: at most two decimals (small values: two significant digits). */
export function formatNumber(n: number): string {
	if (Number.isInteger(n)) return String(n)
	const abs = Math.abs(n)
	const text = abs >= 0.1 ? n.toFixed(2) : n.toPrecision(2)
	return String(Number(text))
}

export function formatQuantity(q: Quantity | undefined | null): string | null {
	if (!q || q.value === undefined) return null
	const unit = q.unit ?? q.code
	return `${q.comparator ?? ''}${formatNumber(q.value)}${unit ? ` ${unit}` : ''}`
}

/**
 * The id a reference points at: `Patient/abc`, `urn:uuid:abc`, `https://host/fhir/Patient/abc`
 * or `Patient/abc/_history/2` → `abc`. Conditional references (`Practitioner?identifier=…`) and
 * contained ones (`#x`) resolve to null.
 */
export function refId(ref: Reference | undefined | null): string | null {
	const value = ref?.reference?.trim()
	if (!value || value.includes('?') || value.startsWith('#')) return null
	if (value.startsWith('urn:uuid:') || value.startsWith('urn:oid:'))
		return value.slice(value.indexOf(':', 4) + 1) || null
	const parts = value.split('/').filter(Boolean)
	const history = parts.indexOf('_history')
	const id = history > 0 ? parts[history - 1] : parts[parts.length - 1]
	return id && /^[A-Za-z0-9\-.]{1,64}$/.test(id) ? id : null
}

/** A sentence-ish list: "a, b and c". */
export function joinList(items: string[]): string {
	if (items.length <= 1) return items[0] ?? ''
	return `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`
}

/** Identical lines collapsed, keeping order: "x" ×3 → "x (×3)". */
export function collapseRepeats(lines: string[]): string[] {
	const counts = new Map<string, number>()
	for (const line of lines) counts.set(line, (counts.get(line) ?? 0) + 1)
	return [...counts].map(([line, n]) => (n > 1 ? `${line} (×${n})` : line))
}
