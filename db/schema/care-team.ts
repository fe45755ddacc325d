import { index, pgTable, primaryKey, text, uuid } from 'drizzle-orm/pg-core'
import { createdAt, valuesOf, checkIn } from './columns.ts'
import { patients } from './patients.ts'
import { users } from './users.ts'

/** Where a care-team membership came from. */
export const CARE_TEAM_SOURCES = {
	admin: 'admin',
	fhirCareTeam: 'fhir_care_team',
	fhirEncounter: 'fhir_encounter',
	demo: 'demo',
} as const
export type CareTeamSource = (typeof CARE_TEAM_SOURCES)[keyof typeof CARE_TEAM_SOURCES]

/** Which users are on which patient's care team: the basis of chart access. */
export const careTeamMembers = pgTable(
	'care_team_members',
	{
		userId: uuid('user_id')
			.notNull()
			.references(() => users.id, { onDelete: 'cascade' }),
		patientId: uuid('patient_id')
			.notNull()
			.references(() => patients.id, { onDelete: 'cascade' }),
		source: text('source', { enum: valuesOf(CARE_TEAM_SOURCES) }).notNull(),
		createdAt: createdAt(),
	},
	(t) => [
		primaryKey({ columns: [t.userId, t.patientId] }),
		index('care_team_members_patient_idx').on(t.patientId),
		checkIn('care_team_members_source_check', t.source, CARE_TEAM_SOURCES),
	],
)

export type CareTeamMembership = typeof careTeamMembers.$inferSelect
