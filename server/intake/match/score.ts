import { areNicknames } from './nicknames.ts'
import { jaroWinkler } from './string-metrics.ts'
import type {
	Candidate,
	Demographics,
	Evidence,
	EvidenceField,
	EvidenceOutcome,
	MatchGrade,
	PatientRecord,
} from './types.ts'

/**
 * Fellegi–Sunter scoring (ADR 036). For each field, m = P(outcome | same person) and
 * u = P(outcome | different people); the weight of an outcome is log2(m / u), and a candidate's
 * score is the sum over the fields both sides have. A field missing on either side weighs 0:
 * missing is not disagreement.
 *
 * The m values allow for OCR and clerical error and, for the record number, for faxes that carry
 * the sender's own number; the u values are the chance that two different people agree by
 * accident in a patient index of about a million. They are priors from the record-linkage
 * literature, written down here rather than estimated (no labelled pairs exist yet); the
 * evaluation suite is where they are checked.
 */
export type Probabilities = { m: number; u: number }

export const MATCH_PROBABILITIES = {
	mrn: {
		agree: { m: 0.6, u: 1e-4 },
		disagree: { m: 0.4, u: 0.9999 },
	},
	birthDate: {
		agree: { m: 0.95, u: 4e-5 },
		/** Day and month transposed, or one digit off in one of them. */
		partial: { m: 0.03, u: 2e-4 },
		disagree: { m: 0.02, u: 0.99976 },
	},
	familyName: {
		/** Jaro–Winkler ≥ 0.94 (or one part of a compound name equal). */
		agree: { m: 0.92, u: 0.003 },
		/** Jaro–Winkler in [0.85, 0.94). */
		partial: { m: 0.05, u: 0.01 },
		disagree: { m: 0.03, u: 0.987 },
	},
	givenName: {
		/** Jaro–Winkler ≥ 0.94, or nicknames of one another (Bill / William). */
		agree: { m: 0.9, u: 0.01 },
		/** An initial for the name, Jaro–Winkler in [0.85, 0.94), or another of the given names. */
		partial: { m: 0.07, u: 0.04 },
		disagree: { m: 0.03, u: 0.95 },
	},
	phone: {
		agree: { m: 0.8, u: 1e-4 },
		disagree: { m: 0.2, u: 0.9999 },
	},
	sex: {
		agree: { m: 0.98, u: 0.5 },
		disagree: { m: 0.02, u: 0.5 },
	},
} as const satisfies Record<string, Partial<Record<EvidenceOutcome, Probabilities>>>

export const weightOf = ({ m, u }: Probabilities): number => Math.log2(m / u)

/** Jaro–Winkler bands for names. */
export const NAME_SIMILARITY = { agree: 0.94, partial: 0.85 } as const

/**
 * Grade thresholds on the total weight (see ADR 036 for the arithmetic): certain ≥ 38 is reached
 * by name + birth date + record number (≈ 41.8) or name + birth date + phone (≈ 42.2), not by
 * name + birth date alone (≈ 29.2, probable); possible ≥ 8 keeps a same-name near miss
 * (≈ 9.2) in front of a person while strangers who share only a birth date (≈ 4.5) drop out.
 */
export const GRADE_THRESHOLDS = { certain: 38, probable: 24, possible: 8 } as const

type Outcome = { outcome: EvidenceOutcome; weight: number }
const MISSING: Outcome = { outcome: 'missing', weight: 0 }

/** Graded candidates, best first; records below `possible` are left out. */
export function scoreCandidates(d: Demographics, records: PatientRecord[]): Candidate[] {
	const scored = records
		.map((record) => scoreRecord(d, record))
		.filter((c): c is Candidate => c !== null)
		.sort((a, b) => b.score - a.score || a.patientId.localeCompare(b.patientId))
	// Two certain candidates: the fax does not say which, so a person decides.
	if (scored.filter((c) => c.grade === 'certain').length > 1)
		for (const c of scored) if (c.grade === 'certain') c.grade = 'probable'
	return scored
}

function scoreRecord(d: Demographics, record: PatientRecord): Candidate | null {
	const name = compareNames(d.names, record)
	const evidence: Evidence[] = [
		{ field: 'name', ...name.combined },
		{ field: 'birthDate', ...compareBirthDates(d.birthDates, record.birthDate) },
		{ field: 'mrn', ...compareMrns(d.mrns, record.mrn) },
		{ field: 'phone', ...comparePhones(d.phones, record.phone) },
		{ field: 'sex', ...compareSex(d.sex, record.sex) },
	]
	const score = round(evidence.reduce((sum, e) => sum + e.weight, 0))
	const grade = gradeOf(score, evidence, name.bothAgree, sameName(d.names, record))
	if (!grade) return null
	return {
		patientId: record.id,
		score,
		grade,
		evidence: evidence.map((e) => ({ ...e, weight: round(e.weight) })),
	}
}

