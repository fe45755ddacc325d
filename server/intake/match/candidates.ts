import { inArray, like, or, sql, type SQL } from 'drizzle-orm'
import type { Database } from '#db/client.ts'
import { patients } from '#db/schema/patients.ts'
import { jaroWinkler, phoneticKeys } from './string-metrics.ts'
import { nameParts, NAME_SIMILARITY } from './score.ts'
import type { Demographics, PatientRecord } from './types.ts'

/**
 * Blocking (ADR 036): the few patients worth scoring, found by keys the fax gives, never a scan of
 * the index. One query takes every row that shares an exact key: a record number, a birth date
 * (or its day-and-month transposition), a phone, or the lower-cased family name (either of the
 * names read, for names written the other way round). A second, small prefetch takes rows whose
 * family name starts with the same two letters, and keeps those whose family name sounds the same
 * (double metaphone) or is close by Jaro–Winkler — spelling and OCR variants (Smyth, Jacobsen).
 *
 * Runs on the system path `intake` (server/auth/system-access.ts): fax matching happens before
 * anyone is authorized for a patient. It selects demographics only, never chart content.
 */
export const BLOCKING_LIMITS = { exact: 100, prefix: 200, total: 100 } as const

const COLUMNS = {
	id: patients.id,
	givenName: patients.givenName,
	familyName: patients.familyName,
	birthDate: patients.birthDate,
	mrn: patients.mrn,
	sex: patients.sex,
	phone: patients.phone,
}

export async function findCandidateRecords(
	db: Database,
	d: Demographics,
): Promise<PatientRecord[]> {
	const keys = blockingKeys(d)
	const exact: SQL[] = []
	if (keys.mrns.length > 0) exact.push(inArray(patients.mrn, keys.mrns))
	if (keys.birthDates.length > 0) exact.push(inArray(patients.birthDate, keys.birthDates))
	if (keys.phones.length > 0) exact.push(inArray(patients.phone, keys.phones))
	if (keys.families.length > 0)
		exact.push(inArray(sql`lower(${patients.familyName})`, keys.families))

	const found = new Map<string, PatientRecord>()
	if (exact.length > 0) {
		const rows = await db
			.select(COLUMNS)
			.from(patients)
			.where(or(...exact))
			.orderBy(patients.id)
			.limit(BLOCKING_LIMITS.exact)
		for (const row of rows) found.set(row.id, row)
	}

	if (keys.prefixes.length > 0) {
		const rows = await db
			.select(COLUMNS)
			.from(patients)
			.where(or(...keys.prefixes.map((p) => like(sql`lower(${patients.familyName})`, `${p}%`))))
			.orderBy(patients.id)
			.limit(BLOCKING_LIMITS.prefix)
		for (const row of rows)
			if (soundsLike(row.familyName, keys.sounds, keys.families)) found.set(row.id, row)
	}
	return [...found.values()].slice(0, BLOCKING_LIMITS.total)
}

type BlockingKeys = {
	mrns: string[]
	birthDates: string[]
	phones: string[]
	families: string[]
	prefixes: string[]
	sounds: Set<string>
}

export function blockingKeys(d: Demographics): BlockingKeys {
	const families = new Set<string>()
	for (const name of d.names) {
		for (const written of [name.family, name.given]) {
			const lower = written.trim().toLowerCase()
			if (lower.length > 1) families.add(lower)
		}
	}
	const letters = [...families].map((f) => nameParts(f).join('')).filter((f) => f.length >= 2)
	const birthDates = new Set<string>()
	for (const date of d.birthDates) {
		birthDates.add(date)
		const [y, m, day] = date.split('-')
		if (y && m && day && Number(day) <= 12 && day !== m) birthDates.add(`${y}-${day}-${m}`)
	}
	return {
		// As written and in capitals: the equality the unique index on patients.mrn serves.
		mrns: [...new Set(d.mrns.flatMap((m) => [m.trim(), m.trim().toUpperCase()]).filter(Boolean))],
		birthDates: [...birthDates],
		phones: [...new Set(d.phones.filter((p) => /^\d{10}$/.test(p)))],
		families: [...families],
		prefixes: [...new Set(letters.map((f) => f.slice(0, 2)))].filter((p) => /^[a-z]{2}$/.test(p)),
		sounds: new Set(letters.flatMap((f) => phoneticKeys(f))),
	}
}

function soundsLike(familyName: string, sounds: Set<string>, families: string[]): boolean {
	const letters = nameParts(familyName).join('')
	if (phoneticKeys(letters).some((k) => sounds.has(k))) return true
	return families.some(
		(f) => jaroWinkler(nameParts(f).join(''), letters) >= NAME_SIMILARITY.partial,
	)
}
