/**
 * Where a JSON text stops being valid, as line and column, found by a small scanner of the JSON
 * grammar. JSON.parse's own messages quote the text around the error, which would put chart
 * content (PHI) into an error message, so they are never used; only this position is reported.
 * Runs only after JSON.parse has failed.
 */
export function jsonErrorPosition(text: string): { line: number; column: number } {
	const offset = jsonErrorOffset(text)
	let line = 1
	let lineStart = 0
	for (let i = 0; i < offset && i < text.length; i++) {
		if (text.charCodeAt(i) === 10) {
			line++
			lineStart = i + 1
		}
	}
	return { line, column: offset - lineStart + 1 }
}

class Stop {
	constructor(readonly at: number) {}
}

function jsonErrorOffset(text: string): number {
	let i = 0
	const fail = (): never => {
		throw new Stop(i)
	}
	const ws = () => {
		while (i < text.length && ' \t\n\r'.includes(text[i] as string)) i++
	}
	const literal = (word: string) => {
		for (const ch of word) {
			if (text[i] !== ch) fail()
			i++
		}
	}
	const string = () => {
		i++ // opening quote
		while (i < text.length) {
			const c = text.charCodeAt(i)
			if (c === 34) {
				i++
				return
			}
			if (c < 0x20) fail()
			if (c === 92) {
				const next = text[i + 1]
				if (next === 'u') {
					if (!/^[0-9a-fA-F]{4}$/.test(text.slice(i + 2, i + 6))) fail()
					i += 6
					continue
				}
				if (next === undefined || !'"\\/bfnrt'.includes(next)) fail()
				i += 2
				continue
			}
			i++
		}
		fail()
	}
	const number = () => {
		const match = /^-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?/.exec(text.slice(i, i + 400))
		if (!match) fail()
		i += (match as RegExpExecArray)[0].length
	}
	const value = (depth: number): void => {
		if (depth > 10_000) fail()
		ws()
		const c = text[i]
		if (c === '{') {
			i++
			ws()
			if (text[i] === '}') {
				i++
				return
			}
			for (;;) {
				ws()
				if (text[i] !== '"') fail()
				string()
				ws()
				if (text[i] !== ':') fail()
				i++
				value(depth + 1)
				ws()
				if (text[i] === ',') {
					i++
					continue
				}
				if (text[i] === '}') {
					i++
					return
				}
				fail()
			}
		}
		if (c === '[') {
			i++
			ws()
			if (text[i] === ']') {
				i++
				return
			}
			for (;;) {
				value(depth + 1)
				ws()
				if (text[i] === ',') {
					i++
					continue
				}
				if (text[i] === ']') {
					i++
					return
				}
				fail()
			}
		}
		if (c === '"') return string()
		if (c === 't') return literal('true')
		if (c === 'f') return literal('false')
		if (c === 'n') return literal('null')
		if (c === '-' || (c !== undefined && c >= '0' && c <= '9')) return number()
		fail()
	}
	try {
		value(0)
		ws()
		if (i < text.length) fail()
		return text.length
	} catch (error) {
		if (error instanceof Stop) return error.at
		return i // stack exhausted on absurd nesting: report where the scanner got to
	}
}
