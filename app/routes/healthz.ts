import type { LoaderFunctionArgs } from '@remix-run/node'

/** Liveness and readiness for load balancers: are the database and the ledger store reachable? */
export async function loader({ context }: LoaderFunctionArgs) {
	const health = await context.app.health()
	return Response.json(health, {
		status: health.status === 'ok' ? 200 : 503,
		headers: { 'Cache-Control': 'no-store' },
	})
}
