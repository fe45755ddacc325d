import {
	ADDRESS_PARTICLES,
	ADDRESS_TRIGGER,
	CITY_STATE_ZIP,
	FIELD_LABELS,
	isForeignLower,
	isStreetish,
	isStreetSuffix,
	MILITARY_OR_PO,
	STREET_PREFIXES,
	STRONG_STREET_WORDS,
	UNIT_WORDS,
	ZIP_CONTEXT,
} from './address-words.ts'
import type { Candidate } from './candidate.ts'
import { STREET_WORDS } from './lexicon.ts'
import { isListedOrdinary, isOrdinaryForm } from './word-forms.ts'
import type { Tok, Word } from './word-tokens.ts'

/**
 * The address scanner. Anchors start it: a house number before a street name, a street prefix or
 * suffix with a number, a street word after capitalised words, a phrase such as "lives at", a
 * military or PO box. From an anchor it follows address-like tokens over the lines of an address
 * block. ZIP codes after "zip code", "City, ST 12345" and postal codes after a country are found
 * apart.
 */

/**
 * `wordAt` is the word of each token index (undefined for other tokens); `mostlyLower` is true for
 * text written almost entirely in lower case, where the scan accepts unknown lower-case words.
 */
export function addresses(
	text: string,
	toks: Tok[],
	words: Word[],
	wordAt: ReadonlyArray<Word | undefined>,
	mostlyLower: boolean,
	out: Candidate[],
): void {
	const tokIndexAt = (offset: number): number => {
		let lo = 0
		let hi = toks.length - 1
		while (lo < hi) {
			const mid = (lo + hi) >> 1
			if ((toks[mid] as Tok).end <= offset) lo = mid + 1
			else hi = mid
		}
		return lo
	}
	let scannedTo = -1

	/** A word that may sit inside an address line. */
	const addressWord = (w: Word, loose: boolean): boolean => {
		if (w.shape === 'lower') {
			return (
				ADDRESS_PARTICLES.has(w.f) ||
				isStreetish(w.facts) ||
				isForeignLower(w) ||
				(loose && !isOrdinaryForm(w.facts))
			)
		}
		// capitalised: any word but a listed ordinary one ("Lipitor 20" is not an address); state
		// and province codes ("CO", "NSW") are
		return (
			w.lex !== 'none' ||
			w.permitted ||
			isStreetish(w.facts) ||
			ADDRESS_PARTICLES.has(w.f) ||
			w.shape === 'initial' ||
			(w.shape === 'upper' && w.text.length <= 3) ||
			!isListedOrdinary(w.facts)
		)
	}

	const lineLooksLikeAddress = (t: number): boolean => {
		// t: first token of a line
		let n = 0
		let firstSeen = false
		for (let k = t; k < toks.length; k++) {
			const tok = toks[k] as Tok
			if (tok.kind === 'nl') break
			if (tok.kind === 'space') continue
			if (tok.kind === 'punct') {
				if (!firstSeen && /[>?*•-]/.test(tok.text)) continue
				// sentence punctuation only at the end of the line ("…FPO AA 65728?")
				if (
					/[?!.]/.test(tok.text) &&
					/^[^\S\r\n]*(?:\r?\n|$)/.test(text.slice(tok.end, tok.end + 4))
				)
					continue
				if (/[:@?!;"|=]/.test(tok.text)) return false
				continue
			}
			n++
			if (!firstSeen) {
				firstSeen = true
				if (tok.kind === 'word') {
					const w = wordAt[k]
					if (!w || FIELD_LABELS.has(w.f) || (w.shape === 'lower' && !addressWord(w, true)))
						return false
				}
			}
			if (tok.kind === 'word') {
				const w = wordAt[k]
				if (w && w.shape === 'lower' && w.facts.ordinary && !ADDRESS_PARTICLES.has(w.f))
					return false
			}
			if (n > 8) return false
		}
		return n > 0
	}

	/** Scan forward from token t over address-like tokens; returns the end offset, or -1. */
	const scan = (
		t: number,
		loose: boolean,
	): { end: number; hasNumber: boolean; hasStreet: boolean } => {
		let end = -1
		let hasNumber = false
		let hasStreet = false
		let lines = 0
		let k = t
		while (k < toks.length && k - t < 80) {
			const tok = toks[k] as Tok
			if (tok.kind === 'space') {
				k++
				continue
			}
			if (tok.kind === 'num') {
				if (tok.text.length > 8) break
				hasNumber = true
				end = tok.end
				k++
				continue
			}
			if (tok.kind === 'word') {
				const w = wordAt[k]
				if (!w || !addressWord(w, loose)) break
				if (FIELD_LABELS.has(w.f) && /^\s*:/.test(text.slice(tok.end, tok.end + 3))) break
				if (isStreetish(w.facts)) hasStreet = true
				if (!ADDRESS_PARTICLES.has(w.f)) end = tok.end
				k++
				continue
			}
			if (tok.kind === 'nl') {
				// continue onto the next line of an address block; a blank line only before "Country 12345"
				let n = k + 1
				let blank = false
				while (
					n < toks.length &&
					((toks[n] as Tok).kind === 'space' || (toks[n] as Tok).kind === 'nl')
				) {
					if ((toks[n] as Tok).kind === 'nl') blank = true
					n++
				}
				while (n < toks.length && (toks[n] as Tok).text === '>') n++
				if (n >= toks.length || lines >= 6 || !lineLooksLikeAddress(n)) break
				if (
					blank &&
					!/^[^\n]{0,40}\d{3,6}[^\S\n]*(?:\n|$)/.test(text.slice((toks[n] as Tok).start))
				)
					break
				lines++
				k = n
				continue
			}
			// punctuation
			if (tok.text === '.') {
				const prevTok = toks[k - 1]
				const prevWord = prevTok ? wordAt[k - 1] : undefined
				const abbreviation =
					prevTok?.kind === 'num' ||
					(prevWord !== undefined && (isStreetish(prevWord.facts) || prevWord.shape === 'initial'))
				if (!abbreviation) break
				let n = k + 1
				while (n < toks.length && (toks[n] as Tok).kind === 'space') n++
				const next = toks[n]
				if (!next || next.kind === 'nl') {
					k = n
					continue
				}
				const nw = wordAt[n]
				if (
					next.kind === 'word' &&
					nw &&
					(nw.shape === 'lower'
						? !addressWord(nw, loose)
						: nw.facts.ordinary && !isStreetish(nw.facts))
				)
					break
				k++
				continue
			}
			if (/^[,/#()'’&>-]$/.test(tok.text)) {
				k++
				continue
			}
			break
		}
		return { end, hasNumber, hasStreet }
	}

	const emit = (startTok: number, loose: boolean, anchored: boolean) => {
		const first = toks[startTok]
		if (!first || first.start < scannedTo) return
		const r = scan(startTok, loose || mostlyLower)
		if (r.end <= first.start) return
		if (!anchored && !r.hasNumber && !r.hasStreet) return
		out.push({ start: first.start, end: r.end, label: 'GEOGRAPHIC', confidence: 0.85 })
		scannedTo = r.end
	}

	// anchors are visited in text order so that one scan covers a whole block
	type Anchor = { t: number; loose: boolean; anchored?: boolean }
	const anchors: Anchor[] = []
	for (const m of text.matchAll(ADDRESS_TRIGGER)) {
		const t = tokIndexAt(m.index + m[0].length)
		if (t < toks.length) anchors.push({ t, loose: true })
	}
	// "PSC 6293, Box 8158", "APO AE 44085", "USNS Møller", "PO Box 12": addresses on their own
	const militaryOrPo = /\b(?:box|[apd]po|us(?:ns|nv|s|cgc))\b/i.test(text)
	for (const m of militaryOrPo ? text.matchAll(MILITARY_OR_PO) : []) {
		anchors.push({ t: tokIndexAt(m.index), loose: true, anchored: true })
	}

	for (let t = 0; t < toks.length; t++) {
		const tok = toks[t] as Tok
		if (tok.kind === 'num' && tok.text.length <= 6) {
			// "6750 Koskikatu 25", "2450 Crown St", "1987 74 Diakou Street", "255 hersnapvej 18"
			let k = t + 1
			let seenWords = 0
			let ok = false
			let secondNumber = false
			while (k < toks.length && k - t < 14) {
				const x = toks[k] as Tok
				if (x.kind === 'space') {
					k++
					continue
				}
				if (x.kind === 'num') {
					if (seenWords > 0) {
						ok = true
						break
					}
					if (secondNumber) break
					secondNumber = true
					k++
					continue
				}
				if (x.kind === 'punct' && (x.text === '.' || x.text === '-' || x.text === '/')) {
					k++
					continue
				}
				if (x.kind !== 'word') break
				const w = wordAt[k]
				if (!w) break
				// a street prefix or suffix right away, or a street or unit word after a name
				if (STREET_PREFIXES.has(w.f) || isStreetSuffix(w.facts)) {
					ok = true
					break
				}
				if ((STREET_WORDS.has(w.f) || UNIT_WORDS.has(w.f)) && seenWords > 0) {
					ok = true
					break
				}
				// any capitalised word: the street word that must follow keeps this narrow ("4520 Rack
				// Terrace", "100 Oak Street")
				const nameLike = w.shape === 'cap' || w.shape === 'upper'
				if (!nameLike && !isForeignLower(w) && !ADDRESS_PARTICLES.has(w.f)) break
				// particles ("de", "and") do not make a street name on their own
				if (!ADDRESS_PARTICLES.has(w.f) || w.shape !== 'lower') seenWords++
				if (seenWords > 4) break
				k++
			}
			if (ok) anchors.push({ t, loose: false })
			continue
		}
		if (tok.kind !== 'word') continue
		const w = wordAt[t]
		if (!w) continue
		// street prefix ("Rua Diadema 1903", "ul. Jesionowa 127", "C/ Señores Curas 88")
		const slashC = w.text === 'C' && toks[t + 1]?.text === '/'
		// "AV" block, "UL" (upper limit): an upper-case abbreviation is not a street prefix
		const prefix = STREET_PREFIXES.has(w.f) && w.shape !== 'upper'
		if (prefix || slashC || isStreetSuffix(w.facts)) {
			let k = t + 1
			let n = 0
			while (k < toks.length && n < 6) {
				const x = toks[k] as Tok
				if (x.kind === 'nl') break
				if (x.kind === 'num') {
					anchors.push({ t, loose: false })
					break
				}
				if (x.kind === 'word') n++
				k++
			}
			continue
		}
		// a street word after capitalised words ("Huntly Street", "Philip Bypass")
		if (STRONG_STREET_WORDS.has(w.f) && w.shape !== 'lower') {
			let s = t
			let k = t - 1
			let n = 0
			while (k >= 0 && n < 3) {
				const x = toks[k] as Tok
				if (x.kind === 'space') {
					k--
					continue
				}
				const pw = wordAt[k]
				if (
					x.kind === 'word' &&
					pw &&
					(pw.shape === 'cap' || pw.shape === 'upper') &&
					!pw.facts.ordinary
				) {
					s = k
					n++
					k--
					continue
				}
				if (x.kind === 'num' && n > 0) s = k
				break
			}
			if (n > 0) anchors.push({ t: s, loose: false })
		}
	}
	anchors.sort((a, b) => a.t - b.t)
	for (const a of anchors) emit(a.t, a.loose, a.anchored === true)

	for (const m of /, {0,3}[A-Z]{2} {1,3}\d{5}/.test(text) ? text.matchAll(CITY_STATE_ZIP) : []) {
		out.push({ start: m.index, end: m.index + m[0].length, label: 'GEOGRAPHIC', confidence: 0.85 })
	}
	for (const m of text.matchAll(ZIP_CONTEXT)) {
		const value = (m[1] ?? '').trim()
		if (!/\d/.test(value)) continue
		const start = m.index + m[0].length - (m[1] ?? '').length
		out.push({ start, end: start + value.length, label: 'GEOGRAPHIC', confidence: 0.9 })
	}
	// "Cyprus 36903", "Poland 11248": a postal code after a country
	for (let i = 0; i < words.length; i++) {
		const w = words[i] as Word
		if (!w.permitted) continue
		const m = /^[^\S\r\n]{1,3}(\d{4,6}|\d{3} \d{2})(?!\d)/.exec(text.slice(w.end, w.end + 12))
		if (m) {
			const start = w.end + m[0].length - (m[1] ?? '').length
			out.push({ start, end: start + (m[1] ?? '').length, label: 'GEOGRAPHIC', confidence: 0.8 })
		}
	}
}
