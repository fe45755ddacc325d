import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Form, useActionData, useLoaderData, useNavigation } from '@remix-run/react'
import { Card } from '#app/components/card.tsx'
import { CsrfInput } from '#app/components/csrf-input.tsx'
import { TableHead } from '#app/components/table-head.tsx'
import {
	PERMISSIONS,
	requestScope,
	requirePermission,
	requirePermittedForm,
} from '#app/utils/auth.server.ts'
import { withUserErrors } from '#app/utils/errors.server.ts'

export const meta: MetaFunction = () => [{ title: 'Jobs · Chartside' }]

/**
 * The job queue for administrators (ADR 032): each queue's jobs by state, and the recent failed
 * jobs with their attempts and last error code, each with a Retry button. Jobs carry ids only and
 * a failure keeps only its error code, so nothing here can show PHI. A retry is a ledger event.
 */
export async function loader({ request, context }: LoaderFunctionArgs) {
	const user = await requirePermission(request, context, PERMISSIONS.manageJobs)
	return requestScope(context, user).jobs.overview()
}

export async function action({ request, context }: ActionFunctionArgs) {
	const { user, form } = await requirePermittedForm(request, context, PERMISSIONS.manageJobs)
	const kind = String(form.get('kind') ?? '')
	const id = String(form.get('id') ?? '')
	const failed = await withUserErrors(() => requestScope(context, user).jobs.retry(kind, id))
	if (failed) return failed
	return { retried: { kind, id }, error: null }
}

const time = (iso: string | null) => (iso ? iso.replace('T', ' ').slice(0, 19) : '—')
const cell = 'px-4 py-2'
const count = `${cell} text-right font-mono tabular-nums`

export default function JobsPage() {
	const { queues, failed } = useLoaderData<typeof loader>()
	const result = useActionData<typeof action>()
	const navigation = useNavigation()
	return (
		<div className="space-y-6">
			<div>
				<h1 className="text-2xl font-semibold">Jobs</h1>
				<p className="text-ink-muted">
					Background work: ledger checkpoints, ledger retention and re-embedding. Failed jobs keep
					only an error code; retrying one is recorded in the audit ledger.
				</p>
			</div>

			<Card id="job-queues" title="Queues">
				<table className="mt-3 w-full text-left text-sm">
					<caption className="sr-only">Jobs in each queue, by state</caption>
					<TableHead columns={['Queue', 'Waiting', 'Retrying', 'Running', 'Completed', 'Failed']} />
					<tbody data-testid="job-queues">
						{queues.map((q) => (
							<tr key={q.kind} className="border-t border-line" data-queue={q.kind}>
								<td className={`${cell} font-mono text-xs`}>{q.kind}</td>
								<td className={count}>{q.created}</td>
								<td className={count}>{q.retry}</td>
								<td className={count}>{q.active}</td>
								<td className={count}>{q.completed}</td>
								<td
									className={`${count} ${q.failed > 0 ? 'font-medium text-danger' : ''}`}
									data-testid="queue-failed"
								>
									{q.failed}
								</td>
							</tr>
						))}
					</tbody>
				</table>
			</Card>

			<Card id="failed-jobs" title="Failed jobs">
				{result?.error ? (
					<p role="alert" className="mt-3 text-danger">
						{result.error}
					</p>
				) : result && 'retried' in result ? (
					<p role="status" className="mt-3 text-ok">
						{`Job ${result.retried.id} is back in the ${result.retried.kind} queue.`}
					</p>
				) : null}
				{failed.length === 0 ? (
					<p className="mt-3 text-ink-muted">No failed jobs.</p>
				) : (
					<table className="mt-3 w-full text-left text-sm">
						<caption className="sr-only">The most recent failed jobs, newest first</caption>
						<TableHead
							columns={[
								'Queue',
								'Job',
								'Attempts',
								'Last error',
								'Created (UTC)',
								'Started (UTC)',
								'Failed (UTC)',
								<span key="retry" className="sr-only">
									Retry
								</span>,
							]}
						/>
						<tbody data-testid="failed-jobs">
							{failed.map((job) => (
								<tr key={job.id} className="border-t border-line" data-job={job.id}>
									<td className={`${cell} font-mono text-xs`}>{job.kind}</td>
									<td className={`${cell} font-mono text-xs`} title={job.id}>
										{job.id.slice(0, 8)}
									</td>
									<td className={count}>{job.attempts}</td>
									<td className={`${cell} font-mono text-xs`} data-testid="job-error">
										{job.lastErrorCode ?? 'timed out or stopped'}
									</td>
									<td className={`${cell} font-mono text-xs`}>{time(job.createdAt)}</td>
									<td className={`${cell} font-mono text-xs`}>{time(job.startedAt)}</td>
									<td className={`${cell} font-mono text-xs`}>{time(job.failedAt)}</td>
									<td className={cell}>
										<Form method="post">
											<CsrfInput />
											<input type="hidden" name="kind" value={job.kind} />
											<input type="hidden" name="id" value={job.id} />
											<button
												type="submit"
												disabled={navigation.state !== 'idle'}
												aria-label={`Retry ${job.kind} job ${job.id.slice(0, 8)}`}
												className="rounded bg-brand-600 px-3 py-1 text-sm font-medium text-white hover:bg-brand-700 disabled:opacity-60"
											>
												Retry
											</button>
										</Form>
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
