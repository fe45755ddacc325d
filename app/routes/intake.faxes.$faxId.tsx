import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { redirect } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData, useNavigation } from '@remix-run/react'
import { useEffect, useRef, useState } from 'react'
import { Card } from '#app/components/card.tsx'
import { CsrfInput } from '#app/components/csrf-input.tsx'
import { FaxStatus, routeReasonText } from '#app/components/intake/fax-status.tsx'
import { HighlightedText, pageSpans } from '#app/components/intake/highlighted-text.tsx'
import { choiceIds, PatientChoices } from '#app/components/intake/patient-choices.tsx'
import {
	PERMISSIONS,
	requestScope,
	requirePermission,
	requirePermittedForm,
} from '#app/utils/auth.server.ts'
import { withUserErrors } from '#app/utils/errors.server.ts'
import {
	FAX_TYPE_LABELS,
	filingPlansOf,
	refileReasonOf,
	rejectionOf,
	reviewOr404,
} from '#app/utils/intake.server.ts'

export const meta: MetaFunction = () => [{ title: 'Review fax · Chartside' }]

/**
 * The review screen (ADR 039): the page images beside their text with the demographics found
 * highlighted, the proposed type, the candidate patients with the evidence for each (which fields
 * agreed), a roster search, and the decisions: file (with a corrected type, another patient, or
 * split by page ranges), reject as junk or misdirected, retry a failed fax, refile a filed one.
 * Keyboard-first: F files, J rejects, T the type, / the search, 1–9 a candidate. Opening it is a
 * ledger read; every decision is a ledger event.
 */
export async function loader({ request, context, params }: LoaderFunctionArgs) {
	const user = await requirePermission(request, context, PERMISSIONS.uploadFax)
	const scope = requestScope(context, user)
	const q = new URL(request.url).searchParams.get('q')?.trim() ?? ''
	const review = await reviewOr404(scope, params.faxId ?? '')
	const hits = q ? await scope.intake.searchPatients(q) : []
	return { review, hits, q, typeLabels: FAX_TYPE_LABELS as Record<string, string> }
}

export async function action({ request, context, params }: ActionFunctionArgs) {
	const { user, form } = await requirePermittedForm(request, context, PERMISSIONS.uploadFax)
	const scope = requestScope(context, user)
	const faxId = params.faxId ?? ''
	const intent = String(form.get('intent') ?? '')
	const failed = await withUserErrors(async () => {
		if (intent === 'file') {
			const pageCount = Number(form.get('pageCount') ?? 0)
			await scope.intake.confirm(faxId, filingPlansOf(form, pageCount))
		} else if (intent === 'reject') await scope.intake.reject(faxId, rejectionOf(form))
		else if (intent === 'retry') await scope.intake.retry(faxId)
		else if (intent === 'refile') await scope.intake.refile(faxId, refileReasonOf(form))
		else return { error: 'Unknown action.' }
		return null
	})
	if (failed) return failed
	if (intent === 'refile') return redirect(`/intake/faxes/${faxId}`)
	return redirect(intent === 'retry' ? '/intake' : '/intake/review')
}

const typing = (target: EventTarget | null) =>
	target instanceof HTMLElement &&
	(target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName))

