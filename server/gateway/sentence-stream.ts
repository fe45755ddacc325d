import { answerSentences as sentences } from './guards/citations.ts'

/**
 * Cuts a growing answer into sentences that are complete. The splitter decides a boundary from the
 * terminator or citation, the spaces after it and the next character, so a sentence followed by more text in
 * the buffer is final: splitting the whole text later gives the same sentence. The last one may
 * still grow, so it is held back until the text ends.
 */
export class SentenceBuffer {
	private text = ''
	private released = 0

	/** `sources`: the ids the answer may cite; only a bracket naming them is a citation. */
	constructor(private readonly sources: ReadonlySet<string>) {}

	/** Adds text; returns the sentences it completed. */
	push(piece: string, transform: (text: string) => string = (t) => t): string[] {
		this.text += piece
		const all = sentences(transform(this.text), this.sources)
		const complete = all.slice(this.released, -1)
		this.released += complete.length
		return complete
	}

	/** The text has ended: returns what was held back. */
	end(transform: (text: string) => string = (t) => t): string[] {
		const rest = sentences(transform(this.text), this.sources).slice(this.released)
		this.released += rest.length
		return rest
	}

	/** Everything received so far. */
	get received(): string {
		return this.text
	}
}
