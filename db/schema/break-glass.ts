import { index, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core'
import { createdAt, id } from './columns.ts'
import { patients } from './patients.ts'
import { users } from './users.ts'

/**
 * Emergency access: a clinician opened a patient outside their care team, giving a reason, for a
 * limited time. Row-level security lets the grant's user see the patient until `expiresAt`.
 * The reason is PHI-adjacent free text.
 */
export const breakGlassGrants = pgTable(
	'break_glass_grants',
	{
		id: id(),
		userId: uuid('user_id')
			.notNull()
			.references(() => users.id, { onDelete: 'cascade' }),
		patientId: uuid('patient_id')
			.notNull()
			.references(() => patients.id, { onDelete: 'cascade' }),
		reason: text('reason').notNull(),
		createdAt: createdAt(),
		expiresAt: timestamp('expires_at', { withTimezone: true, precision: 3 }).notNull(),
	},
	(t) => [index('break_glass_grants_user_patient_idx').on(t.userId, t.patientId, t.expiresAt)],
)

export type BreakGlassGrant = typeof breakGlassGrants.$inferSelect
