import { pgTable, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core'
import { createdAt, id, valuesOf, checkIn } from './columns.ts'

/** Roles Chartside knows. A user's role comes from the identity provider's roles claim. */
export const ROLES = {
	clinician: 'clinician',
	intake: 'intake',
	safetyReviewer: 'safety_reviewer',
	admin: 'admin',
} as const
export type Role = (typeof ROLES)[keyof typeof ROLES]
export const ROLE_VALUES = valuesOf(ROLES)

/** People who sign in. Identified by the identity provider's issuer and subject. */
export const users = pgTable(
	'users',
	{
		id: id(),
		issuer: text('issuer').notNull(),
		subject: text('subject').notNull(),
		displayName: text('display_name').notNull(),
		email: text('email'),
		role: text('role', { enum: ROLE_VALUES }).notNull(),
		createdAt: createdAt(),
		lastLoginAt: timestamp('last_login_at', { withTimezone: true, precision: 3 }),
	},
	(t) => [
		uniqueIndex('users_issuer_subject_key').on(t.issuer, t.subject),
		checkIn('users_role_check', t.role, ROLES),
	],
)

export type User = typeof users.$inferSelect
export type NewUser = typeof users.$inferInsert
