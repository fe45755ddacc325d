import type { LoaderFunctionArgs } from '@remix-run/node'
import { checkHealth } from '#app/services/health.server.ts'

/** Liveness and readiness for load balancers: are the database and the ledger store reachable? */
export async function loader({ context }: LoaderFunctionArgs) {
	const health = await checkHealth(context.services)
	return Response.json(health, {
		status: health.status === 'ok' ? 200 : 503,
		headers: { 'Cache-Control': 'no-store' },
	})
}
