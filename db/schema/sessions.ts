import { index, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core'
import { createdAt, id } from './columns.ts'
import { users } from './users.ts'

/**
 * Server-side sessions. The browser holds only a signed cookie with a random token; the database
 * keeps its SHA-256, so reading this table does not let anyone take over a session. A session can
 * be revoked here (logout, idle timeout, absolute lifetime) and nothing about the user lives in
 * the cookie. `idToken` is kept only to pass as id_token_hint to the provider's end-session
 * endpoint.
 */
export const sessions = pgTable(
	'sessions',
	{
		id: id(),
		userId: uuid('user_id')
			.notNull()
			.references(() => users.id, { onDelete: 'cascade' }),
		tokenHash: text('token_hash').notNull(),
		csrfToken: text('csrf_token').notNull(),
		idToken: text('id_token'),
		createdAt: createdAt(),
		lastSeenAt: timestamp('last_seen_at', { withTimezone: true, precision: 3 })
			.notNull()
			.defaultNow(),
		expiresAt: timestamp('expires_at', { withTimezone: true, precision: 3 }).notNull(),
		endedAt: timestamp('ended_at', { withTimezone: true, precision: 3 }),
		endReason: text('end_reason'),
	},
	(t) => [
		index('sessions_user_idx').on(t.userId),
		uniqueIndex('sessions_token_hash_key').on(t.tokenHash),
	],
)

export type SessionRow = typeof sessions.$inferSelect
