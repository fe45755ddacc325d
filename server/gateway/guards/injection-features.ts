/**
 * The injection classifier's features, shared by the scorer (injection.ts) and the trainer
 * (tools/injection/injection-train.ts) so the two cannot drift apart. A text is normalized once,
 * cut into overlapping word windows, and each window is a bag of hashed features:
 *
 * - character 3-, 4- and 5-grams of the normalized text (spaces and punctuation included, so
 *   `<|`, `</s` and `http` count as much as words do);
 * - word unigrams and bigrams (a word is a run of letters and digits).
 *
 * Features are hashed into a fixed number of buckets (a power of two) with a sign bit (the hashing
 * trick with signed buckets, so collisions cancel out on average instead of adding up). A window's
 * logit is `bias + Σ ±w[bucket] × featureNorm(number of features)`.
 *
 * `extractFeatures` lists a window's features (the trainer stores them); `maxWindowLogit` computes
 * the same logits for every window in one pass with prefix sums (the scorer's fast path). A test
 * holds the two equal. The text is only ever measured: this module reads character codes.
 */
import { FNV_OFFSET_BASIS, FNV_PRIME, fnv1aStep } from '../../platform/fnv.ts'

/** Changing anything below changes every feature index: bump it, and retrain. */
export const INJECTION_FEATURES_VERSION = 'injection-features/v1'

/** Zero-width, soft-hyphen and bidirectional controls: removed before features are taken. */
function isInvisible(c: number): boolean {
	return (
		c === 0xad ||
		c === 0x180e ||
		(c >= 0x200b && c <= 0x200f) ||
		(c >= 0x202a && c <= 0x202e) ||
		(c >= 0x2060 && c <= 0x2064) ||
		(c >= 0x2066 && c <= 0x2069) ||
		c === 0xfeff
	)
}

function isSpace(c: number): boolean {
	return (
		c <= 32 ||
		c === 0x85 ||
		c === 0xa0 ||
		c === 0x1680 ||
		(c >= 0x2000 && c <= 0x200a) ||
		c === 0x2028 ||
		c === 0x2029 ||
		c === 0x202f ||
		c === 0x205f ||
		c === 0x3000
	)
}

const NON_ASCII = /[\u0080-\uffff]/

/**
 * The normalized text as UTF-16 code units: Unicode compatibility form (full-width and styled
 * letters become plain ones), invisible characters removed, lower case, every digit a `0` (dates,
 * doses and codes generalize), white space and control characters one space, no space at either
 * end.
 */
export function normalizeCodes(text: string): Uint16Array {
	const source = (NON_ASCII.test(text) ? text.normalize('NFKC') : text).toLowerCase()
	const out = new Uint16Array(source.length)
	let n = 0
	let pendingSpace = false
	for (let i = 0; i < source.length; i++) {
		let c = source.charCodeAt(i)
		if (isInvisible(c)) continue
		if (isSpace(c)) {
			pendingSpace = n > 0
			continue
		}
		if (c >= 48 && c <= 57) c = 48
		if (pendingSpace) {
			out[n++] = 32
			pendingSpace = false
		}
		out[n++] = c
	}
	return out.subarray(0, n)
}

/** The normalized text as a string (for the trainer, which plants attacks in normalized text). */
export function normalizeForFeatures(text: string): string {
	const codes = normalizeCodes(text)
	let s = ''
	for (let i = 0; i < codes.length; i += 8192) {
		s += String.fromCharCode(...codes.subarray(i, i + 8192))
	}
	return s
}

/** A string's code units, for text that is already normalized. */
export function codesOf(normalized: string): Uint16Array {
	const out = new Uint16Array(normalized.length)
	for (let i = 0; i < normalized.length; i++) out[i] = normalized.charCodeAt(i)
	return out
}

/** A window over normalized text: the half-open range [from, to) of code units. */
export type FeatureWindow = { from: number; to: number }

/**
 * Overlapping windows of `size` words, `stride` words apart (words split at spaces). A text of at
 * most `size` words is one window; the last window ends at the last word, so every span of at most
 * `size - stride` words lies wholly inside some window.
 */