export default function ReviewFax() {
	const { review, hits, q, typeLabels } = useLoaderData<typeof loader>()
	const result = useActionData<typeof action>()
	const navigation = useNavigation()
	const { fax, pages, candidates, filings } = review
	const [patientId, setPatientId] = useState<string>(candidates[0]?.patientId ?? hits[0]?.id ?? '')
	const fileForm = useRef<HTMLFormElement>(null)
	const typeSelect = useRef<HTMLSelectElement>(null)
	const search = useRef<HTMLInputElement>(null)
	const rejectReason = useRef<HTMLInputElement>(null)
	const choices = choiceIds(candidates, hits)
	const waiting = fax.status === 'waiting_review'

	useEffect(() => {
		function onKey(event: KeyboardEvent) {
			if (event.metaKey || event.ctrlKey || event.altKey) return
			// Escape leaves a field (after T, / or J) so that the keys work again.
			if (typing(event.target)) {
				if (event.key === 'Escape' && event.target instanceof HTMLElement) event.target.blur()
				return
			}
			const key = event.key.toLowerCase()
			if (key === '/') {
				event.preventDefault()
				search.current?.focus()
			} else if (key === 't' && waiting) {
				event.preventDefault()
				typeSelect.current?.focus()
			} else if (key === 'f' && waiting) {
				event.preventDefault()
				fileForm.current?.requestSubmit()
			} else if (key === 'j') {
				event.preventDefault()
				rejectReason.current?.focus()
			} else if (/^[1-9]$/.test(key) && waiting) {
				const id = choices[Number(key) - 1]
				if (id) setPatientId(id)
			}
		}
		window.addEventListener('keydown', onKey)
		return () => window.removeEventListener('keydown', onKey)
	})

	const busy = navigation.state !== 'idle'
	const spansByPage = pageSpans(
		pages.map((p) => p.text),
		review.foundSpans,
	)
	return (
		<div className="space-y-6">
			<div className="flex flex-wrap items-start justify-between gap-4">
				<div>
					<p className="text-sm">
						<Link to="/intake/review">← Review queue</Link>
					</p>
					<h1 className="mt-1 text-2xl font-semibold">
						<span className="font-mono text-lg">{fax.fileName}</span>
					</h1>
					<p className="mt-1 flex flex-wrap items-center gap-3 text-sm text-ink-muted">
						<FaxStatus fax={fax} />
						<span>
							{fax.pageCount} page{fax.pageCount === 1 ? '' : 's'}
						</span>
						<span>received {fax.receivedAt.slice(0, 16).replace('T', ' ')} UTC</span>
					</p>
				</div>
				<p className="text-xs text-ink-muted" aria-hidden="true">
					Keys: F file · J reject · T type · / search · 1–9 patient · Esc leaves a field
				</p>
			</div>

			{result && 'error' in result && result.error ? (
				<p
					role="alert"
					className="rounded bg-danger-soft px-3 py-2 text-danger"
					data-testid="review-error"
				>
					{result.error}
				</p>
			) : null}

			<div className="grid gap-6 lg:grid-cols-[minmax(0,1fr)_24rem]">
				<div className="space-y-6">
					{pages.map((p, i) => (
						<section
							key={p.page}
							aria-labelledby={`page-${p.page}-title`}
							className="rounded-lg border border-line bg-surface p-4 shadow-sm"
							data-testid="fax-page"
						>
							<h2 id={`page-${p.page}-title`} className="text-base font-semibold">
								Page {p.page} of {fax.pageCount}{' '}
								<span className="text-xs font-normal text-ink-muted">
									{p.textSource === 'ocr'
										? `OCR, confidence ${Math.round(p.confidence * 100)} %`
										: 'text layer'}
								</span>
							</h2>
							<div className="mt-3 grid gap-4 md:grid-cols-2">
								<img
									src={`/faxes/${fax.id}/pages/${p.page}`}
									alt={`Page ${p.page} of the fax as received`}
									className="w-full border border-line bg-white"
									loading="lazy"
								/>
								<pre
									className="max-h-[36rem] overflow-auto whitespace-pre-wrap break-words rounded bg-canvas p-3 font-mono text-xs"
									data-testid="page-text"
								>
									<HighlightedText text={p.text} spans={spansByPage[i] ?? []} />
								</pre>
							</div>
						</section>
					))}
					{pages.length === 0 ? <p className="text-ink-muted">No page has been read yet.</p> : null}
				</div>

				<aside className="space-y-6">
					{waiting ? (
						<Card id="file" title="File to a chart" padding="compact">
							<p className="mt-1 text-sm text-ink-muted">
								{fax.proposedType
									? `Proposed: ${typeLabels[fax.proposedType] ?? fax.proposedType}, ${Math.round((fax.typeConfidence ?? 0) * 100)} % confident.`
									: 'No type was proposed.'}{' '}
								Waiting because: {routeReasonText(fax.routeReason)}.
							</p>
							<Form method="post" ref={fileForm} className="mt-3 space-y-4" data-testid="file-form">
								<CsrfInput />
								<input type="hidden" name="intent" value="file" />
								<input type="hidden" name="pageCount" value={fax.pageCount} />
								<input type="hidden" name="patientId" value={patientId} />
								<label className="block text-sm font-medium">
									Document type (T)
									<select
										ref={typeSelect}
										name="type"
										required
										// Junk is not an option here (a junk fax is rejected): no type is chosen then,
										// rather than the browser showing (and filing) the first option.
										defaultValue={fax.proposedType === 'junk' ? '' : (fax.proposedType ?? '')}
										className="mt-1 block w-full rounded border border-line bg-surface px-2 py-1"
										data-testid="fax-type"
									>
										<option value="" disabled>
											Choose a type
										</option>
										{Object.entries(typeLabels)
											.filter(([value]) => value !== 'junk')
											.map(([value, label]) => (
												<option key={value} value={value}>
													{label}
												</option>
											))}
									</select>
								</label>
								<fieldset>
									<legend className="text-sm font-medium">Patient (1–9)</legend>
									{candidates.length === 0 ? (
										<p className="mt-1 text-sm text-ink-muted">
											No patient in the roster matched. Search below.
										</p>
									) : null}
									<PatientChoices
										candidates={candidates}
										hits={hits}
										chosen={patientId}
										onChoose={setPatientId}
									/>
								</fieldset>
								<details>
									<summary className="cursor-pointer text-sm font-medium">
										Split into several documents
									</summary>
									<label className="mt-2 block text-sm">
										Page ranges and types, for example “1-2 lab_result, 3-5 referral”. Pages left
										out (a cover sheet) are not filed.
										<input
											name="split"
											className="mt-1 block w-full rounded border border-line px-2 py-1 font-mono text-xs"
											data-testid="split"
										/>
									</label>
								</details>
								<button
									type="submit"
									disabled={busy || !patientId}
									className="w-full rounded bg-brand-600 px-4 py-2 font-medium text-white hover:bg-brand-700 disabled:opacity-50"
									data-testid="file-fax"
								>
									File to chart (F)
								</button>
							</Form>
							<Form method="get" className="mt-4" role="search">
								<label className="block text-sm font-medium">
									Find another patient (/)
									<input
										ref={search}
										name="q"
										defaultValue={q}
										placeholder="Name, MRN or birth date (YYYY-MM-DD)"
										className="mt-1 block w-full rounded border border-line px-2 py-1"
										data-testid="patient-search"
									/>
								</label>
							</Form>
						</Card>
					) : null}

					{filings.length > 0 ? (
						<Card id="filings" title="Filed" padding="compact">
							<ul className="mt-2 space-y-1 text-sm" data-testid="filings">
								{filings.map((f) => (
									<li key={f.id} className={f.removedAt ? 'text-ink-muted line-through' : ''}>
										Pages {f.firstPage}–{f.lastPage} as {typeLabels[f.type] ?? f.type} to{' '}
										{f.patientName} {f.automatic ? '(automatically)' : ''}
										{f.removedAt ? ` — taken out ${f.removedAt.slice(0, 10)}` : ''}
									</li>
								))}
							</ul>
							{fax.status === 'filed' ? (
								<Form method="post" className="mt-3 space-y-2">
									<CsrfInput />
									<input type="hidden" name="intent" value="refile" />
									<label className="block text-sm font-medium">
										Refile: why
										<select
											name="reason"
											className="mt-1 block w-full rounded border border-line bg-surface px-2 py-1"
										>
											<option value="wrong_patient">Wrong patient</option>
											<option value="wrong_type">Wrong type</option>
											<option value="wrong_split">Wrong split</option>
										</select>
									</label>
									<button
										type="submit"
										disabled={busy}
										className="rounded border border-line px-3 py-1 text-sm font-medium"
										data-testid="refile"
									>
										Take out of the chart and review again
									</button>
								</Form>
							) : null}
						</Card>
					) : null}

					{fax.status === 'failed' ? (
						<Card id="retry" title="Reading failed" padding="compact">
							<p className="mt-1 text-sm">
								Error code <span className="font-mono">{fax.errorCode}</span>. The original is kept;
								reading it again keeps the pages already read.
							</p>
							<Form method="post" className="mt-2">
								<CsrfInput />
								<input type="hidden" name="intent" value="retry" />
								<button
									type="submit"
									disabled={busy}
									className="rounded border border-line px-3 py-1 text-sm font-medium"
									data-testid="retry"
								>
									Read again
								</button>
							</Form>
						</Card>
					) : null}

					{waiting || fax.status === 'failed' ? (
						<Card id="reject" title="Reject (J)" padding="compact">
							<Form method="post" className="mt-2 space-y-2">
								<CsrfInput />
								<input type="hidden" name="intent" value="reject" />
								<fieldset className="flex gap-4 text-sm">
									<legend className="sr-only">Why</legend>
									<label>
										<input
											ref={rejectReason}
											type="radio"
											name="reason"
											value="junk"
											defaultChecked={fax.proposedType === 'junk'}
											className="mr-1"
										/>
										Junk
									</label>
									<label>
										<input type="radio" name="reason" value="misdirected" className="mr-1" />
										Misdirected
									</label>
								</fieldset>
								<label className="block text-sm">
									Note (required for a misdirected fax)
									<input
										name="note"
										maxLength={500}
										className="mt-1 block w-full rounded border border-line px-2 py-1"
									/>
								</label>
								<button
									type="submit"
									disabled={busy}
									className="rounded border border-danger px-3 py-1 text-sm font-medium text-danger"
									data-testid="reject"
								>
									Reject
								</button>
							</Form>
						</Card>
					) : null}
				</aside>
			</div>
		</div>
	)
}