/**
 * `certain` needs the name (both parts) and the birth date agreeing and no field disagreeing —
 * a near miss (same name, another birth date) is never certain — and either the threshold (an
 * identifier agrees too: record number or phone) or the name written exactly as the record has
 * it (family name and first given name, letter for letter, a nickname not counting) with the
 * birth date. Outside faxes rarely carry this hospital's record number; the full name and birth
 * date together are the key a registration clerk files by. Two records that both qualify are
 * demoted to probable by scoreCandidates, so an index holding two people of the same name and
 * birth date never files either automatically; a sender's own record number, read as an MRN that
 * disagrees, keeps the fax for a person.
 */
function gradeOf(
	score: number,
	evidence: Evidence[],
	nameAgrees: boolean,
	nameExact: boolean,
): MatchGrade | null {
	const outcome = (field: EvidenceField) => evidence.find((e) => e.field === field)?.outcome
	const anyDisagree = evidence.some((e) => e.outcome === 'disagree')
	if (
		nameAgrees &&
		outcome('birthDate') === 'agree' &&
		!anyDisagree &&
		(score >= GRADE_THRESHOLDS.certain || (nameExact && score >= GRADE_THRESHOLDS.probable))
	)
		return 'certain'
	if (score >= GRADE_THRESHOLDS.probable) return 'probable'
	if (score >= GRADE_THRESHOLDS.possible) return 'possible'
	return null
}

/** Whether a name found is the record's family name and first given name, letter for letter. */
function sameName(found: Demographics['names'], record: PatientRecord): boolean {
	const family = nameParts(record.familyName).join('')
	const given = nameParts(record.givenName)[0]
	return found.some(
		(n) =>
			family.length > 0 &&
			nameParts(n.family).join('') === family &&
			given !== undefined &&
			nameParts(n.given)[0] === given,
	)
}

// ——— Names ———

function compareNames(
	names: Demographics['names'],
	record: PatientRecord,
): { combined: Outcome; bothAgree: boolean } {
	const recordGiven = nameParts(record.givenName)
	const recordFamily = nameParts(record.familyName)
	if (names.length === 0 || (recordGiven.length === 0 && recordFamily.length === 0))
		return { combined: MISSING, bothAgree: false }
	let best: { family: Outcome; given: Outcome } | null = null
	for (const name of names) {
		const readings = [
			{
				family: compareFamily(nameParts(name.family), recordFamily),
				given: compareGiven(nameParts(name.given), recordGiven),
			},
			// Written the other way round ("SMITH JOHN" read as given-first): at most partial.
			swapped(
				compareFamily(nameParts(name.given), recordFamily),
				compareGiven(nameParts(name.family), recordGiven),
			),
		]
		for (const reading of readings) {
			if (
				!best ||
				reading.family.weight + reading.given.weight > best.family.weight + best.given.weight
			)
				best = reading
		}
	}
	if (!best) return { combined: MISSING, bothAgree: false }
	const outcomes = [best.family.outcome, best.given.outcome]
	const present = outcomes.filter((o) => o !== 'missing')
	const outcome: EvidenceOutcome =
		present.length === 0
			? 'missing'
			: present.every((o) => o === 'agree')
				? 'agree'
				: present.every((o) => o === 'disagree')
					? 'disagree'
					: 'partial'
	return {
		combined: { outcome, weight: best.family.weight + best.given.weight },
		bothAgree: best.family.outcome === 'agree' && best.given.outcome === 'agree',
	}
}

/** A swapped reading agrees with the family name only in part: it never makes a name agree. */
function swapped(family: Outcome, given: Outcome): { family: Outcome; given: Outcome } {
	if (family.outcome !== 'agree' || given.outcome !== 'agree')
		return {
			family: outcomeOf('familyName', 'disagree'),
			given: outcomeOf('givenName', 'disagree'),
		}
	return { family, given: outcomeOf('givenName', 'partial') }
}

