import type { StoreHandle } from '#db/client.ts'
import { LEDGER_MIGRATIONS_FOLDER, MIGRATIONS_FOLDER, migrationState } from '#db/migrate.ts'
import { AppError } from '../platform/errors.ts'
import { STORES, type StoreName } from './store-errors.ts'

const RUNBOOK = 'docs/runbooks/production-postgres.md'

/**
 * The roles an application login holds on each store, and how it uses them (ADR 033):
 * `inherit` — its privileges apply without SET ROLE (the system paths); `switch` — it must be
 * allowed to SET LOCAL ROLE to it (requests for patient data, ledger appends and purges).
 */
export const LOGIN_ROLES = {
	operational: [
		{ role: 'chartside_system', use: 'inherit' },
		{ role: 'chartside_app', use: 'switch' },
	],
	ledger: [
		{ role: 'chartside_ledger_app', use: 'switch' },
		{ role: 'chartside_ledger_retention', use: 'switch' },
	],
} as const satisfies Record<StoreName, ReadonlyArray<{ role: string; use: 'inherit' | 'switch' }>>

/** Schemas whose tables the application must not own. */
const OWNED_SCHEMAS = ['public', 'drizzle', 'pgboss']

/**
 * Refuses to run on a server database as a login that would weaken the floor or cannot work, with
 * the cause and the fix in the message (names of roles and variables, never a value read from a
 * table): a superuser or BYPASSRLS login, a login that owns (or inherits the owner of) the tables,
 * a database without pgvector, a schema behind the code's migrations, a missing role membership.
 * Embedded stores are not checked: PGlite has one built-in superuser, and the process is its
 * only client.
 */
export async function assertApplicationLogin(
	handle: Pick<StoreHandle, 'kind' | 'query'>,
	store: StoreName,
): Promise<void> {
	if (handle.kind !== 'server') return
	const { variable, words } = STORES[store]
	const [me] = await handle.query<{ login: string; superuser: boolean; bypass: boolean }>(
		`select current_user as login, r.rolsuper as superuser, r.rolbypassrls as bypass
		   from pg_catalog.pg_roles r where r.rolname = current_user`,
	)
	const login = me?.login ?? 'the login'
	if (me?.superuser || me?.bypass)
		throw new AppError(
			'DB_LOGIN_PRIVILEGED',
			`${words}: the login ${login} in ${variable} is a ${me.superuser ? 'superuser' : 'BYPASSRLS role'}, so row-level security would not apply to it. Run the application as a login that owns nothing (${RUNBOOK}, step 1).`,
		)

	const [owned] = await handle.query<{ count: number }>(
		`select count(*)::int as count
		   from pg_catalog.pg_class c join pg_catalog.pg_namespace n on n.oid = c.relnamespace
		  where n.nspname = any($1) and c.relkind in ('r', 'p')
		    and pg_catalog.pg_has_role(current_user, c.relowner, 'USAGE')`,
		[OWNED_SCHEMAS],
	)
	if ((owned?.count ?? 0) > 0)
		throw new AppError(
			'DB_LOGIN_OWNS_TABLES',
			`${words}: the login ${login} in ${variable} owns ${owned?.count} tables (directly or through a role), and a table's owner bypasses row-level security and may alter, disable the triggers of, or drop it. Give the tables to a separate migrator login and run the application as a login that owns nothing (${RUNBOOK}, "Moving from an owner login").`,
		)

	if (store === 'operational') {
		const [vector] = await handle.query<{ installed: boolean }>(
			`select exists (select 1 from pg_catalog.pg_extension where extname = 'vector') as installed`,
		)
		if (!vector?.installed)
			throw new AppError(
				'DB_VECTOR_MISSING',
				`${words}: the pgvector extension is not installed. As a superuser, connect to this database and run CREATE EXTENSION vector; (${RUNBOOK}, step 2).`,
			)
	}

	// Roles before the schema: a login without its roles cannot read the migration history either,
	// and "grant the role" is the fix that helps then.
	const notMigrated = () =>
		new AppError(
			'DB_SCHEMA_BEHIND',
			`${words} is not migrated to this version of Chartside (or the login ${login} may not read its migration history). Run \`npm run db:migrate\` as the migrator login (${RUNBOOK}, step 3).`,
		)
	for (const { role, use } of LOGIN_ROLES[store]) {
		const [held] = await handle.query<{ held: boolean | null }>(
			`select case when exists (select 1 from pg_catalog.pg_roles where rolname = $1)
			        then pg_catalog.pg_has_role(current_user, $1, $2) end as held`,
			[role, use === 'inherit' ? 'USAGE' : 'MEMBER'],
		)
		// The role does not exist yet: the migrations that create it have not run.
		if (held?.held === null || held?.held === undefined) throw notMigrated()
		if (!held.held)
			throw new AppError(
				'DB_LOGIN_ROLE_MISSING',
				`${words}: the login ${login} in ${variable} ${use === 'inherit' ? 'does not inherit' : 'is not a member of'} the role ${role}. \`npm run db:migrate\` grants it when ${variable} names this login; by hand, as the migrator: GRANT ${role} TO ${login};${use === 'inherit' ? ` (and ALTER ROLE ${login} INHERIT;)` : ''} (${RUNBOOK}, step 3).`,
			)
	}
	const state = await migrationState(
		handle,
		store === 'ledger' ? LEDGER_MIGRATIONS_FOLDER : MIGRATIONS_FOLDER,
	)
	if (state.applied === null) throw notMigrated()
	if (state.applied < state.expected)
		throw new AppError(
			'DB_SCHEMA_BEHIND',
			`${words} has ${state.applied} of the code's ${state.expected} migrations. Run \`npm run db:migrate\` as the migrator login before starting this version (${RUNBOOK}, step 3).`,
		)
}
