import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Link, useLoaderData, useRevalidator, useRouteLoaderData } from '@remix-run/react'
import { useEffect } from 'react'
import { Card } from '#app/components/card.tsx'
import { FaxStatus } from '#app/components/intake/fax-status.tsx'
import { UploadZone } from '#app/components/intake/upload-zone.tsx'
import { TableHead } from '#app/components/table-head.tsx'
import type { loader as rootLoader } from '#app/root.tsx'
import { PERMISSIONS, requestScope, requirePermission } from '#app/utils/auth.server.ts'
import { withUserErrors } from '#app/utils/errors.server.ts'
import { FAX_TYPE_LABELS, receiveUpload } from '#app/utils/intake.server.ts'

export const meta: MetaFunction = () => [{ title: 'Intake · Chartside' }]

/**
 * The intake screen (ADR 039): upload faxes, and watch them being read, classified and routed.
 * Shows file names, statuses and proposed types: no fax content, no patient.
 */
export async function loader({ request, context }: LoaderFunctionArgs) {
	const user = await requirePermission(request, context, PERMISSIONS.uploadFax)
	const scope = requestScope(context, user)
	const [recent, queue] = await Promise.all([scope.intake.recent(), scope.intake.queue()])
	return {
		recent,
		waiting: queue.length,
		maxFiles: scope.intake.limits.maxFiles,
		maxFileMb: Math.round(scope.intake.limits.maxFileBytes / 1024 / 1024),
		typeLabels: FAX_TYPE_LABELS as Record<string, string>,
	}
}

/** The upload: a streamed multipart body (never request.formData(), which would hold it all). */
export async function action({ request, context }: ActionFunctionArgs) {
	const user = await requirePermission(request, context, PERMISSIONS.uploadFax)
	// An upload refused as a whole answers with its code's status (413 for one declared too large).
	const result = await withUserErrors(
		async () => ({ receipts: await receiveUpload(request, context, user) }),
		{ status: 'registry' },
	)
	return result
}

const POLL_MS = 1500

export default function IntakePage() {
	const { recent, waiting, maxFiles, maxFileMb, typeLabels } = useLoaderData<typeof loader>()
	const root = useRouteLoaderData<typeof rootLoader>('root')
	const revalidator = useRevalidator()
	const inWorkCount = recent.filter((f) =>
		['received', 'reading', 'analyzing'].includes(f.status),
	).length
	const inWork = inWorkCount > 0
	// Live progress: while any fax is being read, the list is reloaded every 1.5 s.
	useEffect(() => {
		if (!inWork) return
		const timer = setInterval(() => {
			if (revalidator.state === 'idle') revalidator.revalidate()
		}, POLL_MS)
		return () => clearInterval(timer)
	}, [inWork, revalidator])

	return (
		<div className="space-y-6">
			<div className="flex flex-wrap items-end justify-between gap-4">
				<div>
					<h1 className="text-2xl font-semibold">Fax intake</h1>
					<p className="text-ink-muted">
						Faxes are read (OCR), classified and matched to a patient. A fax is filed on its own
						only when the patient match is certain and the type is confident; everything else waits
						for review.
					</p>
				</div>
				<Link
					to="/intake/review"
					className="rounded border border-line bg-surface px-4 py-2 font-medium no-underline"
					data-testid="review-queue-link"
				>
					Review queue ({waiting})
				</Link>
			</div>

			<Card id="upload" title="Upload faxes">
				<UploadZone csrf={root?.user?.csrfToken ?? ''} maxFiles={maxFiles} maxFileMb={maxFileMb} />
			</Card>

			<Card id="recent" title="Recent faxes">
				{/* The table changes under a screen reader's cursor: its progress is announced here. */}
				<p className="sr-only" aria-live="polite" data-testid="intake-progress">
					{inWork
						? `${inWorkCount} ${inWorkCount === 1 ? 'fax is' : 'faxes are'} being read.`
						: `No fax is being read. ${waiting} waiting for review.`}
				</p>
				{recent.length === 0 ? (
					<p className="mt-3 text-ink-muted">No faxes yet.</p>
				) : (
					<table className="mt-3 w-full text-left text-sm">
						<caption className="sr-only">Faxes received, newest first, with where each is</caption>
						<TableHead columns={['File', 'Pages', 'Status', 'Proposed type', 'Received', '']} />
						<tbody data-testid="recent-faxes">
							{recent.map((fax) => (
								<tr
									key={fax.id}
									className="border-t border-line"
									data-fax={fax.id}
									data-file={fax.fileName}
								>
									<td className="px-4 py-2 font-mono text-xs">{fax.fileName}</td>
									<td className="px-4 py-2 text-right tabular-nums">{fax.pageCount}</td>
									<td className="px-4 py-2">
										<FaxStatus fax={fax} />
									</td>
									<td className="px-4 py-2">
										{fax.proposedType
											? `${typeLabels[fax.proposedType] ?? fax.proposedType} (${Math.round((fax.typeConfidence ?? 0) * 100)} %)`
											: '—'}
									</td>
									<td className="px-4 py-2 font-mono text-xs" title={fax.receivedAt}>
										{new Date(fax.receivedAt).toISOString().slice(0, 16).replace('T', ' ')}
									</td>
									<td className="px-4 py-2">
										{['waiting_review', 'failed', 'filed', 'rejected'].includes(fax.status) ? (
											<Link to={`/intake/faxes/${fax.id}`} aria-label={`Open ${fax.fileName}`}>
												Open
											</Link>
										) : null}
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
