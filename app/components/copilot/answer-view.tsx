import type { AnswerSentenceView, CitationRef } from '#server/copilot/types.ts'

/**
 * An answer's sentences, each followed by its citation chips. A sentence the chart does not
 * support is never shown as supported: it is struck through in a dashed box and labelled.
 */
export type OpenCitation = { citation: CitationRef; sentence: string; number: number }

export function AnswerSentences({
	sentences,
	onCite,
}: {
	sentences: AnswerSentenceView[]
	onCite: (open: OpenCitation) => void
}) {
	let number = 0
	return (
		<ol className="space-y-2" data-testid="answer-sentences">
			{sentences.map((s, i) => (
				<li
					key={i}
					data-testid="answer-sentence"
					data-supported={s.supported}
					className={
						s.supported
							? 'leading-relaxed'
							: 'rounded border border-dashed border-warn bg-warn-soft px-2 py-1 leading-relaxed'
					}
				>
					{s.supported ? null : (
						<span className="mr-2 text-xs font-semibold text-warn">
							Not supported by the chart:
						</span>
					)}
					<span className={s.supported ? '' : 'line-through decoration-warn'}>{s.text}</span>
					{s.citations.map((c) => {
						number += 1
						const n = number
						return (
							<button
								key={`${i}-${c.chunkId}`}
								type="button"
								data-testid="citation"
								onClick={() => onCite({ citation: c, sentence: s.text, number: n })}
								aria-label={`Source ${n}: ${c.documentTitle}${c.date ? `, ${c.date}` : ''}`}
								className="ml-1 inline-flex items-center rounded bg-brand-50 px-1.5 align-baseline text-xs font-semibold text-brand-700 hover:bg-brand-100"
							>
								{n}
							</button>
						)
					})}
				</li>
			))}
		</ol>
	)
}