export function featureWindows(codes: Uint16Array, size: number, stride: number): FeatureWindow[] {
	const starts: number[] = []
	const ends: number[] = []
	let inWord = false
	for (let i = 0; i < codes.length; i++) {
		const space = codes[i] === 32
		if (!space && !inWord) starts.push(i)
		if (space && inWord) ends.push(i)
		inWord = !space
	}
	if (inWord) ends.push(codes.length)
	const words = starts.length
	if (words === 0) return []
	if (words <= size) return [{ from: 0, to: codes.length }]
	const windows: FeatureWindow[] = []
	for (let first = 0; ; first += stride) {
		const last = Math.min(first + size, words) - 1
		windows.push({ from: starts[first] ?? 0, to: ends[last] ?? codes.length })
		if (last === words - 1) break
	}
	return windows
}

/**
 * A window's feature sum is divided by √max(n, this): long windows are normalized by their length,
 * short ones (a heading, a one-line message) are damped, so two or three n-grams cannot carry a
 * verdict alone.
 */
export const MIN_NORM_FEATURES = 64

/** The factor a window's feature sum is multiplied by (0 for a window without features). */
export function featureNorm(n: number): number {
	return n === 0 ? 0 : 1 / Math.sqrt(Math.max(n, MIN_NORM_FEATURES))
}

/** The most features a window of `length` code units can produce (size for `extractFeatures`). */
export function featureCapacity(length: number): number {
	return 5 * length + 8
}

const SEED_CHAR = 0x2545f491
const SEED_WORD = 0x68e31da4
const SEED_BIGRAM = 0x1b873593

/** MurmurHash3's 32-bit finalizer: spreads every input bit over the output. */
function mix(h: number): number {
	h ^= h >>> 16
	h = Math.imul(h, 0x85ebca6b)
	h ^= h >>> 13
	h = Math.imul(h, 0xc2b2ae35)
	h ^= h >>> 16
	return h
}

function isWordChar(c: number): boolean {
	return (c >= 97 && c <= 122) || c === 48 || c >= 0xc0
}

/** The hash of the character n-gram of length `k - i + 1` (3..5) that the FNV state `h` ends. */
const charFeature = (h: number, length: number) => mix(h + length - 1)
const bigramFeature = (previous: number, h: number) =>
	mix(Math.imul(previous, FNV_PRIME) ^ h ^ SEED_BIGRAM)

/**
 * Writes the hashed features of `codes[from, to)` into `out` and returns how many there are. Each
 * entry is `(bucket << 1) | sign`, with `bucket <= mask` (mask = dimension - 1, dimension a power
 * of two of at most 2^30) and sign 1 meaning the feature counts negatively. `out` must hold
 * `featureCapacity(to - from)` entries.
 */
export function extractFeatures(
	codes: Uint16Array,
	from: number,
	to: number,
	mask: number,
	out: Int32Array,
): number {
	let n = 0
	for (let i = from; i < to; i++) {
		let h = FNV_OFFSET_BASIS ^ SEED_CHAR
		const end = Math.min(i + 5, to)
		for (let k = i; k < end; k++) {
			h = fnv1aStep(h, codes[k] ?? 0)
			if (k - i >= 2) {
				const m = charFeature(h, k - i + 1)
				out[n++] = ((m & mask) << 1) | (m >>> 31)
			}
		}
	}
	let previous = 0
	let hasPrevious = false
	let i = from
	while (i < to) {
		while (i < to && !isWordChar(codes[i] ?? 0)) i++
		if (i >= to) break
		let h = FNV_OFFSET_BASIS ^ SEED_WORD
		while (i < to && isWordChar(codes[i] ?? 0)) {
			h = fnv1aStep(h, codes[i] ?? 0)
			i++
		}
		const unigram = mix(h)
		out[n++] = ((unigram & mask) << 1) | (unigram >>> 31)
		if (hasPrevious) {
			const bigram = bigramFeature(previous, h)
			out[n++] = ((bigram & mask) << 1) | (bigram >>> 31)
		}
		previous = h
		hasPrevious = true
	}
	return n
}

const signed = (weights: Float32Array, m: number, mask: number) => {
	const w = weights[m & mask] ?? 0
	return m < 0 ? -w : w
}

/** Reused across calls (scoring is synchronous): per-position weights and their prefix sums. */
let scratch = new Float64Array(0)

