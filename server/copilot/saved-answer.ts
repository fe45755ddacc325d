import type { Answer, DecisionRow } from '#db/schema/answers.ts'
import type { ModelIdentity } from '../gateway/index.ts'
import { citationResolver } from './citations.ts'
import type { AnswerView, CitationRef } from './types.ts'

/** A saved answer as the screen shows it: its sentences cited, its model, its latest decision. */
export function savedAnswerView(
	answer: Answer,
	cited: readonly CitationRef[],
	decision: DecisionRow | null,
): AnswerView {
	const cite = citationResolver(cited)
	const m = answer.model
	return {
		id: answer.id,
		kind: answer.kind,
		question: answer.question,
		documentId: answer.documentId,
		status: answer.status,
		notFound: answer.notFoundInChart,
		sentences: answer.sentences.map((s) => ({
			text: s.text,
			supported: s.supported,
			citations: cite(s.chunkIds),
		})),
		model: {
			endpoint: m.endpointId,
			provider: m.provider,
			model: m.model,
			version: m.version,
			label: m.label ?? `${m.provider} ${m.model}`,
			local: m.local ?? m.provider === 'local',
		} satisfies ModelIdentity,
		fallback: m.fallback ?? false,
		createdAt: answer.createdAt.toISOString(),
		decision: decision
			? {
					decision: decision.decision,
					reasonCode: decision.reasonCode,
					finalText: decision.finalText,
					decidedAt: decision.decidedAt.toISOString(),
				}
			: null,
	}
}
