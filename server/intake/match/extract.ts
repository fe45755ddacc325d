import { findDates, isPlausibleBirthDate, readCompactDate, todayOf, type Today } from './dates.ts'
import { isKnownGivenName } from './nicknames.ts'
import { fuzzyLabel, repairDigits, repairNameToken } from './ocr-text.ts'
import type { DemographicField, DemographicSpan, Demographics, Extraction } from './types.ts'

/**
 * What a fax's text says about whom it concerns (ADR 036). General mechanisms, no template:
 *
 * - labels, tolerant of OCR's look-alikes and broken spacing, say what a value is (a patient's
 *   name, a birth date, a record number, a phone number);
 * - each line has a role, `patient`, `other` (a sender, recipient, physician, pharmacy or clinic)
 *   or `neutral`, set by the labels and section headings it carries and kept until a blank line
 *   or another heading: a bare "Name:" or "Phone:" belongs to the role it stands in, and a name
 *   under a sender's label, with a doctor's title or a practice's word in it, is never the
 *   patient's;
 * - a name with no patient label is taken only beside a labelled birth date.
 *
 * Every value comes with the span it was read from. Nothing read here is logged.
 */

type Role = 'patient' | 'other' | 'neutral'
type Line = { start: number; end: number; role: Role }
type Found<T> = { value: T; start: number; end: number; rank: number }
type Name = { given: string; family: string }

const SEPARATOR = String.raw`[\s]*[:;=]`

// ——— Names ———

/** Labels whose value is the patient's name; rank orders the readings when several are found. */
const PATIENT_NAME_LABELS: { source: string; rank: number }[] = [
	{
		source: String.raw`(?:patient|pt\.?|member|client|resident|subscriber)'?s?\s*(?:full\s+|legal\s+)?name\s*[:;=#\-]?`,
		rank: 0,
	},
	{ source: String.raw`name\s+of\s+(?:the\s+)?patient\s*[:;=\-]?`, rank: 0 },
	{ source: String.raw`(?:patient|pt\.?)${SEPARATOR}`, rank: 0 },
	{ source: String.raw`name${SEPARATOR}`, rank: 1 },
	{ source: String.raw`(?:re|regarding|subject|in\s+re)${SEPARATOR}`, rank: 2 },
]

/** Separate fields: "Last Name: SMITH   First Name: JOHN". */
const FAMILY_LABEL = String.raw`(?:last|family|sur)\s*name${SEPARATOR}?`
const GIVEN_LABEL = String.raw`(?:first|given)\s*name${SEPARATOR}?`

/** A word before "Name:" that makes it someone else's name. */
const OTHER_PARTY_WORDS =
	/\b(?:prescriber|provider|physician|doctor|dr|referring|ordering|requesting|attending|sender|recipient|contact|facility|clinic|practice|pharmacy|pharmacist|company|agent|attorney|requestor|requester|signature|guarantor|insured|parent|guardian|emergency|nurse|office|practitioner|staff|plan|payer|employer|user|preparer|lab|laboratory|hospital|organization|from|to|attn)\W*$/i

/** Headings and labels that start a stretch about someone other than the patient. */
const OTHER_ROLE_LINE = new RegExp(
	String.raw`^\s*(?:from|to|attn|attention|sender|recipient|cc|prescriber|provider|physician|referring|ordering|requesting|attending|consulting|primary\s+care|pcp|pharmacy|pharmacist|facility|practice|signed|electronically\s+signed|dictated|transcribed|reviewed\s+by|sincerely|regards|dear|insurance|payer|plan)\b`,
	'i',
)
/** Headings and labels that start a stretch about the patient. */
const PATIENT_ROLE_LINE = new RegExp(
	String.raw`^\s*(?:${fuzzyLabel('patient')}|pt\b|member|client|resident|re\s*[:;]|regarding|subject\s*[:;]|demographics)`,
	'i',
)