/**
 * The highest window logit of a normalized text (`-Infinity` for no windows), equal to summing
 * `extractFeatures` per window but in one pass: every n-gram is hashed once, and each window's sum
 * comes from prefix sums.
 */
export function maxWindowLogit(
	codes: Uint16Array,
	windows: readonly FeatureWindow[],
	weights: Float32Array,
	bias: number,
	mask: number,
): number {
	const length = codes.length
	// per position: the weights of the 3-, 4- and 5-grams starting there, and their prefix sum
	if (scratch.length < 4 * length + 1) scratch = new Float64Array(4 * length + 1024)
	const c3 = scratch.subarray(0, length).fill(0)
	const c4 = scratch.subarray(length, 2 * length).fill(0)
	const c5 = scratch.subarray(2 * length, 3 * length).fill(0)
	const all = scratch.subarray(3 * length, 4 * length + 1)
	all[0] = 0
	for (let i = 0; i < length; i++) {
		let h = FNV_OFFSET_BASIS ^ SEED_CHAR
		h = fnv1aStep(h, codes[i] ?? 0)
		if (i + 1 < length) h = fnv1aStep(h, codes[i + 1] ?? 0)
		if (i + 2 < length) {
			h = fnv1aStep(h, codes[i + 2] ?? 0)
			c3[i] = signed(weights, charFeature(h, 3), mask)
		}
		if (i + 3 < length) {
			h = fnv1aStep(h, codes[i + 3] ?? 0)
			c4[i] = signed(weights, charFeature(h, 4), mask)
		}
		if (i + 4 < length) {
			h = fnv1aStep(h, codes[i + 4] ?? 0)
			c5[i] = signed(weights, charFeature(h, 5), mask)
		}
		all[i + 1] = (all[i] ?? 0) + (c3[i] ?? 0) + (c4[i] ?? 0) + (c5[i] ?? 0)
	}
	// per word: its start, its end, and prefix sums of unigram and bigram weights
	const wordStarts: number[] = []
	const unigrams: number[] = [0]
	const bigrams: number[] = [0]
	let previous = 0
	let i = 0
	while (i < length) {
		while (i < length && !isWordChar(codes[i] ?? 0)) i++
		if (i >= length) break
		wordStarts.push(i)
		let h = FNV_OFFSET_BASIS ^ SEED_WORD
		while (i < length && isWordChar(codes[i] ?? 0)) {
			h = fnv1aStep(h, codes[i] ?? 0)
			i++
		}
		const count = unigrams.length
		unigrams.push((unigrams[count - 1] ?? 0) + signed(weights, mix(h), mask))
		const bigram = count > 1 ? signed(weights, bigramFeature(previous, h), mask) : 0
		bigrams.push((bigrams[count - 1] ?? 0) + bigram)
		previous = h
	}

	let best = Number.NEGATIVE_INFINITY
	let firstWord = 0
	for (const { from, to } of windows) {
		let sum = 0
		// n-grams that start at i and end by `to`
		const whole = to - 4
		if (whole > from) sum += (all[whole] ?? 0) - (all[from] ?? 0)
		for (let p = Math.max(from, whole); p < to; p++) {
			if (p + 3 <= to) sum += c3[p] ?? 0
			if (p + 4 <= to) sum += c4[p] ?? 0
			if (p + 5 <= to) sum += c5[p] ?? 0
		}
		const span = to - from
		let n = Math.max(0, span - 2) + Math.max(0, span - 3) + Math.max(0, span - 4)
		// words that start inside the window (windows begin and end at spaces, so they end inside)
		while (firstWord < wordStarts.length && (wordStarts[firstWord] ?? 0) < from) firstWord++
		let lastWord = firstWord
		while (lastWord < wordStarts.length && (wordStarts[lastWord] ?? 0) < to) lastWord++
		const words = lastWord - firstWord
		if (words > 0) {
			sum += (unigrams[lastWord] ?? 0) - (unigrams[firstWord] ?? 0)
			sum += (bigrams[lastWord] ?? 0) - (bigrams[firstWord + 1] ?? 0)
			n += 2 * words - 1
		}
		const logit = bias + sum * featureNorm(n)
		if (logit > best) best = logit
	}
	return best
}
