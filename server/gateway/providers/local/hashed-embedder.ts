import { Embeddings } from '@langchain/core/embeddings'
import { fnv1a } from '../../../platform/fnv.ts'
import { words } from '../../../platform/text/terms.ts'

/** The dimension of chunk embeddings (db/schema chunks.embedding is vector(384)). */
export const EMBEDDING_DIMENSION = 384

/**
 * The local deterministic embedder ("local deterministic" in the UI and the ledger): word
 * unigrams and bigrams plus character 3- and 4-grams of each word, clinical abbreviations
 * expanded first, hashed with a sign bit into a fixed dimension and L2-normalized. It captures
 * shared vocabulary, not meaning; real embedding models are registry endpoints.
 */
export function embedText(text: string, dimension = EMBEDDING_DIMENSION): number[] {
	const vector = new Float64Array(dimension)
	const add = (feature: string, weight: number) => {
		const h = fnv1a(feature)
		vector[h % dimension] = (vector[h % dimension] ?? 0) + (h & 0x80000000 ? -weight : weight)
	}
	const tokens = words(text)
	tokens.forEach((w, i) => {
		add(`w:${w}`, 1)
		if (i > 0) add(`b:${tokens[i - 1]} ${w}`, 0.5)
		const padded = `#${w}#`
		for (const n of [3, 4])
			for (let j = 0; j + n <= padded.length; j++) add(`c${n}:${padded.slice(j, j + n)}`, 0.25)
	})
	let norm = 0
	for (const v of vector) norm += v * v
	norm = Math.sqrt(norm)
	return Array.from(vector, (v) => (norm > 0 ? v / norm : 0))
}

export class HashedEmbeddings extends Embeddings {
	constructor(private readonly dimension = EMBEDDING_DIMENSION) {
		super({})
	}
	async embedDocuments(documents: string[]): Promise<number[][]> {
		return documents.map((d) => embedText(d, this.dimension))
	}
	async embedQuery(document: string): Promise<number[]> {
		return embedText(document, this.dimension)
	}
}