/** Words that make a run of capitalized words a heading, an organization or a role, not a person. */
const NOT_NAME_WORDS = new Set(
	`patient pt name names dob birth date born sex gender male female age mrn chart record records medical
	medicine health hospital clinic center centre associates associate group practice pharmacy
	laboratory lab labs reference imaging radiology cardiology oncology orthopaedic orthopedic surgeons
	surgery surgical family internal pediatrics pediatric urgent care department dept office manager
	services service management information request requests referral consult consultation note notes
	report reports summary discharge admission progress history physical result results fax facsimile
	cover sheet page pages transmittal confidential confidentiality notice to from attn re regarding
	subject phone tel telephone cell mobile home address street st ave avenue road rd suite floor city
	state zip insurance member plan prior authorization form prescription refill rx order orders
	test exam impression findings diagnosis reason dear sincerely thank thanks you your our the and of
	for with at in on by llp llc inc ltd pc pa pllc md do np rn dds phd dr doctor mr mrs ms miss
	physician provider prescriber nurse unknown none other sender recipient special offer today
	electronically signed dictated visit service collected received specimen account acct id number no
	university county general memorial saint st mount mt north south east west valley lakeshore riverside
	northgate westfield greenway hartwell pike copier upgrade`
		.split(/\s+/)
		.filter(Boolean),
)
/** Credentials after a name (case-sensitive: "Do" and "Pa" are family names too, "DO" only after a comma). */
const PROFESSIONAL_SUFFIX =
	/(?:^|[\s,])(?:M\.D\.?|MD|NP|FNP|APRN|CRNP|PA-C|RN|Ph\.?D|DDS|DMD|PharmD|MBBS|FACP|FACC|LPN|CNM|MSW|LCSW)(?![A-Za-z])|,\s*(?:D\.?O\.?|PA)(?![A-Za-z])/
const NAME_PARTICLES = new Set([
	'de',
	'del',
	'della',
	'la',
	'le',
	'van',
	'von',
	'der',
	'den',
	'da',
	'di',
	'du',
	'dos',
	'bin',
	'ibn',
	'al',
	'el',
	'ter',
])
const TITLE_PREFIX = /^(?:mr|mrs|ms|miss|mx)\.?\s+/i
const DOCTOR_PREFIX = /^(?:dr|doctor)\b\.?/i
const NAME_SUFFIX = /^(?:jr|sr|ii|iii|iv|v)\.?$/i

/** Where a value written after a label stops: the next label, a wide gap, a date or a number. */
const VALUE_END = new RegExp(
	[
		String.raw`(?<![,\s])\s{2,}(?![,\s])`,
		String.raw`\t`,
		String.raw`[|;]`,
		String.raw`\s*\(?\b(?:${fuzzyLabel('dob')}|d\.\s?o\.\s?b|d\s+o\s+b|date|born|sex|gender|age|mrn|mr\s*#|${fuzzyLabel('id')}\b|acct|account|phone|tel|ph\b|dos|ssn|chart|member\s+id|med\s+rec|birth\w*)(?![A-Za-z])`,
		String.raw`\s+[A-Za-z][A-Za-z.#']*\s*:`,
		String.raw`(?<![A-Za-z])\d`,
	].join('|'),
	'i',
)

