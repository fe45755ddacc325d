import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { data, redirect } from '@remix-run/node'
import {
	Form,
	isRouteErrorResponse,
	useActionData,
	useLoaderData,
	useParams,
	useRevalidator,
	useRouteError,
	useRouteLoaderData,
} from '@remix-run/react'
import { useEffect } from 'react'
import { Card, PagePanel } from '#app/components/card.tsx'
import { CopilotPanel } from '#app/components/copilot/copilot-panel.tsx'
import { useCopilot } from '#app/components/copilot/use-copilot.ts'
import type { loader as rootLoader } from '#app/root.tsx'
import { CsrfInput } from '#app/components/csrf-input.tsx'
import {
	PERMISSIONS,
	requestScope,
	requireCsrf,
	requirePermission,
} from '#app/utils/auth.server.ts'
import { withUserErrors } from '#app/utils/errors.server.ts'
import { ageOn, formatDate, SEX_LABEL } from '#app/utils/patient-format.ts'

export const meta: MetaFunction = () => [{ title: 'Chart · Chartside' }]

export async function loader({ request, params, context }: LoaderFunctionArgs) {
	const user = await requirePermission(request, context, PERMISSIONS.readChartCareTeam)
	const scope = requestScope(context, user)
	const result = await scope.chart.openChart(params.patientId ?? '')
	if (result.status === 'not_found') throw data({ reason: 'not-found' as const }, { status: 404 })
	if (result.status === 'forbidden') {
		throw data(
			{
				reason: 'care-team' as const,
				canBreakGlass: context.app.auth.can(user.role, PERMISSIONS.breakGlass),
			},
			{ status: 403 },
		)
	}
	const history = context.app.auth.can(user.role, PERMISSIONS.askCopilot)
		? await scope.copilot.history({ patientId: params.patientId ?? '' })
		: []
	return { ...result.chart, history }
}

/** Break-glass: emergency access outside the care team, with a typed reason, for a limited time. */
export async function action({ request, params, context }: ActionFunctionArgs) {
	const user = await requirePermission(request, context, PERMISSIONS.breakGlass)
	const form = await request.formData()
	await requireCsrf(request, context, user, form)
	const reason = form.get('reason')
	const failed = await withUserErrors(async () => {
		await requestScope(context, user).chart.breakGlass(
			params.patientId ?? '',
			typeof reason === 'string' ? reason : '',
		)
	})
	if (failed) return failed
	return redirect(`/patients/${params.patientId ?? ''}`)
}

const TYPE_LABEL: Record<string, string> = {
	history_and_physical: 'History and physical',
	progress_note: 'Progress note',
	discharge_summary: 'Discharge summary',
	referral: 'Referral letter',
	consult: 'Consult note',
	lab_report: 'Lab report',
	radiology_report: 'Radiology report',
	problem_list: 'Problem list',
	medication_list: 'Medication list',
	allergy_list: 'Allergies',
	lab_timeline: 'Results',
	immunization_list: 'Immunizations',
	encounter_summary: 'Visit',
	other: 'Other',
}

