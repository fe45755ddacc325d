import { eq } from 'drizzle-orm'
import type { Database } from '#db/client.ts'
import { patients } from '#db/schema/patients.ts'
import { AppError } from '../platform/errors.ts'
import { withAccessScope, type Actor, type ScopedTransaction } from './scope.ts'
import { actorOf, isResolvedSession, type ResolvedSession } from './sessions.ts'

/**
 * The request-bound data handle (ADR 031, Medplum's pattern): every PHI read and write of a
 * request goes through a PatientData made for the signed-in actor, which runs the work as
 * chartside_app with that actor set (withAccessScope), so row-level security applies to every
 * statement. Services receive a PatientData instead of a database and an actor: they cannot read
 * as the owner or on behalf of someone else. A handle is made only from a session resolved on the
 * server (or, for evals and benchmarks, from the named system path `evaluation`), and it stops
 * working when its request ends.
 */
export const SCOPE_ERRORS = {
	/** No resolved session, or the request the handle was made for has ended. */
	required: 'AUTH_SCOPE_REQUIRED',
} as const

export class ScopeError extends AppError {
	constructor(message: string) {
		super(SCOPE_ERRORS.required, message)
		this.name = 'ScopeError'
	}
}

/** The request a handle belongs to: when `ended` aborts, the handle refuses all work. */
export type RequestLifetime = { ended: AbortSignal }

/** Not exported: only this module can make a PatientData. */
const MAKE: unique symbol = Symbol('PatientData')

type Backing = { db: Database; existence: Database }

export class PatientData {
	/** Who acts: from the server-side session, never from route input. */
	readonly actor: Actor
	readonly #backing: Backing
	readonly #ended: AbortSignal | null

	constructor(key: typeof MAKE, backing: Backing, actor: Actor, ended: AbortSignal | null) {
		if (key !== MAKE) throw new ScopeError('A data handle is made only by DataAccess.')
		this.#backing = backing
		this.actor = Object.freeze({ ...actor })
		this.#ended = ended
	}

	#assertOpen(): void {
		if (this.#ended?.aborted)
			throw new ScopeError('The request this data handle was made for has ended.')
	}

	/** PHI reads: one READ ONLY transaction as chartside_app with the actor set. */
	async read<T>(work: (tx: ScopedTransaction) => Promise<T>): Promise<T> {
		this.#assertOpen()
		return withAccessScope(this.#backing.db, this.actor, work, { readOnly: true })
	}

	/** PHI writes: one transaction as chartside_app; row-level security checks each row. */
	async write<T>(work: (tx: ScopedTransaction) => Promise<T>): Promise<T> {
		this.#assertOpen()
		return withAccessScope(this.#backing.db, this.actor, work)
	}

	/**
	 * Whether a patient id exists at all, to tell 404 from 403 (system path patientExistence):
	 * the id only, never a column of the record.
	 */
	async patientExists(patientId: string): Promise<boolean> {
		this.#assertOpen()
		const rows = await this.#backing.existence
			.select({ id: patients.id })
			.from(patients)
			.where(eq(patients.id, patientId))
		return rows.length > 0
	}
}

export type DataAccess = {
	/** The handle of a request, for the actor of its resolved session; ends with the request. */
	forSession(session: ResolvedSession, lifetime: RequestLifetime): PatientData
	/** A synthetic user without a sign-in, for the named system path only (evals, bench, tests). */
	forSystemActor(path: 'evaluation', actor: Actor): PatientData
}

export function createDataAccess(backing: Backing): DataAccess {
	return {
		forSession(session, lifetime) {
			if (!isResolvedSession(session))
				throw new ScopeError('A data handle needs a session resolved on the server.')
			if (!(lifetime?.ended instanceof AbortSignal))
				throw new ScopeError('A data handle needs the request it belongs to.')
			return new PatientData(MAKE, backing, actorOf(session), lifetime.ended)
		},
		forSystemActor(path, actor) {
			if (path !== 'evaluation') throw new ScopeError('Not a system path that acts as a user.')
			return new PatientData(MAKE, backing, actor, null)
		},
	}
}
