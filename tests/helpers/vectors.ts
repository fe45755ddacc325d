import { EMBEDDING_DIMENSIONS } from '#db/schema/chunks.ts'

/** A unit vector of the embedding width pointing mostly along `axis` (with a little `lean`). */
export function unitVector(
	axis: number,
	lean = 0,
	leanAxis = (axis + 1) % EMBEDDING_DIMENSIONS,
): number[] {
	const v = new Array<number>(EMBEDDING_DIMENSIONS).fill(0)
	v[axis] = 1
	v[leanAxis] = (v[leanAxis] ?? 0) + lean
	const norm = Math.hypot(...v)
	return v.map((x) => x / norm)
}

export const toVectorLiteral = (v: number[]) => `[${v.join(',')}]`
