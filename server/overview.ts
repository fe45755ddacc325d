import { count } from 'drizzle-orm'
import { documents, patients } from '#db/schema/index.ts'
import { DEMO_USERS, type DemoUser } from './auth/demo-users.ts'
import type { Config } from './config/index.ts'
import type { Services } from './services.ts'

/**
 * What the front page may show to anyone: how this instance is set up and how big the chart store
 * is, as counts. No patient-level data.
 */
export type SystemOverview = {
	mode: 'embedded' | 'server'
	ledgerMode: 'embedded' | 'server'
	models: 'local deterministic' | 'configured endpoints'
	identity: 'development identity provider' | 'hospital identity provider'
	patientCount: number
	documentCount: number
	demoUsers: Array<Pick<DemoUser, 'displayName' | 'role' | 'title'>> | null
}

/** Which models this instance uses, as shown in the UI and logged at boot. */
export function modelsInUse(config: Config): SystemOverview['models'] {
	return config.raw.GATEWAY_CONFIG || config.raw.GATEWAY_URL
		? 'configured endpoints'
		: 'local deterministic'
}

export async function getSystemOverview(
	services: Pick<Services, 'config' | 'database' | 'ledgerStore'>,
): Promise<SystemOverview> {
	const { db } = services.database
	const [[patientRow], [documentRow]] = await Promise.all([
		db.select({ n: count() }).from(patients),
		db.select({ n: count() }).from(documents),
	])
	const devIdentity = !services.config.raw.OIDC_ISSUER
	return {
		mode: services.database.kind,
		ledgerMode: services.ledgerStore.kind,
		models: modelsInUse(services.config),
		identity: devIdentity ? 'development identity provider' : 'hospital identity provider',
		patientCount: patientRow?.n ?? 0,
		documentCount: documentRow?.n ?? 0,
		demoUsers: devIdentity
			? DEMO_USERS.map(({ displayName, role, title }) => ({ displayName, role, title }))
			: null,
	}
}
