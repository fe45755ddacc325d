import type { Database } from '#db/client.ts'
import { users } from '#db/schema/index.ts'
import type { Actor } from '#server/auth/scope.ts'

/** The evaluation's own users (issuer `urn:chartside:eval`), one per role it acts in. */
const EVALUATION_USERS = {
	clinician: {
		subject: 'eval-clinician',
		displayName: 'Evaluation clinician',
		email: 'eval@example.invalid',
	},
	intake: {
		subject: 'eval-intake',
		displayName: 'Evaluation intake',
		email: 'eval-intake@example.invalid',
	},
} as const

/** The evaluation user for `role`, created on first use (and given that role again after). */
export async function evaluationUser(
	db: Database,
	role: keyof typeof EVALUATION_USERS,
): Promise<Actor> {
	const [user] = await db
		.insert(users)
		.values({ issuer: 'urn:chartside:eval', ...EVALUATION_USERS[role], role })
		.onConflictDoUpdate({ target: [users.issuer, users.subject], set: { role } })
		.returning({ id: users.id })
	if (!user) throw new Error(`no evaluation ${role} user`)
	return { userId: user.id, role, sessionId: null }
}
