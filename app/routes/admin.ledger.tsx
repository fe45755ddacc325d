import type {
	ActionFunctionArgs,
	AppLoadContext,
	LoaderFunctionArgs,
	MetaFunction,
} from '@remix-run/node'
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
import { AUDIT_ACTION_VALUES, parseLedgerSearch } from '#app/utils/ledger-search.server.ts'

export const meta: MetaFunction = () => [{ title: 'Audit ledger · Chartside' }]

/**
 * The audit ledger for compliance admins and safety reviewers: its status (entries, last signed
 * checkpoint, last verification) and a search by patient, user, action and time. Every search,
 * including the default view of recent entries, is itself recorded in the ledger before results
 * are shown. PHI payloads stay encrypted here; the page says only that one exists.
 */
export async function loader({ request, context }: LoaderFunctionArgs) {
	const user = await requirePermission(request, context, PERMISSIONS.readLedger)
	const parsed = parseLedgerSearch(new URL(request.url).searchParams)
	const { status, rows } = await requestScope(context, user).ledger.view(
		parsed.ok ? parsed.filter : { limit: 100 },
	)
	return {
		status,
		form: parsed.form,
		error: parsed.ok ? null : parsed.error,
		mayVerify: context.app.auth.can(user.role, PERMISSIONS.verifyAudit),
		actions: AUDIT_ACTION_VALUES,
		rows: rows.map((r) => ({
			seq: r.seq,
			recordedAt: r.recordedAt,
			action: r.entry?.action ?? null,
			outcome: r.entry?.outcome ?? null,
			decision: r.entry?.decision ?? null,
			policy: r.entry?.policy ?? null,
			userId: r.entry?.actor.userId ?? null,
			role: r.entry?.actor.role ?? null,
			resource: r.entry ? `${r.entry.resource.type} ${r.entry.resource.id}` : null,
			detail: detailOf(r.entry),
			payload: r.payload,
		})),
	}
}

/** One line about what happened: the clinician's decision, or the model that answered. */
function detailOf(entry: LedgerRowEntry): string {
	if (!entry) return ''
	const d = entry.clinicianDecision
	if (d) return `${d.decision}${d.reasonCode ? ` (${d.reasonCode})` : ''}`
	const i = entry.inference
	if (i) return `${i.endpoint} · ${i.prompt.id} v${i.prompt.version}`
	return ''
}
type LedgerRowEntry = Awaited<
	ReturnType<ReturnType<AppLoadContext['app']['forActor']>['ledger']['view']>
>['rows'][number]['entry']

export async function action({ request, context }: ActionFunctionArgs) {
	const { user } = await requirePermittedForm(request, context, PERMISSIONS.verifyAudit)
	const report = await requestScope(context, user).ledger.verify()
	return { report }
}

const time = (iso: string) => iso.replace('T', ' ').slice(0, 19)
const input = 'w-full rounded border border-line bg-surface px-2 py-1.5'

