import { sql, type SQL } from 'drizzle-orm'
import type { AnyPgColumn } from 'drizzle-orm/pg-core'
import type { Database, Transaction } from '#db/client.ts'
import type { Role } from '#db/schema/users.ts'

/** Who is acting, for every query of patient data. */
export type Actor = { userId: string; role: Role; sessionId: string | null }

/**
 * A transaction switched to chartside_app with the acting user set: by convention (the type is
 * any transaction); withAccessScope and PatientData are what hand one out.
 */
export type ScopedTransaction = Transaction

/**
 * Runs `work` in a transaction as the non-owner role chartside_app with the acting user set, so
 * row-level security (migration 0003) limits every PHI table to the user's care-team patients and
 * active break-glass grants. Settings are transaction-local (SET LOCAL / set_config(..., true)):
 * nothing carries over to the next transaction on a pooled or shared connection. `readOnly` makes
 * the transaction READ ONLY as well. Services do not call this: they receive a PatientData
 * (patient-data.ts) that calls it for the request's actor.
 */
export async function withAccessScope<T>(
	db: Database,
	actor: Actor,
	work: (tx: ScopedTransaction) => Promise<T>,
	options: { readOnly?: boolean } = {},
): Promise<T> {
	return db.transaction(
		async (tx) => {
			await tx.execute(
				sql`select set_config('chartside.user_id', ${actor.userId}, true), set_config('chartside.role', ${actor.role}, true)`,
			)
			await tx.execute(sql`set local role chartside_app`)
			return work(tx)
		},
		// On node-postgres this is part of BEGIN itself (no extra round trip).
		options.readOnly ? { accessMode: 'read only' } : undefined,
	)
}

/**
 * The first layer: the care-team rule written into the query's WHERE clause. `bypass` is a seam
 * for the authorization-matrix test only, to prove row-level security holds on its own.
 */
export function careTeamFilter(
	patientIdColumn: AnyPgColumn | SQL,
	actor: Actor,
	options: { bypass?: boolean } = {},
): SQL {
	if (options.bypass) return sql`true`
	return sql`(${patientIdColumn} in (select m.patient_id from care_team_members m where m.user_id = ${actor.userId})
		or ${patientIdColumn} in (select g.patient_id from break_glass_grants g where g.user_id = ${actor.userId} and g.expires_at > now()))`
}

/**
 * The same rule for a query about one patient: two index lookups evaluated once (the planner
 * makes them a one-time filter), instead of the user's whole care-team list per query.
 */
export function careTeamFilterFor(
	patientId: string,
	actor: Actor,
	options: { bypass?: boolean } = {},
): SQL {
	if (options.bypass) return sql`true`
	return sql`(exists (select 1 from care_team_members m where m.user_id = ${actor.userId} and m.patient_id = ${patientId}::uuid)
		or exists (select 1 from break_glass_grants g where g.user_id = ${actor.userId} and g.patient_id = ${patientId}::uuid and g.expires_at > now()))`
}