export function extractDemographics(original: string, options: { today?: Date } = {}): Extraction {
	const today = todayOf(options.today)
	// Accents folded one character for one ("JESÚS" → "JESUS"), so every span still points into
	// the original text; names are compared accent-free anyway (score.ts nameParts).
	const text = foldAccents(original)
	const digits = repairDigits(text)
	const lines = splitLines(text)
	const birthDates = findBirthDates(text, digits, today)
	const names = findNames(text, lines, birthDates)
	if (!birthDates.some((d) => d.rank === 0))
		birthDates.push(...unlabelledBirthDates(digits, lines, names, today))
	const mrns = findMrns(digits)
	const phones = findPhones(digits, lines)

	const spans: DemographicSpan[] = []
	const keep = <T>(found: Found<T>[], field: DemographicField, key: (v: T) => string): T[] => {
		const ordered = [...found].sort((a, b) => a.rank - b.rank || a.start - b.start)
		const seen = new Map<string, T>()
		for (const f of ordered) {
			if (!seen.has(key(f.value))) seen.set(key(f.value), f.value)
			spans.push({ start: f.start, end: f.end, field })
		}
		return [...seen.values()]
	}
	const demographics: Demographics = {
		names: keep(names, 'name', (n) => `${n.given.toLowerCase()}|${n.family.toLowerCase()}`),
		birthDates: keep(birthDates, 'birthDate', (d) => d),
		mrns: keep(mrns, 'mrn', (m) => m),
		phones: keep(phones, 'phone', (p) => p),
	}
	const sex = findSex(text, lines)
	if (sex) demographics.sex = sex
	spans.sort((a, b) => a.start - b.start || a.end - b.end)
	return { demographics, spans }
}

// ——— Lines and their roles ———

function splitLines(text: string): Line[] {
	const lines: Line[] = []
	let role: Role = 'neutral'
	let start = 0
	for (const raw of text.split(/\r?\n|\f/)) {
		const end = start + raw.length
		const separatorLength = text.startsWith('\r\n', end) ? 2 : 1
		if (raw.trim() === '') role = 'neutral'
		else if (PATIENT_ROLE_LINE.test(raw)) role = 'patient'
		else if (OTHER_ROLE_LINE.test(raw) || isOtherHeading(raw)) role = 'other'
		else if (isPatientHeading(raw)) role = 'patient'
		lines.push({ start, end, role })
		start = end + separatorLength
	}
	return lines
}

function isOtherHeading(line: string): boolean {
	return (
		!line.includes(':') &&
		/\b(?:prescriber|provider|physician|sender|recipient|pharmacy|facility|referring|ordering|requesting)\b/i.test(
			line,
		) &&
		line.trim().split(/\s+/).length <= 5
	)
}

function isPatientHeading(line: string): boolean {
	return (
		!line.includes(':') &&
		/\b(?:patient|member|enrollee|beneficiary)\b/i.test(line) &&
		line.trim().split(/\s+/).length <= 4
	)
}

function lineAt(lines: Line[], offset: number): Line {
	let lo = 0
	let hi = lines.length - 1
	while (lo < hi) {
		const mid = (lo + hi + 1) >> 1
		if ((lines[mid]?.start ?? 0) <= offset) lo = mid
		else hi = mid - 1
	}
	return lines[lo] ?? { start: 0, end: 0, role: 'neutral' }
}

// ——— Names ———

function findNames(text: string, lines: Line[], birthDates: FoundBirthDate[]): Found<Name>[] {
	const found: Found<Name>[] = []
	const others = otherPartyWords(text)
	for (const { source, rank } of PATIENT_NAME_LABELS) {
		const regex = new RegExp(String.raw`(?<![A-Za-z])(?:${fuzzyLabel(source)})[ \t]*`, 'gi')
		for (let m = regex.exec(text); m; m = regex.exec(text)) {
			const line = lineAt(lines, m.index)
			const before = text.slice(line.start, m.index)
			if (rank === 1) {
				// A bare "Name:" is the patient's unless a role word qualifies it or it stands in a
				// stretch about someone else.
				if (OTHER_PARTY_WORDS.test(before) || line.role === 'other') continue
				if (/[A-Za-z]\s?$/.test(before) && !/\b(?:patient|pt|member|client)\W*$/i.test(before))
					continue
			}
			const valueStart = m.index + m[0].length
			const reading = readNameValue(text, valueStart, line.end)
			if (!reading) continue
			if (rank === 2 && isOtherParty(reading.value, others)) continue
			found.push({ ...reading, rank })
		}
	}
	found.push(...separateNameFields(text, lines))
	// No labelled name: a name written beside a labelled birth date ("DOB 03/04/1956 John Smith").
	if (found.length === 0) {
		for (const date of birthDates.filter((d) => d.rank === 0)) {
			const line = lineAt(lines, date.start)
			const after = readNameValue(text, date.end, line.end, /^[\s,;:\-–)]*/)
			if (after && !isOtherParty(after.value, others)) found.push({ ...after, rank: 3 })
			const head = text.slice(line.start, date.labelStart ?? date.start)
			const beforeMatch = /([A-Z][A-Za-z'’.-]*(?:,?\s+[A-Z][A-Za-z'’.-]*){1,3})[\s,;:(\-–]*$/.exec(
				head,
			)
			if (beforeMatch?.[1]) {
				const start = line.start + beforeMatch.index
				const before = readNameValue(text, start, start + beforeMatch[1].length)
				if (before && !isOtherParty(before.value, others)) found.push({ ...before, rank: 3 })
			}
		}
	}
	return found
}

