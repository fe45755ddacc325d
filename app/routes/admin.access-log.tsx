import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { useLoaderData } from '@remix-run/react'
import { actorOf, PERMISSIONS, requirePermission } from '#app/utils/auth.server.ts'
import { TableHead } from '#app/components/table-head.tsx'

export const meta: MetaFunction = () => [{ title: 'Access log · Chartside' }]

/**
 * Recent access decisions, allowed and denied, with the policy that decided. Held in memory until
 * the audit ledger lands; then this screen reads the ledger. Reading it is itself recorded.
 */
export async function loader({ request, context }: LoaderFunctionArgs) {
	const user = await requirePermission(request, context, PERMISSIONS.readAccessLog)
	const events = await context.app.accessLog.read(actorOf(user), 200, context.requestId)
	return {
		events: events.map((e) => ({
			at: e.at,
			action: e.action,
			decision: e.decision,
			policy: e.policy,
			role: e.actor.role,
			userId: e.actor.userId,
			resource: `${e.resource.type} ${e.resource.id}`,
			hasReason: Boolean(e.reason),
		})),
	}
}

export default function AccessLog() {
	const { events } = useLoaderData<typeof loader>()
	return (
		<div className="space-y-4">
			<div>
				<h1 className="text-2xl font-semibold">Access log</h1>
				<p className="text-ink-muted">
					Every access decision since this server started, newest first. The durable, tamper-evident
					audit ledger replaces this in-memory view.
				</p>
			</div>
			<table className="w-full rounded-lg border border-line bg-surface text-left text-sm">
				<TableHead columns={['Time', 'Action', 'Decision', 'Policy', 'Role', 'Resource']} />
				<tbody data-testid="access-events">
					{events.map((e, i) => (
						<tr
							key={i}
							className="border-t border-line"
							data-action={e.action}
							data-decision={e.decision}
						>
							<td className="px-4 py-1.5 font-mono text-xs">
								{e.at.replace('T', ' ').slice(0, 19)}
							</td>
							<td className="px-4 py-1.5">{e.action}</td>
							<td
								className={`px-4 py-1.5 font-medium ${e.decision === 'deny' ? 'text-danger' : 'text-ok'}`}
							>
								{e.decision}
							</td>
							<td className="px-4 py-1.5">{e.policy}</td>
							<td className="px-4 py-1.5">{e.role ?? '—'}</td>
							<td className="px-4 py-1.5 font-mono text-xs">{e.resource}</td>
						</tr>
					))}
				</tbody>
			</table>
		</div>
	)
}
