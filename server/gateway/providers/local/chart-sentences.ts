import { contentTerms, daysIn, sentences } from '../../../platform/text/terms.ts'
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
	/** The days it speaks of: the dates in it, else in its heading, else its source's date. */
	days: string[]
}

const isLabel = (line: string) => /:$/.test(line)
const stripMarks = (line: string) =>
	line
		.replace(/^#+\s*/, '')
		.replace(/^[-*•]\s+/, '')
		.trim()

/**
 * Whether the first line of a block heads the lines under it. A Markdown heading ("# Chief
 * Complaint") does. Otherwise it must be short, with no sentence or label ending, and it must
 * not be a list item ("- Lisinopril 10 mg"), a value ("Potassium 5.1 mmol/L") or prose wrapped
 * onto a next line that starts in lower case.
 */
function isHeading(first: string, next: string): boolean {
	if (/^#+\s/.test(first)) return true
	const line = first.trim()
	return (
		line.length <= 120 &&
		!/[.!?:;,]$/.test(line) &&
		!/^[-*•]\s/.test(line) &&
		!/(?:^|\s)\d+(?:\.\d+)?\s*(?:[a-zA-Z%µ/[\]]{1,12})?$/.test(line) &&
		!/^[a-z]/.test(next.trim())
	)
}

type Block = { heading: string | null; body: string }

function blocks(text: string): Block[] {
	return text
		.split(/\n\s*\n/)
		.map((block) => block.trim())
		.filter(Boolean)
		.map((block) => {
			const [first = '', next = '', ...rest] = block.split('\n')
			const heading = stripMarks(first)
			return next && heading && isHeading(first, next)
				? { heading, body: [next, ...rest].join('\n') }
				: { heading: null, body: block }
		})
}

export function chartSentences(
	sources: readonly Source[],
	allowed: (sentence: string) => boolean,
): ChartSentence[] {
	const out: ChartSentence[] = []
	for (const source of sources) {
		const sourceDays = source.date ? daysIn(source.date).slice(0, 1) : []
		for (const block of blocks(source.text)) {
			const headingTerms = block.heading ? contentTerms(block.heading) : []
			const headingDays = block.heading ? daysIn(block.heading) : []
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
					days: [daysIn(sentence), headingDays, sourceDays].find((d) => d.length > 0) ?? [],
				})
			}
		}
	}
	return out
}