export default function Chart() {
	const { patient, documents, panels, breakGlass, history } = useLoaderData<typeof loader>()
	const root = useRouteLoaderData<typeof rootLoader>('root')
	const csrf = root?.user?.csrfToken ?? ''
	const copilot = useCopilot(patient.id, csrf)
	const revalidator = useRevalidator()
	const decidedOrDone =
		copilot.state.phase === 'done'
			? `${copilot.state.answer.id}:${copilot.state.answer.status}`
			: ''
	// A new or decided answer joins the history.
	useEffect(() => {
		if (decidedOrDone) revalidator.revalidate()
		// eslint-disable-next-line react-hooks/exhaustive-deps -- only when an answer is saved or decided
	}, [decidedOrDone])
	return (
		<div className="space-y-6">
			{breakGlass ? (
				<div
					role="alert"
					data-testid="break-glass-banner"
					className="rounded-lg border-2 border-danger bg-danger-soft p-4 text-danger"
				>
					<p className="font-semibold">
						Break-glass access: this patient is not on your care team.
					</p>
					<p className="mt-1 text-sm">
						Reason recorded: “{breakGlass.reason}”. Access ends{' '}
						{new Date(breakGlass.expiresAt).toLocaleString()}. Every view is audited.
					</p>
				</div>
			) : null}
			<header className="rounded-lg border border-line bg-surface p-6 shadow-sm">
				<h1 className="text-2xl font-semibold" data-testid="patient-name">
					{patient.name}
				</h1>
				<dl className="mt-2 flex flex-wrap gap-x-8 gap-y-1 text-sm">
					<div>
						<dt className="inline text-ink-muted">MRN </dt>
						<dd className="inline font-mono">{patient.mrn}</dd>
					</div>
					<div>
						<dt className="inline text-ink-muted">Age </dt>
						<dd className="inline">{ageOn(patient.birthDate)}</dd>
					</div>
					<div>
						<dt className="inline text-ink-muted">Sex </dt>
						<dd className="inline">{SEX_LABEL[patient.sex]}</dd>
					</div>
					<div>
						<dt className="inline text-ink-muted">Born </dt>
						<dd className="inline">{patient.birthDate}</dd>
					</div>
				</dl>
			</header>
			<div className="grid gap-6 lg:grid-cols-[minmax(0,1fr)_minmax(0,1.1fr)]">
				<div className="space-y-6">
					<ChartPanel id="problems" title="Problems" items={panels.problems} />
					<ChartPanel id="medications" title="Medications" items={panels.medications} />
					<ChartPanel id="results" title="Recent results" items={panels.results} />
					<Card id="documents" title="Documents">
						<ul className="mt-3 divide-y divide-line" data-testid="documents">
							{documents.map((d) => (
								<li
									key={d.id}
									className="flex flex-wrap items-center justify-between gap-2 py-2 text-sm"
								>
									<span className="min-w-0">
										{d.title}
										{d.flaggedChunks > 0 ? (
											<span
												data-testid="injection-mark"
												title="Text in this document reads like instructions to an AI. It is kept in the chart and never used in answers."
												className="ml-2 inline-block rounded border border-warn bg-warn-soft px-1.5 py-0.5 text-xs font-medium text-warn"
											>
												Contains instructions · not used in answers
											</span>
										) : null}
									</span>
									<span className="flex items-center gap-2 text-ink-muted">
										{TYPE_LABEL[d.type] ?? d.type} · {formatDate(d.authoredAt)}
										<button
											type="button"
											onClick={() => void copilot.summarize(d.id, d.title)}
											aria-label={`Summarize ${d.title}`}
											className="rounded border border-line px-2 py-0.5 text-xs text-ink hover:bg-canvas"
										>
											Summarize
										</button>
									</span>
								</li>
							))}
						</ul>
					</Card>
				</div>
				<CopilotPanel copilot={copilot} patientId={patient.id} csrf={csrf} history={history} />
			</div>
		</div>
	)
}

/** One summary panel (problems, medications, results), read from the structured record. */
function ChartPanel({
	id,
	title,
	items,
}: {
	id: string
	title: string
	items: Array<{ name: string; detail: string; chunkId: string }>
}) {
	return (
		<Card id={id} title={title}>
			{items.length === 0 ? (
				<p className="mt-2 text-sm text-ink-muted">None recorded.</p>
			) : (
				<ul
					className="mt-2 max-h-72 divide-y divide-line overflow-y-auto"
					data-testid={`panel-${id}`}
				>
					{items.map((item) => (
						<li key={`${item.chunkId}-${item.name}`} className="py-1.5 text-sm">
							<span className="font-medium">{item.name}</span>
							{item.detail ? <span className="block text-ink-muted">{item.detail}</span> : null}
						</li>
					))}
				</ul>
			)}
		</Card>
	)
}

/** 403 on a patient outside the care team: say so plainly and offer break-glass to clinicians. */
export function ErrorBoundary() {
	const error = useRouteError()
	const params = useParams()
	const result = useActionData<typeof action>()
	if (
		isRouteErrorResponse(error) &&
		error.status === 403 &&
		(error.data as { reason?: string })?.reason === 'care-team'
	) {
		const canBreakGlass = Boolean((error.data as { canBreakGlass?: boolean }).canBreakGlass)
		return (
			<PagePanel id="forbidden" title="This patient is not on your care team" width="wide">
				<p className="mt-3 text-ink-muted">
					You do not have access to this chart. The attempt has been recorded.
				</p>
				{canBreakGlass ? (
					<Form
						method="post"
						action={`/patients/${params.patientId}`}
						className="mt-6 space-y-3 rounded border-2 border-danger p-4"
					>
						<h2 className="font-semibold text-danger">Break-glass access</h2>
						<p className="text-sm">
							In an emergency you may open this chart for a limited time. Your reason is recorded
							and reviewed, and the chart is marked as break-glass while you have it open.
						</p>
						<CsrfInput />
						<label htmlFor="break-glass-reason" className="block text-sm font-medium">
							Reason (at least 10 characters)
						</label>
						<textarea
							id="break-glass-reason"
							name="reason"
							required
							minLength={10}
							maxLength={500}
							rows={3}
							className="w-full rounded border border-line p-2"
							aria-describedby={result?.error ? 'break-glass-error' : undefined}
						/>
						{result?.error ? (
							<p id="break-glass-error" role="alert" className="text-sm text-danger">
								{result.error}
							</p>
						) : null}
						<button type="submit" className="rounded bg-danger px-4 py-2 font-medium text-white">
							Break glass and open the chart
						</button>
					</Form>
				) : null}
			</PagePanel>
		)
	}
	throw error
}
