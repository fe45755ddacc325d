import { sql } from 'drizzle-orm'
import type { Database } from '#db/client.ts'
import { users, type Role } from '#db/schema/users.ts'

/** Creates or refreshes the user for an identity at each sign-in; the provider is authoritative. */
export async function upsertUser(
	db: Database,
	identity: { issuer: string; subject: string; name: string; email: string | null; role: Role },
): Promise<{ id: string; role: Role }> {
	const [row] = await db
		.insert(users)
		.values({
			issuer: identity.issuer,
			subject: identity.subject,
			displayName: identity.name,
			email: identity.email,
			role: identity.role,
			lastLoginAt: sql`now()`,
		})
		.onConflictDoUpdate({
			target: [users.issuer, users.subject],
			set: {
				displayName: identity.name,
				email: identity.email,
				role: identity.role,
				lastLoginAt: sql`now()`,
			},
		})
		.returning({ id: users.id, role: users.role })
	if (!row) throw new Error('user not upserted')
	return row
}
