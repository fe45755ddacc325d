/**
 * The check digits that tell a real card number, IBAN or IPv6 address from a digit run of the same
 * shape: Luhn (ISO/IEC 7812), mod 97 (ISO 13616) and the RFC 4291 text form.
 */

/** Luhn checksum (ISO/IEC 7812), used by payment card numbers. */
export function luhnValid(digits: string): boolean {
	let sum = 0
	let double = false
	for (let i = digits.length - 1; i >= 0; i--) {
		let d = digits.charCodeAt(i) - 48
		if (d < 0 || d > 9) return false
		if (double) {
			d *= 2
			if (d > 9) d -= 9
		}
		sum += d
		double = !double
	}
	return digits.length > 0 && sum % 10 === 0
}

/** Eight groups of 1–4 hex digits, or fewer around a single "::" (RFC 4291 text form). */
export function ipv6Valid(s: string): boolean {
	const halves = s.split('::')
	if (halves.length > 2) return false
	const groups = halves.flatMap((h) => (h === '' ? [] : h.split(':')))
	if (!groups.every((g) => /^[0-9A-Fa-f]{1,4}$/.test(g))) return false
	return halves.length === 2 ? groups.length <= 7 && groups.length >= 1 : groups.length === 8
}

/** IBAN check digits (ISO 13616, mod 97 = 1). */
export function ibanValid(iban: string): boolean {
	const s = iban.replace(/\s/g, '').toUpperCase()
	if (!/^[A-Z]{2}\d{2}[A-Z0-9]{11,30}$/.test(s)) return false
	const rearranged = s.slice(4) + s.slice(0, 4)
	let remainder = 0
	for (const ch of rearranged) {
		const code = ch.charCodeAt(0)
		const value = code >= 65 ? String(code - 55) : ch
		for (const digit of value) remainder = (remainder * 10 + Number(digit)) % 97
	}
	return remainder === 1
}