function separateNameFields(text: string, lines: Line[]): Found<Name>[] {
	const family = new RegExp(String.raw`(?<![A-Za-z])${fuzzyLabel(FAMILY_LABEL)}[ \t]*`, 'gi')
	const out: Found<Name>[] = []
	for (let m = family.exec(text); m; m = family.exec(text)) {
		const line = lineAt(lines, m.index)
		if (line.role === 'other' || OTHER_PARTY_WORDS.test(text.slice(line.start, m.index))) continue
		const familyValue = readToken(text, m.index + m[0].length, line.end)
		if (!familyValue) continue
		// The given name on the same line or within the next two.
		const window = text.slice(line.start, Math.min(text.length, line.end + 200))
		const given = new RegExp(String.raw`(?<![A-Za-z])${fuzzyLabel(GIVEN_LABEL)}[ \t]*`, 'i').exec(
			window,
		)
		if (!given) continue
		const givenStart = line.start + given.index + given[0].length
		const givenValue = readToken(text, givenStart, lineAt(lines, givenStart).end)
		if (!givenValue) continue
		out.push({
			value: { given: givenValue.word, family: familyValue.word },
			start: Math.min(familyValue.start, givenValue.start),
			end: Math.max(familyValue.end, givenValue.end),
			rank: 0,
		})
	}
	return out
}

