import { useState } from 'react'
import type { AnswerView } from '#server/copilot/types.ts'

/**
 * The clinician's decision on a draft: Accept (A), Edit (E) inline, or Override (O) with a reason
 * from the fixed list and an optional note. The decision is the record: once made, the bar shows
 * it instead of the buttons.
 */
export const REASONS = [
	['incorrect', 'Incorrect'],
	['unsupported_by_chart', 'Unsupported by chart'],
	['incomplete', 'Incomplete'],
	['unsafe', 'Unsafe'],
	['not_relevant', 'Not relevant'],
	['other', 'Other'],
] as const

const STATUS_TEXT: Record<string, string> = {
	accepted: 'Accepted by you: this text is the record.',
	edited: 'Edited by you: your text is the record.',
	overridden: 'Overridden: kept for review, not part of the record.',
}

export type DecisionMode = 'buttons' | 'edit' | 'override'

export function DecisionBar({
	answer,
	patientId,
	csrf,
	mode,
	setMode,
	onDecided,
}: {
	answer: AnswerView
	patientId: string
	csrf: string
	mode: DecisionMode
	setMode: (mode: DecisionMode) => void
	onDecided: (answer: AnswerView) => void
}) {
	const [error, setError] = useState<string | null>(null)
	const [busy, setBusy] = useState(false)
	const draftText = answer.notFound
		? 'Not found in the chart.'
		: answer.sentences.map((s) => s.text).join(' ')

	async function send(fields: Record<string, string>) {
		setBusy(true)
		setError(null)
		const body = new FormData()
		body.set('csrf', csrf)
		for (const [k, v] of Object.entries(fields)) body.set(k, v)
		const response = await fetch(`/patients/${patientId}/answers/${answer.id}`, {
			method: 'POST',
			body,
		})
		setBusy(false)
		const result = (await response.json().catch(() => null)) as
			(AnswerView & { error?: string }) | null
		if (!response.ok || !result) {
			setError(result?.error ?? 'The decision could not be saved.')
			return
		}
		setMode('buttons')
		onDecided(result)
	}

	if (answer.status !== 'draft')
		return (
			<p
				data-testid="decision-status"
				className={`mt-4 rounded px-3 py-2 text-sm font-medium ${answer.status === 'overridden' ? 'bg-danger-soft text-danger' : 'bg-ok-soft text-ok'}`}
			>
				{STATUS_TEXT[answer.status]}
				{answer.decision?.reasonCode ? ` Reason: ${reasonLabel(answer.decision.reasonCode)}.` : ''}
			</p>
		)

	return (
		<div className="mt-4 border-t border-line pt-4" data-testid="decision-bar">
			{error ? (
				<p role="alert" className="mb-2 text-sm text-danger">
					{error}
				</p>
			) : null}
			{mode === 'buttons' ? (
				<div className="flex flex-wrap gap-2">
					<button
						type="button"
						disabled={busy}
						aria-keyshortcuts="a"
						onClick={() => void send({ decision: 'accept' })}
						className="rounded bg-brand-600 px-3 py-1.5 text-sm font-semibold text-white hover:bg-brand-700"
					>
						Accept <kbd className="ml-1 text-xs opacity-80">A</kbd>
					</button>
					<button
						type="button"
						aria-keyshortcuts="e"
						onClick={() => setMode('edit')}
						className="rounded border border-line px-3 py-1.5 text-sm font-semibold hover:bg-canvas"
					>
						Edit <kbd className="ml-1 text-xs text-ink-muted">E</kbd>
					</button>
					<button
						type="button"
						aria-keyshortcuts="o"
						onClick={() => setMode('override')}
						className="rounded border border-danger px-3 py-1.5 text-sm font-semibold text-danger hover:bg-danger-soft"
					>
						Override <kbd className="ml-1 text-xs">O</kbd>
					</button>
				</div>
			) : mode === 'edit' ? (
				<form
					onSubmit={(e) => {
						e.preventDefault()
						const text = new FormData(e.currentTarget).get('editedText')
						void send({ decision: 'edit', editedText: typeof text === 'string' ? text : '' })
					}}
				>
					<label htmlFor="edited-text" className="text-sm font-medium">
						Your text (saved as yours)
					</label>
					<textarea
						id="edited-text"
						name="editedText"
						defaultValue={draftText}
						rows={4}
						autoFocus
						className="mt-1 w-full rounded border border-line p-2 text-sm"
					/>
					<SubmitOrCancel
						label="Save edit"
						tone="primary"
						busy={busy}
						onCancel={() => setMode('buttons')}
					/>
				</form>
			) : (
				<form
					onSubmit={(e) => {
						e.preventDefault()
						const form = new FormData(e.currentTarget)
						void send({
							decision: 'override',
							reasonCode: String(form.get('reasonCode') ?? ''),
							reasonText: String(form.get('reasonText') ?? ''),
						})
					}}
				>
					<fieldset>
						<legend className="text-sm font-medium">Why are you overriding this answer?</legend>
						<div className="mt-1 grid grid-cols-2 gap-1">
							{REASONS.map(([value, label], i) => (
								<label key={value} className="flex items-center gap-2 text-sm">
									<input
										type="radio"
										name="reasonCode"
										value={value}
										required
										autoFocus={i === 0}
									/>
									{label}
								</label>
							))}
						</div>
					</fieldset>
					<label htmlFor="override-note" className="mt-2 block text-sm font-medium">
						Note (optional, encrypted in the audit record)
					</label>
					<textarea
						id="override-note"
						name="reasonText"
						rows={2}
						maxLength={2000}
						className="mt-1 w-full rounded border border-line p-2 text-sm"
					/>
					<SubmitOrCancel
						label="Record override"
						tone="danger"
						busy={busy}
						onCancel={() => setMode('buttons')}
					/>
				</form>
			)}
		</div>
	)
}

export const reasonLabel = (code: string) =>
	REASONS.find(([value]) => value === code)?.[1].toLowerCase() ?? code

const TONE = { primary: 'bg-brand-600', danger: 'bg-danger' } as const

/** The two buttons under the edit and override forms. */
function SubmitOrCancel({
	label,
	tone,
	busy,
	onCancel,
}: {
	label: string
	tone: keyof typeof TONE
	busy: boolean
	onCancel: () => void
}) {
	return (
		<div className="mt-2 flex gap-2">
			<button
				type="submit"
				disabled={busy}
				className={`rounded ${TONE[tone]} px-3 py-1.5 text-sm font-semibold text-white`}
			>
				{label}
			</button>
			<button
				type="button"
				onClick={onCancel}
				className="rounded border border-line px-3 py-1.5 text-sm"
			>
				Cancel
			</button>
		</div>
	)
}
