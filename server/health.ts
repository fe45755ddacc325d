import type { StoreHandle } from '#db/client.ts'

export type HealthStatus = {
	status: 'ok' | 'degraded'
	checks: { database: 'ok' | 'unreachable'; ledgerStore: 'ok' | 'unreachable' }
}

/** Whether the stores answer. Carries no PHI and no error text, only which check failed. */
export async function checkHealth(
	stores: { database: Pick<StoreHandle, 'ping'>; ledgerStore: Pick<StoreHandle, 'ping'> },
	options: { timeoutMs?: number } = {},
): Promise<HealthStatus> {
	const timeoutMs = options.timeoutMs ?? 2_000
	const [database, ledgerStore] = await Promise.all([
		probe(() => stores.database.ping(), timeoutMs),
		probe(() => stores.ledgerStore.ping(), timeoutMs),
	])
	return {
		status: database === 'ok' && ledgerStore === 'ok' ? 'ok' : 'degraded',
		checks: { database, ledgerStore },
	}
}

async function probe(ping: () => Promise<void>, timeoutMs: number): Promise<'ok' | 'unreachable'> {
	let timer: NodeJS.Timeout | undefined
	try {
		await Promise.race([
			ping(),
			new Promise((_, reject) => {
				timer = setTimeout(() => reject(new Error('timeout')), timeoutMs)
			}),
		])
		return 'ok'
	} catch {
		return 'unreachable'
	} finally {
		clearTimeout(timer)
	}
}