function compareFamily(found: string[], record: string[]): Outcome {
	if (found.length === 0 || record.length === 0) return MISSING
	const similarity = jaroWinkler(found.join(''), record.join(''))
	if (similarity >= NAME_SIMILARITY.agree) return outcomeOf('familyName', 'agree')
	// Compound names: "Tanabe-Ross" written "Tanabe", "Garcia Lopez" written "Garcia".
	const partMatch = found.some((f) =>
		record.some((r) => f.length > 1 && jaroWinkler(f, r) >= NAME_SIMILARITY.agree),
	)
	if (partMatch || similarity >= NAME_SIMILARITY.partial) return outcomeOf('familyName', 'partial')
	return outcomeOf('familyName', 'disagree')
}

function compareGiven(found: string[], record: string[]): Outcome {
	const first = found[0]
	const recordFirst = record[0]
	if (!first || !recordFirst) return MISSING
	// An initial only ("J. Smith"): agrees with the first letter at most in part.
	if (first.length === 1 || recordFirst.length === 1)
		return first[0] === recordFirst[0]
			? outcomeOf('givenName', 'partial')
			: outcomeOf('givenName', 'disagree')
	const joinedFound = found.join('')
	const joinedRecord = record.join('')
	const similarity = Math.max(
		jaroWinkler(first, recordFirst),
		jaroWinkler(joinedFound, joinedRecord),
	)
	if (similarity >= NAME_SIMILARITY.agree || areNicknames(first, recordFirst))
		return outcomeOf('givenName', 'agree')
	// A middle name used as the first ("Ann" for "Mary Ann"), or a near spelling.
	const otherGiven = record.slice(1).some((r) => jaroWinkler(first, r) >= NAME_SIMILARITY.agree)
	if (otherGiven || similarity >= NAME_SIMILARITY.partial) return outcomeOf('givenName', 'partial')
	return outcomeOf('givenName', 'disagree')
}

/** Lower-case letters of each part of a name ("O'Connell" → ["oconnell"], "Bao-Tran" → ["bao", "tran"]). */
export function nameParts(name: string): string[] {
	return name
		.normalize('NFD')
		.replace(/\p{M}/gu, '')
		.toLowerCase()
		.replace(/['’.]/g, '')
		.split(/[^a-z]+/)
		.filter(Boolean)
}

// ——— Birth date, record number, phone, sex ———

function compareBirthDates(found: string[], record: string): Outcome {
	if (found.length === 0 || !record) return MISSING
	let best = outcomeOf('birthDate', 'disagree')
	for (const date of found) {
		if (date === record) return outcomeOf('birthDate', 'agree')
		if (nearDate(date, record)) best = outcomeOf('birthDate', 'partial')
	}
	return best
}

/** Same year with day and month transposed, or one digit different in an otherwise equal date. */
function nearDate(a: string, b: string): boolean {
	const [ya, ma, da] = a.split('-')
	const [yb, mb, db] = b.split('-')
	if (ya === yb && ma === db && da === mb) return true
	let differences = 0
	for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) differences++
	return a.length === b.length && differences === 1
}

/** Record numbers compare without case, punctuation or leading zeros. */
export function normalizeMrn(mrn: string): string {
	return mrn
		.toUpperCase()
		.replace(/[^A-Z0-9]/g, '')
		.replace(/^0+(?=\d)/, '')
}

function compareMrns(found: string[], record: string): Outcome {
	if (found.length === 0 || !record) return MISSING
	const target = normalizeMrn(record)
	return found.some((m) => normalizeMrn(m) === target)
		? outcomeOf('mrn', 'agree')
		: outcomeOf('mrn', 'disagree')
}

function comparePhones(found: string[], record: string | null): Outcome {
	if (found.length === 0 || !record) return MISSING
	const target = record.replace(/\D/g, '').slice(-10)
	return found.some((p) => p.slice(-10) === target)
		? outcomeOf('phone', 'agree')
		: outcomeOf('phone', 'disagree')
}

function compareSex(found: Demographics['sex'], record: string): Outcome {
	if (!found || (record !== 'female' && record !== 'male')) return MISSING
	return found === record ? outcomeOf('sex', 'agree') : outcomeOf('sex', 'disagree')
}

function outcomeOf(field: keyof typeof MATCH_PROBABILITIES, outcome: EvidenceOutcome): Outcome {
	const probabilities = (
		MATCH_PROBABILITIES[field] as Partial<Record<EvidenceOutcome, Probabilities>>
	)[outcome]
	return probabilities ? { outcome, weight: weightOf(probabilities) } : MISSING
}

function round(n: number): number {
	return Math.round(n * 100) / 100
}
