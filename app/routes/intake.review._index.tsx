import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { useEffect, useState } from 'react'
import { Card } from '#app/components/card.tsx'
import { ageText, FaxStatus } from '#app/components/intake/fax-status.tsx'
import { TableHead } from '#app/components/table-head.tsx'
import { PERMISSIONS, requestScope, requirePermission } from '#app/utils/auth.server.ts'
import { FAX_TYPE_LABELS } from '#app/utils/intake.server.ts'

export const meta: MetaFunction = () => [{ title: 'Review queue · Chartside' }]

/** Faxes waiting for a person, oldest first (and failed ones, to retry or reject). */
export async function loader({ request, context }: LoaderFunctionArgs) {
	const user = await requirePermission(request, context, PERMISSIONS.uploadFax)
	return {
		queue: await requestScope(context, user).intake.queue(),
		now: Date.now(),
		typeLabels: FAX_TYPE_LABELS as Record<string, string>,
	}
}

export default function ReviewQueue() {
	const { queue, now: loadedAt, typeLabels } = useLoaderData<typeof loader>()
	const [now, setNow] = useState(loadedAt)
	useEffect(() => {
		const timer = setInterval(() => setNow(Date.now()), 60_000)
		return () => clearInterval(timer)
	}, [])
	return (
		<div className="space-y-6">
			<div>
				<h1 className="text-2xl font-semibold">Review queue</h1>
				<p className="text-ink-muted">
					Oldest first. Open a fax to confirm or correct its type and patient, split it, or reject
					it.
				</p>
			</div>
			<Card id="queue" title={`${queue.length} waiting`}>
				{queue.length === 0 ? (
					<p className="mt-3 text-ink-muted">Nothing is waiting for review.</p>
				) : (
					<table className="mt-3 w-full text-left text-sm">
						<caption className="sr-only">Faxes waiting for review, oldest first</caption>
						<TableHead columns={['Age', 'File', 'Pages', 'Proposed type', 'Why it waits', '']} />
						<tbody data-testid="review-queue">
							{queue.map((fax, i) => (
								<tr
									key={fax.id}
									className="border-t border-line"
									data-fax={fax.id}
									data-file={fax.fileName}
								>
									<td className="px-4 py-2 tabular-nums">{ageText(fax.receivedAt, now)}</td>
									<td className="px-4 py-2 font-mono text-xs">{fax.fileName}</td>
									<td className="px-4 py-2 text-right tabular-nums">{fax.pageCount}</td>
									<td className="px-4 py-2">
										{fax.proposedType
											? `${typeLabels[fax.proposedType] ?? fax.proposedType} (${Math.round((fax.typeConfidence ?? 0) * 100)} %)`
											: '—'}
									</td>
									<td className="px-4 py-2">
										<FaxStatus fax={fax} />
									</td>
									<td className="px-4 py-2">
										<Link
											to={`/intake/faxes/${fax.id}`}
											autoFocus={i === 0}
											aria-label={`Review ${fax.fileName}`}
											data-testid="open-fax"
										>
											Review
										</Link>
									</td>
								</tr>
							))}
						</tbody>
					</table>
				)}
			</Card>
		</div>
	)
}
