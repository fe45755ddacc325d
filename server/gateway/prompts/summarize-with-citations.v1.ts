import { renderSources } from '../untrusted.ts'
import { dataRule, type PromptModule } from './types.ts'

/** Summarizes one chart document (its chunks are the sources), citing after every sentence. */
export const summarizeWithCitations: PromptModule<Record<never, never>> = {
	id: 'summarize-with-citations',
	version: '1',
	// The document's title comes from the chart, so it travels only inside the data blocks.
	render({ sources, boundary }) {
		return [
			{
				role: 'system',
				content: [
					'You summarize one clinical document for a clinician in at most six sentences.',
					dataRule(boundary),
					'After every sentence, cite the excerpts that support it by id in square brackets, e.g. [c12].',
					'Keep to what the document says: diagnoses, findings, medications, plans, follow-up.',
				].join('\n'),
			},
			{
				role: 'user',
				content: `Summarize the document below.

Document excerpts:
${renderSources(sources, boundary)}`,
			},
		]
	},
}
