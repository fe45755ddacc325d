import { renderSources } from '../untrusted.ts'
import { dataRule, NOT_FOUND, type PromptModule } from './types.ts'

/** Answers a clinician's question from chart excerpts, citing a source after every sentence. */
export const answerWithCitations: PromptModule<{ question: string }> = {
	id: 'answer-with-citations',
	version: '1',
	render({ question, sources, boundary }) {
		return [
			{
				role: 'system',
				content: [
					"You answer a clinician's question about one patient using only the chart excerpts provided.",
					dataRule(boundary),
					'After every sentence, cite the excerpts that support it by id in square brackets, e.g. [c12] or [c12, c40].',
					`If the excerpts do not answer the question, reply exactly: ${NOT_FOUND}`,
					'Be brief and factual; do not guess, diagnose beyond the chart, or add advice.',
				].join('\n'),
			},
			{
				role: 'user',
				content: `Question: ${question.replace(/\s+/g, ' ').trim()}\n\nChart excerpts:\n${renderSources(sources, boundary)}`,
			},
		]
	},
}