function readToken(
	text: string,
	start: number,
	limit: number,
): { word: string; start: number; end: number } | null {
	const m = /^[\s:;=]*([A-Za-z0-9|][A-Za-z0-9|'’-]*)/.exec(text.slice(start, limit))
	if (!m?.[1]) return null
	const word = repairNameToken(m[1])
	if (!/^[A-Za-z][A-Za-z'’-]+$/.test(word) || NOT_NAME_WORDS.has(word.toLowerCase())) return null
	const tokenStart = start + m[0].length - m[1].length
	return { word: displayCase(word), start: tokenStart, end: tokenStart + m[1].length }
}

/** Reads a person's name written from `start`; null when what is written there is not one. */
function readNameValue(
	text: string,
	start: number,
	limit: number,
	lead = /^[ \t]*/,
): { value: Name; start: number; end: number } | null {
	let from = start + (lead.exec(text.slice(start, limit))?.[0].length ?? 0)
	let rest = text.slice(from, limit)
	// A second label right after the first ("RE: Patient: ...") is read by its own match.
	if (/^[A-Za-z][A-Za-z ]{0,20}[:;]/.test(rest)) return null
	if (DOCTOR_PREFIX.test(rest)) return null
	const title = TITLE_PREFIX.exec(rest)
	if (title) {
		from += title[0].length
		rest = rest.slice(title[0].length)
	}
	const stop = VALUE_END.exec(rest)
	let value = stop ? rest.slice(0, stop.index) : rest
	if (PROFESSIONAL_SUFFIX.test(value)) return null
	value = value.replace(/\([^)]*\)?/g, (m) => ' '.repeat(m.length)).replace(/[\s,.-]+$/, '')
	const name = parseName(value)
	if (!name) return null
	const leading = value.length - value.trimStart().length
	return { value: name, start: from + leading, end: from + value.length }
}

/** "SMITH, JOHN A" · "John A. Smith" · "Smith John" → given and family; null if not a person's name. */
export function parseName(written: string): Name | null {
	const value = written.trim()
	if (value.length < 3 || value.length > 60) return null
	const comma = value.indexOf(',')
	if (comma > 0) {
		const family = words(value.slice(0, comma))
		const given = words(value.slice(comma + 1))
		const familyFull = family?.filter((w) => !isInitial(w)) ?? []
		const givenFull = given?.filter((w) => !isInitial(w)) ?? []
		if (!family || !given || familyFull.length === 0 || familyFull.length > 3) return null
		if (givenFull.length === 0 || givenFull.length > 3) return null
		return { given: givenFull[0] ?? '', family: familyFull.join(' ') }
	}
	const all = words(value)
	if (!all || all.length < 2 || all.length > 5) return null
	const full = all.filter((w) => !isInitial(w))
	if (full.length < 2 || full.length > 4) return null
	const first = full[0] ?? ''
	const last = full[full.length - 1] ?? ''
	// A trailing initial ("SMITH JOHN A") puts the family name first; a middle one the given.
	if (isInitial(all[all.length - 1] ?? '') && full.length === 2)
		return { given: last, family: first }
	if (full.length === 2 && !isInitial(all[1] ?? '')) {
		const firstGiven = isKnownGivenName(first.toLowerCase())
		const lastGiven = isKnownGivenName(last.toLowerCase())
		if (lastGiven && !firstGiven) return { given: last, family: first }
	}
	return { given: first, family: last }
}

/** The words of a name, repaired and in display case; null if any is not a name's word. */
function words(part: string): string[] | null {
	const tokens = part.split(/\s+/).filter(Boolean).map(repairNameToken)
	const out: string[] = []
	for (const token of tokens) {
		if (NAME_SUFFIX.test(token)) continue
		if (!/^[A-Za-z][A-Za-z'’-]*\.?$/.test(token)) return null
		if (!/^[A-Z]/.test(token)) {
			// Particles of a family name ("de la Cruz", "van der Berg") may be lower case.
			if (out.length > 0 && NAME_PARTICLES.has(token)) {
				out.push(token)
				continue
			}
			return null
		}
		const bare = token.replace(/\.$/, '')
		if (NOT_NAME_WORDS.has(bare.toLowerCase())) return null
		out.push(displayCase(bare))
	}
	return out
}

function isInitial(word: string): boolean {
	return /^[A-Za-z]\.?$/.test(word)
}

/** All-capital names become "O'Connell", "Tanabe-Ross"; names in mixed case are kept. */
function displayCase(word: string): string {
	if (word !== word.toUpperCase() || word.length === 1) return word
	return word
		.toLowerCase()
		.replace(/(^|['’-])([a-z])/g, (_, p: string, c: string) => p + c.toUpperCase())
}

/** Words of the names of senders, recipients and physicians: never read as the patient's. */
function otherPartyWords(text: string): Set<string> {
	const words = new Set<string>()
	const add = (value: string) => {
		for (const w of value.split(/[^A-Za-z'’-]+/)) if (w.length > 1) words.add(w.toLowerCase())
	}
	const labelled =
		/(?:^|\n)[ \t]*(?:from|to|attn|attention|cc|sender|recipient|referring[^:\n]*|ordering[^:\n]*|requesting[^:\n]*|attending[^:\n]*|prescriber[^:\n]*|provider[^:\n]*|physician[^:\n]*|signed by|sincerely|dear)[ \t]*[:,]?[ \t]*([^\n]*)/gi
	for (let m = labelled.exec(text); m; m = labelled.exec(text)) add(m[1] ?? '')
	const titled =
		/\b(?:Dr|Doctor)\.?\s+([A-Z][A-Za-z'’-]+(?:\s+[A-Z]\.?)?(?:\s+[A-Z][A-Za-z'’-]+)?)/g
	for (let m = titled.exec(text); m; m = titled.exec(text)) add(m[1] ?? '')
	const credentialed =
		/([A-Z][A-Za-z'’-]+(?:\s+[A-Z]\.?)?\s+[A-Z][A-Za-z'’-]+),?\s+(?:M\.?D|D\.?O|NP|PA-C|RN|PhD)\b/g
	for (let m = credentialed.exec(text); m; m = credentialed.exec(text)) add(m[1] ?? '')
	return words
}

function isOtherParty(name: Name, others: Set<string>): boolean {
	return others.has(name.family.toLowerCase()) && others.has(name.given.toLowerCase())
}

// ——— Birth dates ———

const BIRTH_LABEL = new RegExp(
	String.raw`(?<![A-Za-z])(?:${fuzzyLabel('dob')}|d\s?\.\s?o\s?\.\s?b\.?|d\s+o\s+b|date\s+of\s+birth|birth\s*date|${fuzzyLabel('birthdate')}|born(?:\s+on)?|b-?day)(?:\s*/\s*age)?[\s:;#=\-.)(]*`,
	'gi',
)

type FoundBirthDate = Found<string> & { labelStart?: number }

function findBirthDates(text: string, digits: string, today: Today): FoundBirthDate[] {
	const dates = findDates(digits, today)
	const out: FoundBirthDate[] = []
	BIRTH_LABEL.lastIndex = 0
	for (let m = BIRTH_LABEL.exec(text); m; m = BIRTH_LABEL.exec(text)) {
		const after = m.index + m[0].length
		const date = dates.find((d) => d.start >= after && d.start - after <= 3)
		if (date && isPlausibleBirthDate(date.iso, today)) {
			out.push({ value: date.iso, start: date.start, end: date.end, rank: 0, labelStart: m.index })
			continue
		}
		const compact = /^(\d{8})(?!\d)/.exec(digits.slice(after))
		const iso = compact?.[1] ? readCompactDate(compact[1], today) : null
		if (iso && isPlausibleBirthDate(iso, today))
			out.push({ value: iso, start: after, end: after + 8, rank: 0, labelStart: m.index })
	}
	return out
}

/** No labelled birth date: a date on the patient's name line that no other date label claims. */
function unlabelledBirthDates(
	digits: string,
	lines: Line[],
	names: Found<Name>[],
	today: Today,
): Found<string>[] {
	const out: Found<string>[] = []
	const nameLines = new Set(names.map((n) => lineAt(lines, n.start)))
	for (const line of nameLines) {
		const lineText = digits.slice(line.start, line.end)
		for (const date of findDates(lineText, today)) {
			const before = lineText.slice(Math.max(0, date.start - 24), date.start)
			if (
				/\b(?:date|dos|service|visit|admit|admitted|discharge|collected|received|exam|signed|sent|reported|ordered|printed|seen|on)\b[^A-Za-z]*$/i.test(
					before,
				)
			)
				continue
			if (!isPlausibleBirthDate(date.iso, today) || date.iso.slice(0, 4) === String(today.year))
				continue
			out.push({
				value: date.iso,
				start: line.start + date.start,
				end: line.start + date.end,
				rank: 1,
			})
		}
	}
	return out
}

/** Each accented Latin letter as its base letter, one character for one. */
export function foldAccents(text: string): string {
	return text.replace(/[\u00C0-\u024F]/g, (c) => {
		const base = c.normalize('NFD')[0] ?? c
		return /[A-Za-z]/.test(base) ? base : c
	})
}

// ——— Record numbers ———

const MRN_LABEL = new RegExp(
	String.raw`(?<![A-Za-z])(?<label>m\s?r\s?n|m\s?\.?\s?r\s?\.?\s?#|m\.r\.|mr\s*(?:no|num|number)\.?|med(?:ical)?\.?\s*rec(?:ord)?s?\.?\s*(?:no|num|number|#)?\.?|${fuzzyLabel('chart')}\s*(?:#|no\.?|num(?:ber)?)|(?:${fuzzyLabel('patient')}|pt\.?)\s*(?:${fuzzyLabel('id')}|#|no\.?|num(?:ber)?)|(?:hospital|unit)\s*(?:#|no\.?|num(?:ber)?)|record\s*(?:#|no\.?))(?![A-Za-z])(?<separator>[\s:;#=.\-]*)`,
	'gi',
)

function findMrns(digits: string): Found<string>[] {
	const out: Found<string>[] = []
	MRN_LABEL.lastIndex = 0
	for (let m = MRN_LABEL.exec(digits); m; m = MRN_LABEL.exec(digits)) {
		const before = digits.slice(Math.max(0, m.index - 16), m.index)
		if (
			/\b(?:acct|account|member|encounter|visit|claim|order|accession|policy|group|insurance|subscriber)\W*$/i.test(
				before,
			)
		)
			continue
		// "Medical records" in prose is not a label: it needs a number word or a colon.
		const label = m.groups?.label ?? ''
		if (
			!/(?:mrn|#|no|num|number|[il1|!]d|m\.r\.)\.?$/i.test(label.trim()) &&
			!/[:#=]/.test(m.groups?.separator ?? '')
		)
			continue
		const start = m.index + m[0].length
		const value = /^[A-Za-z0-9][A-Za-z0-9-]{1,63}/
			.exec(digits.slice(start))?.[0]
			?.replace(/-+$/, '')
		if (!value || (value.match(/\d/g)?.length ?? 0) < 3) continue
		out.push({ value: value.toUpperCase(), start, end: start + value.length, rank: 0 })
	}
	return out
}

// ——— Phones ———

const PHONE =
	/(?<![\d\-.])(?:\+?1[\s.-]?)?\(?([2-9]\d{2})\)?[\s.-]{0,2}(\d{3})[\s.-]{0,2}(\d{4})(?![\d])/g
const TOLL_FREE = new Set(['800', '833', '844', '855', '866', '877', '888'])

function findPhones(digits: string, lines: Line[]): Found<string>[] {
	const out: Found<string>[] = []
	PHONE.lastIndex = 0
	for (let m = PHONE.exec(digits); m; m = PHONE.exec(digits)) {
		const number = `${m[1]}${m[2]}${m[3]}`
		if (TOLL_FREE.has(m[1] ?? '')) continue
		const line = lineAt(lines, m.index)
		const label = digits.slice(Math.max(line.start, m.index - 40), m.index)
		const nearest = /([A-Za-z][A-Za-z .#'/]*?)[\s:;#.\-=]*$/.exec(label)?.[1] ?? ''
		if (/\b(?:fax|fx|facsimile)\b/i.test(nearest)) continue
		if (
			/\b(?:office|clinic|prescriber|provider|physician|pharmacy|doctor|dr|from|to|attn|emergency|employer|insurance|call|callback|practice|lab|facility|sender|nurse)\b/i.test(
				nearest,
			)
		)
			continue
		const patientLabel = /\b(?:patient|pt|member|home|cell|mobile|contact|primary)\b/i.test(nearest)
		const phoneLabel =
			/\b(?:phone|ph|tel|telephone|number|#)\W*$/i.test(nearest) ||
			/\b(?:phone|ph|tel|telephone)\b/i.test(nearest)
		if (patientLabel || (phoneLabel && line.role === 'patient'))
			out.push({
				value: number,
				start: m.index,
				end: m.index + m[0].length,
				rank: patientLabel ? 0 : 1,
			})
	}
	return out
}

// ——— Sex ———

function findSex(text: string, lines: Line[]): 'female' | 'male' | null {
	const regex = /(?<![A-Za-z])(?:sex|gender)\s*[:;=]?\s*(female|male|f|m)(?![A-Za-z])/gi
	for (let m = regex.exec(text); m; m = regex.exec(text)) {
		if (lineAt(lines, m.index).role === 'other') continue
		return (m[1] ?? '').toLowerCase().startsWith('f') ? 'female' : 'male'
	}
	return null
}
