import type { DatabaseHandle } from '#db/client.ts'

/**
 * Every path that uses a store beyond row-level security, in one place (ADR 031, ADR 033). On
 * PGlite that is the store's only (super)user; on a PostgreSQL server it is the application
 * login, which owns nothing and inherits chartside_system (every row, no schema changes) — the
 * tables' owner is the migrator, which the app never uses. No request and no PHI service gets
 * this handle: requests read and write PHI only through a PatientData made for the signed-in
 * actor (patient-data.ts). A new use is a new entry here, with its reason, in the change that
 * needs it.
 */
export const SYSTEM_PATHS = {
	migrations: {
		store: 'operational',
		why: 'Schema, roles and policies: the embedded store is migrated at boot; a server database is only checked at boot (server/database/login-checks.ts) and migrated by npm run db:migrate as the migrator.',
	},
	documents: {
		store: 'operational',
		why: 'Ingestion, the demo seed and (next) fax filing store chart documents, chunks and embeddings before anyone reads them (server/documents).',
	},
	sessions: {
		store: 'operational',
		why: 'Sign-in bookkeeping: the users and sessions tables (identity, not PHI), before a session and its actor exist.',
	},
	requestScopes: {
		store: 'operational',
		why: 'The connection each PatientData runs on: every transaction switches to chartside_app with the session actor before its first statement.',
	},
	patientExistence: {
		store: 'operational',
		why: 'Tells "no such patient" (404) from "not on your care team" (403): selects whether an id exists, never a column of the record.',
	},
	overview: {
		store: 'operational',
		why: 'The public front page: how many patients and documents the instance holds, as counts.',
	},
	health: {
		store: 'operational',
		why: 'The health check pings the store (select 1).',
	},
	ledger: {
		store: 'ledger',
		why: 'The audit ledger owns its separate store: its migrations, appends, checkpoints and recorded reads.',
	},
	jobs: {
		store: 'operational',
		why: 'The embedded job queue (pg-boss, ADR 032) keeps its own schema in the operational PGlite store, which has one login: it installs that schema at boot and works its queues there. Job payloads are ids only. On a server database pg-boss connects as the non-owner login with its own pool instead.',
	},
	intake: {
		store: 'operational',
		why: 'Fax intake (server/intake, ADR 039): storing a received fax, its read job (pages, OCR, classification, routing) and carrying out an intake clerk’s decisions after the route checked the permission; matching selects the demographics of a few candidate patients (never chart content) by blocking keys the fax gives (server/intake/match). Filing itself goes through the documents service; people read faxes only through their PatientData.',
	},
	evaluation: {
		store: 'operational',
		why: 'npm run eval, npm run bench and tests set up named synthetic users and their care team, map gold FHIR ids to rows, and act as those users without a sign-in (PatientData via DataAccess.forSystemActor).',
	},
} as const

export type SystemPath = keyof typeof SYSTEM_PATHS

export type SystemAccess = {
	/** The system handle of the store `path` is listed under; the only way to obtain one. */
	systemDatabase(path: SystemPath): DatabaseHandle
}

/** Made once, in createServices, from the stores it opened. */
export function createSystemAccess(stores: {
	database: DatabaseHandle
	ledgerStore: DatabaseHandle
}): SystemAccess {
	return {
		systemDatabase(path) {
			const entry = SYSTEM_PATHS[path]
			if (!entry) throw new Error(`not a system path: ${String(path)}`)
			return entry.store === 'ledger' ? stores.ledgerStore : stores.database
		},
	}
}