export default function LedgerPage() {
	const { status, rows, form, error, mayVerify, actions } = useLoaderData<typeof loader>()
	const verified = useActionData<typeof action>()?.report
	const navigation = useNavigation()
	const last = status.lastVerification
	return (
		<div className="space-y-6">
			<div>
				<h1 className="text-2xl font-semibold">Audit ledger</h1>
				<p className="text-ink-muted">
					Every access, inference, render and clinician decision, hash-chained and signed. Looking
					here is recorded too.
				</p>
			</div>
			<Card id="ledger-status" title="Status">
				<dl className="mt-3 grid grid-cols-2 gap-x-6 gap-y-2 text-sm sm:grid-cols-4">
					<div>
						<dt className="text-ink-muted">Entries</dt>
						<dd data-testid="ledger-entries" className="font-mono">
							{status.entries}
						</dd>
					</div>
					<div>
						<dt className="text-ink-muted">Last signed checkpoint</dt>
						<dd data-testid="ledger-checkpoint">
							{status.lastCheckpoint
								? `${status.lastCheckpoint.treeSize} entries, ${time(status.lastCheckpoint.issuedAt)} UTC`
								: 'none yet'}
						</dd>
					</div>
					<div>
						<dt className="text-ink-muted">Last verification</dt>
						<dd data-testid="ledger-verification">
							{last ? (
								<>
									<span className={last.ok ? 'font-medium text-ok' : 'font-medium text-danger'}>
										{last.ok
											? `intact (${last.entries} entries)`
											: `failed at entry ${last.firstBadSeq ?? '?'} (${last.reason})`}
									</span>{' '}
									{time(last.at)} UTC
								</>
							) : (
								'never'
							)}
						</dd>
					</div>
					<div>
						<dt className="text-ink-muted">Signing key</dt>
						<dd className="font-mono text-xs">{status.keyId}</dd>
					</div>
				</dl>
				{mayVerify ? (
					<Form method="post" className="mt-4 flex items-center gap-3">
						<CsrfInput />
						<button
							type="submit"
							disabled={navigation.state !== 'idle'}
							className="rounded bg-brand-600 px-3 py-1.5 text-sm font-medium text-white hover:bg-brand-700 disabled:opacity-60"
						>
							Verify now
						</button>
						{verified ? (
							<p role="status" className={verified.ok ? 'text-ok' : 'text-danger'}>
								{verified.ok
									? `The chain and ${verified.checkpoints} checkpoints verify (${verified.entries} entries).`
									: `Verification failed${verified.firstBadSeq ? ` at entry ${verified.firstBadSeq}` : ''}${verified.badCheckpoint ? ` (checkpoint ${verified.badCheckpoint})` : ''}: ${verified.reason}.`}
							</p>
						) : null}
					</Form>
				) : null}
			</Card>

			<Card id="ledger-search" title="Search">
				<Form method="get" className="mt-3 grid grid-cols-2 gap-3 text-sm md:grid-cols-6">
					<label className="md:col-span-2">
						<span className="block font-medium">Patient id</span>
						<input name="patient" defaultValue={form.patient} className={input} />
					</label>
					<label className="md:col-span-2">
						<span className="block font-medium">User id</span>
						<input name="user" defaultValue={form.user} className={input} />
					</label>
					<label className="md:col-span-2">
						<span className="block font-medium">Action</span>
						<select name="action" defaultValue={form.action} className={input}>
							<option value="">any</option>
							{actions.map((a) => (
								<option key={a} value={a}>
									{a}
								</option>
							))}
						</select>
					</label>
					<label className="md:col-span-2">
						<span className="block font-medium">From (UTC)</span>
						<input type="datetime-local" name="from" defaultValue={form.from} className={input} />
					</label>
					<label className="md:col-span-2">
						<span className="block font-medium">To (UTC)</span>
						<input type="datetime-local" name="to" defaultValue={form.to} className={input} />
					</label>
					<div className="flex items-end md:col-span-2">
						<button
							type="submit"
							className="rounded border border-line bg-surface px-3 py-1.5 font-medium"
						>
							Search
						</button>
					</div>
				</Form>
				{error ? (
					<p role="alert" className="mt-3 text-danger">
						{error} Showing the most recent entries instead.
					</p>
				) : null}
			</Card>

			<table className="w-full rounded-lg border border-line bg-surface text-left text-sm">
				<caption className="sr-only">Ledger entries, newest first</caption>
				<TableHead
					columns={[
						'Seq',
						'Recorded (UTC)',
						'Action',
						'Outcome',
						'Policy',
						'Actor',
						'Resource',
						'Detail',
						'PHI payload',
					]}
				/>
				<tbody data-testid="ledger-rows">
					{rows.map((r) => (
						<tr
							key={r.seq}
							className="border-t border-line"
							data-action={r.action ?? 'purged'}
							data-decision={r.decision ?? ''}
						>
							<td className="px-3 py-1.5 font-mono text-xs">{r.seq}</td>
							<td className="px-3 py-1.5 font-mono text-xs">{time(r.recordedAt)}</td>
							{r.action ? (
								<>
									<td className="px-3 py-1.5">{r.action}</td>
									<td
										className={`px-3 py-1.5 font-medium ${r.outcome === 'success' ? 'text-ok' : 'text-danger'}`}
									>
										{r.outcome}
									</td>
									<td className="px-3 py-1.5">{r.policy}</td>
									<td className="px-3 py-1.5 font-mono text-xs">
										{r.userId ?? 'anonymous'}
										{r.role ? ` (${r.role})` : ''}
									</td>
									<td className="px-3 py-1.5 font-mono text-xs">{r.resource}</td>
									<td className="px-3 py-1.5 text-xs" data-testid="ledger-detail">
										{r.detail}
									</td>
									<td className="px-3 py-1.5">
										{r.payload === 'encrypted'
											? 'encrypted'
											: r.payload === 'withheld'
												? 'withheld (patient key destroyed)'
												: '—'}
									</td>
								</>
							) : (
								<td colSpan={7} className="px-3 py-1.5 text-ink-muted">
									purged after the retention period (hashes kept)
								</td>
							)}
						</tr>
					))}
				</tbody>
			</table>
			{rows.length === 0 ? <p className="text-ink-muted">No entries match.</p> : null}
		</div>
	)
}
