import { useCallback, useRef, useState } from 'react'
import type { ModelIdentity } from '#server/gateway/index.ts'
import type {
	AnswerSentenceView,
	AnswerView,
	CopilotEvent,
	HistoryItem,
} from '#server/copilot/types.ts'
import { readEvents } from '#app/utils/sse.ts'

/**
 * The copilot panel's state: one answer at a time, streamed in sentence by sentence, then saved as
 * a draft; or an earlier one reopened. A stream that fails part-way withdraws what it showed (it
 * was never recorded as an answer) and says so.
 */
export type CopilotState =
	| { phase: 'idle' }
	| {
			phase: 'streaming'
			title: string
			sentences: AnswerSentenceView[]
			model: ModelIdentity | null
	  }
	| { phase: 'done'; title: string; answer: AnswerView }
	| { phase: 'error'; title: string; message: string }

type StreamEvent = CopilotEvent | { type: 'error'; code: string; message: string }

export function useCopilot(patientId: string, csrf: string) {
	const [state, setState] = useState<CopilotState>({ phase: 'idle' })
	const controller = useRef<AbortController | null>(null)

	const run = useCallback(
		async (title: string, path: string, fields: Record<string, string>) => {
			controller.current?.abort()
			const abort = new AbortController()
			controller.current = abort
			setState({ phase: 'streaming', title, sentences: [], model: null })
			const body = new FormData()
			body.set('csrf', csrf)
			for (const [k, v] of Object.entries(fields)) body.set(k, v)
			try {
				const response = await fetch(`/patients/${patientId}/${path}`, {
					method: 'POST',
					body,
					signal: abort.signal,
				})
				if (!response.ok) {
					const failed = (await response.json().catch(() => null)) as { error?: string } | null
					setState({
						phase: 'error',
						title,
						message: failed?.error ?? 'The answer could not be made.',
					})
					return
				}
				for await (const raw of readEvents(response)) {
					const event = raw as StreamEvent
					if (event.type === 'sentence')
						setState((s) =>
							s.phase === 'streaming'
								? { ...s, sentences: [...s.sentences, event.sentence], model: event.model }
								: s,
						)
					else if (event.type === 'done') setState({ phase: 'done', title, answer: event.answer })
					else setState({ phase: 'error', title, message: event.message })
				}
			} catch (error) {
				if (abort.signal.aborted) return
				setState({ phase: 'error', title, message: 'The connection was lost; nothing was saved.' })
				void error
			}
		},
		[patientId, csrf],
	)

	return {
		state,
		ask: (question: string) => run(question, 'ask', { question }),
		summarize: (documentId: string, title: string) =>
			run(`Summary of ${title}`, 'summarize', { documentId }),
		async reopen(item: HistoryItem) {
			controller.current?.abort()
			const title = item.question ?? `Summary of ${item.documentTitle ?? 'a document'}`
			const response = await fetch(`/patients/${patientId}/answers/${item.id}`)
			if (!response.ok) {
				setState({ phase: 'error', title, message: 'This answer could not be reopened.' })
				return
			}
			setState({ phase: 'done', title, answer: (await response.json()) as AnswerView })
		},
		/** After a decision: the answer with its new status. */
		decided(answer: AnswerView) {
			setState((s) => (s.phase === 'done' ? { ...s, answer } : s))
		},
	}
}
