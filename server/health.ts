import type { Services } from './services.ts'

export type HealthStatus = {
	status: 'ok' | 'degraded'
	checks: { database: 'ok' | 'unreachable'; ledgerStore: 'ok' | 'unreachable' }
}

const TIMEOUT_MS = 2_000

/** Whether the stores answer. Carries no PHI and no error text, only which check failed. */
export async function checkHealth(
	services: Pick<Services, 'database' | 'ledgerStore'>,
): Promise<HealthStatus> {
	const [database, ledgerStore] = await Promise.all([
		probe(() => services.database.ping()),
		probe(() => services.ledgerStore.ping()),
	])
	return {
		status: database === 'ok' && ledgerStore === 'ok' ? 'ok' : 'degraded',
		checks: { database, ledgerStore },
	}
}

async function probe(ping: () => Promise<void>): Promise<'ok' | 'unreachable'> {
	let timer: NodeJS.Timeout | undefined
	try {
		await Promise.race([
			ping(),
			new Promise((_, reject) => {
				timer = setTimeout(() => reject(new Error('timeout')), TIMEOUT_MS)
			}),
		])
		return 'ok'
	} catch {
		return 'unreachable'
	} finally {
		clearTimeout(timer)
	}
}
