/**
 * FNV-1a, 32-bit (Fowler–Noll–Vo): a fast, stable, non-cryptographic hash of UTF-16 code units,
 * the same in every process and version. Used for hashed features (the local embedder, the
 * injection classifier) and for seeded, order-independent choices in the training scripts. Never
 * for anything an attacker must not be able to collide: that is SHA-256.
 */

export const FNV_OFFSET_BASIS = 0x811c9dc5
export const FNV_PRIME = 0x01000193

/**
 * One FNV-1a step: the state `h` after taking in the code unit `code`. The state is a signed
 * 32-bit integer (`Math.imul`); take `>>> 0` for the unsigned hash. Hot loops that hash a
 * sliding window call this directly.
 */
export const fnv1aStep = (h: number, code: number): number => Math.imul(h ^ code, FNV_PRIME)

/** The unsigned 32-bit FNV-1a of `text`; a non-zero `seed` is XORed into the offset basis. */
export function fnv1a(text: string, seed = 0): number {
	let h = FNV_OFFSET_BASIS ^ seed
	for (let i = 0; i < text.length; i++) h = fnv1aStep(h, text.charCodeAt(i))
	return h >>> 0
}
