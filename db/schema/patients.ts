import { sql } from 'drizzle-orm'
import { date, index, pgTable, text, uniqueIndex } from 'drizzle-orm/pg-core'
import { createdAt, id, valuesOf, checkIn } from './columns.ts'

export const SEXES = { female: 'female', male: 'male', other: 'other', unknown: 'unknown' } as const
export type Sex = (typeof SEXES)[keyof typeof SEXES]

/**
 * One row per patient. Every column but `id` is PHI (HIPAA identifiers: names, MRN, dates).
 * `fhirId` is the Patient resource id in the source EHR; `mrn` the hospital's record number.
 */
export const patients = pgTable(
	'patients',
	{
		id: id(),
		fhirId: text('fhir_id').notNull(),
		mrn: text('mrn').notNull(),
		givenName: text('given_name').notNull(),
		familyName: text('family_name').notNull(),
		birthDate: date('birth_date', { mode: 'string' }).notNull(),
		/** Digits only (a fax's demographics are matched on it); null when the source has none. */
		phone: text('phone'),
		sex: text('sex', { enum: valuesOf(SEXES) })
			.notNull()
			.default('unknown'),
		createdAt: createdAt(),
	},
	(t) => [
		uniqueIndex('patients_fhir_id_key').on(t.fhirId),
		uniqueIndex('patients_mrn_key').on(t.mrn),
		index('patients_family_name_idx').on(sql`lower(${t.familyName})`),
		checkIn('patients_sex_check', t.sex, SEXES),
	],
)

export type Patient = typeof patients.$inferSelect
export type NewPatient = typeof patients.$inferInsert
