import { describe, expect, test } from 'vitest'
import { describeWords, lex } from './word-tokens.ts'

// Synthetic text only: invented words and names, no patient.

/** The lexer `lex` replaces, as an expression: the split it must reproduce exactly. */
const REFERENCE =
	/(\r\n|\n|\r)|([^\S\r\n]+)|([\p{L}\p{M}](?:[\p{L}\p{M}]|['’-](?=[\p{L}\p{M}]))*)|(\p{Nd}+)|([^])/gu

function reference(text: string): string[] {
	return [...text.matchAll(REFERENCE)].map((m) => {
		const kind =
			m[1] !== undefined
				? 'nl'
				: m[2] !== undefined
					? 'space'
					: m[3] !== undefined
						? 'word'
						: m[4] !== undefined
							? 'num'
							: 'punct'
		return `${kind} ${JSON.stringify(m[0])} @${m.index}`
	})
}

const tokens = (text: string) =>
	lex(text, []).map((t) => `${t.kind} ${JSON.stringify(t.text)} @${t.start}`)

/** Pieces chosen for the edges: line breaks, unusual spaces, marks, astral letters and digits. */
const PIECES = [
	...'a|Zq|x|Éa|ø|e\u0301|\u0301|𝐀|𝟎|٣|0|42|.|,|[|_|😀|\ud800|\udc00'.split('|'),
	...["'", '’', '-', "o'", '-a', 'x-', '--', 'Brakke-veien', "Korrin's", 'Ames’'],
	...[' ', '  ', '\t', '\u00a0', '\u2028', '\u3000', '\n', '\r', '\r\n'],
]

/** A fixed pseudo-random sequence, so a failure names a reproducible input. */
function* samples(count: number): Generator<string> {
	let seed = 7
	const next = () => (seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648) / 2_147_483_648
	for (let n = 0; n < count; n++) {
		let s = ''
		const length = 1 + Math.floor(next() * 24)
		for (let i = 0; i < length; i++) s += PIECES[Math.floor(next() * PIECES.length)]
		yield s
	}
}

describe('the lexer', () => {
	test('splits text exactly as the reference expression does', () => {
		for (const text of [
			'Seen by Dr. Ames Korrin on 03/14.\r\nNext: follow-up.',
			"o'brien-smith's x-ray ’tis -a a- 1,200",
			'Brakkeveien\u00a025\u2028Vollmark\tNO',
			'Zoë Ørsted, Ｔｏｋｙｏ ٣٤ 𝐀𝐁 𝟎𝟏 😀',
		]) {
			expect(tokens(text)).toEqual(reference(text))
		}
		for (const text of samples(3_000)) expect(tokens(text)).toEqual(reference(text))
	})

	test('a placeholder becomes one mask token, and tokens that start inside it are dropped', () => {
		const text = 'Seen by [[NAME_1]] today'
		const start = text.indexOf('[[')
		const toks = lex(text, [{ start, end: start + '[[NAME_1]]'.length }])
		expect(toks.map((t) => t.kind)).toEqual([
			'word',
			'space',
			'word',
			'space',
			'mask',
			'space',
			'word',
		])
	})
})

describe('word descriptions', () => {
	test('shape, folded form, sentence start and headings', () => {
		const text = 'HISTORY OF ILLNESS\nMrs. Nora Vintner’s visit. Öberg saw her'
		const words = describeWords(text, lex(text, []))
		const get = (w: string) => words.find((x) => x.text === w)
		expect(words.filter((w) => w.heading).map((w) => w.text)).toEqual(['HISTORY', 'OF', 'ILLNESS'])
		expect(get('Mrs')?.lineStart).toBe(true)
		// a title's full stop does not end the sentence
		expect(get('Nora')?.sentStart).toBe(false)
		// the possessive is not part of the word
		expect(get('Vintner')?.f).toBe('vintner')
		expect(get('Öberg')).toMatchObject({ f: 'oberg', shape: 'cap', sentStart: true })
		expect(get('her')?.shape).toBe('lower')
	})

	test('the same spelling shares one set of facts within a call', () => {
		const text = 'Nora met Nora'
		const [a, , b] = describeWords(text, lex(text, []))
		expect(a?.facts).toBe(b?.facts)
	})
})
