import { contentTerms, daysIn, sentences } from '../../text/terms.ts'
import type { Source } from '../../untrusted.ts'

/**
 * Chart text as the local answerer reads it: sentences that each know the heading they sit under
 * and the day they speak of. Ingested chunks are sections rendered as "Heading\nbody", sections
 * apart by a blank line, so "- Cough" under "Chief Complaint" and "Most recent: 1.42 mg/dL on
 * 2019-09-27." under "Creatinine" are about what their heading names. A heading alone answers
 * nothing, and neither does a label line ("Earlier results:").
 */
export type ChartSentence = {
	sourceId: string
	/** What an answer quotes: the sentence, after its heading when the sentence does not name it. */
	text: string
	order: number
	/** The sentence's own terms. */
	ownTerms: string[]
	/** Its terms with its heading's: what matching a question looks at. */
	terms: string[]
	/** The day it speaks of: a date in it, else in its heading, else its source's date. */
	date: string | null
}

/** A short first line with no sentence or label ending, above a body: a heading. */
const isHeading = (line: string) => line.length <= 120 && !/[.!?:;,]$/.test(line)
const isLabel = (line: string) => /:$/.test(line)
const stripMarks = (line: string) =>
	line
		.replace(/^#+\s*/, '')
		.replace(/^[-*•]\s+/, '')
		.trim()

type Block = { heading: string | null; body: string }

function blocks(text: string): Block[] {
	return text
		.split(/\n\s*\n/)
		.map((block) => block.trim())
		.filter(Boolean)
		.map((block) => {
			const [first = '', ...rest] = block.split('\n')
			const heading = stripMarks(first)
			return rest.length > 0 && heading && isHeading(heading)
				? { heading, body: rest.join('\n') }
				: { heading: null, body: block }
		})
}

export function chartSentences(
	sources: readonly Source[],
	allowed: (sentence: string) => boolean,
): ChartSentence[] {
	const out: ChartSentence[] = []
	for (const source of sources)
		for (const block of blocks(source.text)) {
			const headingTerms = block.heading ? contentTerms(block.heading) : []
			const headingDay = block.heading ? (daysIn(block.heading)[0] ?? null) : null
			for (const raw of sentences(block.body)) {
				const sentence = stripMarks(raw)
				if (!sentence || isLabel(sentence)) continue
				const ownTerms = contentTerms(sentence)
				const own = new Set(ownTerms)
				const namesHeading = headingTerms.every((t) => own.has(t))
				const text = block.heading && !namesHeading ? `${block.heading} — ${sentence}` : sentence
				if (text.length < 8 || text.length > 600 || !allowed(text)) continue
				out.push({
					sourceId: source.id,
					text,
					order: out.length,
					ownTerms,
					terms: [...ownTerms, ...headingTerms],
					date:
						daysIn(sentence)[0] ??
						headingDay ??
						(source.date ? daysIn(source.date)[0] : null) ??
						null,
				})
			}
		}
	return out
}
