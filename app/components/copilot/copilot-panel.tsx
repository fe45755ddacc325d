import { useState, type KeyboardEvent } from 'react'
import type { HistoryItem } from '#server/copilot/types.ts'
import { Card } from '../card.tsx'
import { AnswerSentences, type OpenCitation } from './answer-view.tsx'
import { DecisionBar, type DecisionMode } from './decision-bar.tsx'
import { SourcePanel } from './source-panel.tsx'
import type { useCopilot } from './use-copilot.ts'

/**
 * The copilot beside the chart: the question box, the answer as it streams in (a Draft with its
 * model identity, every sentence with its citation chips), the source of a clicked citation, the
 * decision, and the patient's earlier answers. Keyboard: A accept, E edit, O override while the
 * answer has focus; Escape closes the source.
 */
export function CopilotPanel({
	copilot,
	patientId,
	csrf,
	history,
}: {
	copilot: ReturnType<typeof useCopilot>
	patientId: string
	csrf: string
	history: HistoryItem[]
}) {
	const { state } = copilot
	const [open, setOpen] = useState<OpenCitation | null>(null)
	const [mode, setMode] = useState<DecisionMode>('buttons')
	const answer = state.phase === 'done' ? state.answer : null

	function onKey(e: KeyboardEvent<HTMLElement>) {
		const target = e.target as HTMLElement
		if (!answer || answer.status !== 'draft' || mode !== 'buttons') return
		if (
			['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName) ||
			e.altKey ||
			e.ctrlKey ||
			e.metaKey
		)
			return
		const key = e.key.toLowerCase()
		if (key === 'e') setMode('edit')
		else if (key === 'o') setMode('override')
		else if (key === 'a')
			(document.querySelector('[aria-keyshortcuts="a"]') as HTMLButtonElement | null)?.click()
		else return
		e.preventDefault()
	}

	return (
		<div className="space-y-4">
			<Card id="ask" title="Ask about this chart" padding="compact">
				<form
					className="mt-3 flex gap-2"
					onSubmit={(e) => {
						e.preventDefault()
						const question = String(new FormData(e.currentTarget).get('question') ?? '').trim()
						if (!question) return
						setOpen(null)
						setMode('buttons')
						void copilot.ask(question)
					}}
				>
					<label htmlFor="question" className="sr-only">
						Your question
					</label>
					<input
						id="question"
						name="question"
						maxLength={2000}
						required
						placeholder="e.g. What was the most recent potassium?"
						className="min-w-0 flex-1 rounded border border-line px-3 py-2 text-sm"
					/>
					<button
						type="submit"
						disabled={state.phase === 'streaming'}
						className="rounded bg-brand-600 px-4 py-2 text-sm font-semibold text-white hover:bg-brand-700"
					>
						Ask
					</button>
				</form>
			</Card>

			<section
				aria-labelledby="answer-title"
				aria-busy={state.phase === 'streaming'}
				tabIndex={-1}
				onKeyDown={onKey}
				data-testid="answer-panel"
				className="min-h-64 rounded-lg border border-line bg-surface p-5 shadow-sm"
			>
				<div className="flex flex-wrap items-center justify-between gap-2">
					<h2 id="answer-title" className="text-lg font-semibold">
						{state.phase === 'idle' ? 'Answer' : state.title}
					</h2>
					{state.phase === 'streaming' || answer ? (
						<span className="flex items-center gap-2 text-xs">
							<span
								data-testid="draft-badge"
								className="rounded bg-draft-soft px-2 py-0.5 font-semibold text-draft"
							>
								{answer && answer.status !== 'draft' ? 'Decided' : 'Draft'}
							</span>
							<span data-testid="model-identity" className="text-ink-muted">
								{modelText(
									answer?.model ?? (state.phase === 'streaming' ? state.model : null),
									answer?.fallback ?? false,
								)}
							</span>
						</span>
					) : null}
				</div>
				<div aria-live="polite" className="mt-3">
					{state.phase === 'idle' ? (
						<p className="text-sm text-ink-muted">
							Answers cite the chart sentence by sentence and stay a draft until you accept, edit or
							override them.
						</p>
					) : state.phase === 'error' ? (
						<p role="alert" className="text-sm text-danger" data-testid="answer-error">
							{state.message}
						</p>
					) : answer?.notFound ? (
						<p data-testid="not-found" className="font-medium">
							Not found in the chart.
							<span className="mt-1 block text-sm font-normal text-ink-muted">
								Nothing in this patient’s chart supports an answer; nothing was guessed.
							</span>
						</p>
					) : (
						<AnswerSentences
							sentences={state.phase === 'done' ? state.answer.sentences : state.sentences}
							onCite={setOpen}
						/>
					)}
					{state.phase === 'streaming' ? (
						<p className="mt-2 text-sm text-ink-muted" data-testid="streaming">
							Checking each sentence against the chart…
						</p>
					) : null}
				</div>
				{answer ? (
					<DecisionBar
						answer={answer}
						patientId={patientId}
						csrf={csrf}
						mode={mode}
						setMode={setMode}
						onDecided={copilot.decided}
					/>
				) : null}
			</section>

			{open ? <SourcePanel open={open} onClose={() => setOpen(null)} /> : null}

			<Card id="history" title="Earlier questions and summaries" padding="compact">
				{history.length === 0 ? (
					<p className="mt-2 text-sm text-ink-muted">None yet.</p>
				) : (
					<ul className="mt-2 divide-y divide-line" data-testid="history">
						{history.map((item) => (
							<li key={item.id} className="flex items-center justify-between gap-3 py-2 text-sm">
								<span className="min-w-0 truncate">
									{item.question ?? `Summary of ${item.documentTitle ?? 'a document'}`}
								</span>
								<span className="flex shrink-0 items-center gap-2">
									<span className="text-xs text-ink-muted">{STATUS[item.status]}</span>
									<button
										type="button"
										onClick={() => {
											setOpen(null)
											setMode('buttons')
											void copilot.reopen(item)
										}}
										className="rounded border border-line px-2 py-0.5 text-xs hover:bg-canvas"
									>
										Reopen
									</button>
								</span>
							</li>
						))}
					</ul>
				)}
			</Card>
		</div>
	)
}

const STATUS: Record<string, string> = {
	draft: 'Draft',
	accepted: 'Accepted',
	edited: 'Edited',
	overridden: 'Overridden',
}

function modelText(
	model: { label: string; version: string | null; endpoint: string } | null,
	fallback: boolean,
): string {
	if (!model) return ''
	const version = model.version ? ` · version ${model.version}` : ''
	return `${model.label} (${model.endpoint})${version}${fallback ? ' · fallback' : ''}`
}
