import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { patients } from '#db/schema/index.ts'
import { openTestDatabase, type TestDatabase } from '#tests/helpers/test-database.ts'
import { BLOCKING_LIMITS, findCandidateRecords } from './candidates.ts'
import type { Demographics } from './types.ts'

/** Blocking on a real (embedded) database, seeded with synthetic patients only. */
let handle: TestDatabase

const SEED = [
	{
		key: 'smith',
		givenName: 'William',
		familyName: 'Smith',
		birthDate: '1956-03-04',
		mrn: 'T-1001',
		phone: '5552013344',
	},
	{
		key: 'smyth',
		givenName: 'Walter',
		familyName: 'Smyth',
		birthDate: '1970-01-01',
		mrn: 'T-1002',
		phone: null,
	},
	{
		key: 'twin-dob',
		givenName: 'Rosa',
		familyName: 'Delgado',
		birthDate: '1956-03-04',
		mrn: 'T-1003',
		phone: null,
	},
	{
		key: 'transposed',
		givenName: 'Ana',
		familyName: 'Quist',
		birthDate: '1956-04-03',
		mrn: 'T-1004',
		phone: null,
	},
	{
		key: 'phone-only',
		givenName: 'Omar',
		familyName: 'Haddad',
		birthDate: '1980-05-05',
		mrn: 'T-1005',
		phone: '5559990000',
	},
	{
		key: 'stranger',
		givenName: 'Greta',
		familyName: 'Lindqvist',
		birthDate: '1990-09-09',
		mrn: 'T-1006',
		phone: '5551112222',
	},
	{
		key: 'jacobsen',
		givenName: 'Miriam',
		familyName: 'Jacobsen',
		birthDate: '1950-02-19',
		mrn: 'T-1007',
		phone: null,
	},
]
const ids = new Map<string, string>()
const keysOf = (rows: { id: string }[]) =>
	rows.map((r) => [...ids].find(([, id]) => id === r.id)?.[0]).sort()

const demographics = (d: Partial<Demographics>): Demographics => ({
	names: [],
	birthDates: [],
	mrns: [],
	phones: [],
	...d,
})

beforeAll(async () => {
	handle = await openTestDatabase()
	const rows = await handle.db
		.insert(patients)
		.values(SEED.map(({ key, ...p }) => ({ ...p, fhirId: `fhir-${key}`, sex: 'unknown' as const })))
		.returning({ id: patients.id, fhirId: patients.fhirId })
	for (const row of rows) ids.set(row.fhirId.replace(/^fhir-/, ''), row.id)
})
afterAll(async () => {
	await handle.close()
})

describe('findCandidateRecords blocks on the keys the fax gives', () => {
	test('a record number finds its patient, with the demographics scoring needs', async () => {
		const rows = await findCandidateRecords(handle.db, demographics({ mrns: ['T-1005'] }))
		expect(rows).toEqual([
			{
				id: ids.get('phone-only'),
				givenName: 'Omar',
				familyName: 'Haddad',
				birthDate: '1980-05-05',
				mrn: 'T-1005',
				sex: 'unknown',
				phone: '5559990000',
			},
		])
	})

	test('a birth date finds everyone born that day and the day-month transposition', async () => {
		const rows = await findCandidateRecords(handle.db, demographics({ birthDates: ['1956-03-04'] }))
		expect(keysOf(rows)).toEqual(['smith', 'transposed', 'twin-dob'])
	})

	test('a phone finds its patient', async () => {
		expect(
			keysOf(await findCandidateRecords(handle.db, demographics({ phones: ['5559990000'] }))),
		).toEqual(['phone-only'])
	})

	test('a family name finds its spelling variants by sound and similarity, not strangers', async () => {
		const rows = await findCandidateRecords(
			handle.db,
			demographics({ names: [{ given: 'Bill', family: 'SMITH' }] }),
		)
		expect(keysOf(rows)).toEqual(['smith', 'smyth'])
		const jacobson = await findCandidateRecords(
			handle.db,
			demographics({ names: [{ given: 'Miriam', family: 'Jacobson' }] }),
		)
		expect(keysOf(jacobson)).toEqual(['jacobsen'])
	})

	test('a name written the other way round still finds the patient', async () => {
		const rows = await findCandidateRecords(
			handle.db,
			demographics({ names: [{ given: 'Haddad', family: 'Omar' }] }),
		)
		expect(keysOf(rows)).toContain('phone-only')
	})

	test('nothing to block on finds nobody', async () => {
		expect(await findCandidateRecords(handle.db, demographics({}))).toEqual([])
	})

	test('the result is bounded', async () => {
		expect(BLOCKING_LIMITS.total).toBeLessThanOrEqual(100)
		const many = await findCandidateRecords(
			handle.db,
			demographics({ birthDates: SEED.map((p) => p.birthDate), mrns: SEED.map((p) => p.mrn) }),
		)
		expect(many.length).toBe(SEED.length)
	})
})
