import { createHash } from 'node:crypto'
import { seededRng, type Rng } from '../corpora/training-data.ts'

/**
 * The generator's one source of randomness: mulberry32 (tools/corpora) behind a few helpers.
 * Each fax draws from its own stream (`forKey`), so adding a template or a field to one fax does
 * not reshuffle every fax after it.
 */
export class Rand {
	readonly next: Rng
	constructor(seed: number) {
		this.next = seededRng(seed)
	}

	/** A stream derived from a seed and a key (the fax id, say), independent of call order. */
	static forKey(seed: number, key: string): Rand {
		return new Rand(hash32(`${seed}:${key}`))
	}

	/** Integer in [min, max], both ends included. */
	int(min: number, max: number): number {
		return min + Math.floor(this.next() * (max - min + 1))
	}

	float(min: number, max: number): number {
		return min + this.next() * (max - min)
	}

	chance(p: number): boolean {
		return this.next() < p
	}

	pick<T>(items: readonly T[]): T {
		if (items.length === 0) throw new Error('pick from an empty list')
		return items[Math.floor(this.next() * items.length)] as T
	}

	/** Picks by weight: [[item, weight], ...]. */
	weighted<T>(items: ReadonlyArray<readonly [T, number]>): T {
		const total = items.reduce((sum, [, w]) => sum + w, 0)
		let r = this.next() * total
		for (const [item, w] of items) {
			r -= w
			if (r < 0) return item
		}
		return (items[items.length - 1] as readonly [T, number])[0]
	}

	shuffle<T>(items: readonly T[]): T[] {
		const out = [...items]
		for (let i = out.length - 1; i > 0; i--) {
			const j = Math.floor(this.next() * (i + 1))
			;[out[i], out[j]] = [out[j] as T, out[i] as T]
		}
		return out
	}

	/** `n` distinct items (fewer when the list is shorter). */
	sample<T>(items: readonly T[], n: number): T[] {
		return this.shuffle(items).slice(0, n)
	}

	digits(n: number): string {
		let s = ''
		for (let i = 0; i < n; i++) s += String(this.int(0, 9))
		return s
	}
}

export function hash32(text: string): number {
	return createHash('sha256').update(text).digest().readUInt32BE(0)
}
