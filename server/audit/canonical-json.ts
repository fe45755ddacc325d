import type { ErrorCode } from '../platform/errors.ts'

/**
 * Canonical JSON for ledger entries (after RFC 8785, JSON Canonicalization Scheme): object keys
 * sorted by UTF-16 code units, no whitespace, numbers in ECMAScript's shortest form (-0 as 0),
 * strings escaped as JSON.stringify does. The same entry always gives the same bytes, so its hash
 * is stable across processes, machines and years. Refused, because they have no single meaning:
 * non-finite numbers, undefined, functions, symbols, bigints, lone surrogates, and objects that
 * are not plain (dates and buffers must be converted by the caller first).
 */
export class CanonicalJsonError extends Error {
	readonly code = 'AUDIT_CANONICAL_JSON_INVALID' satisfies ErrorCode
	constructor(
		message: string,
		readonly path: string,
	) {
		super(`${message} at ${path || '(root)'}`)
		this.name = 'CanonicalJsonError'
	}
}

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/

export function canonicalJson(value: unknown): string {
	return encode(value, [])
}

export function canonicalBytes(value: unknown): Buffer {
	return Buffer.from(canonicalJson(value), 'utf8')
}

// Any surrogate at all: only then is the slower lone-surrogate check needed.
const ANY_SURROGATE = /[\uD800-\uDFFF]/
// Anything JSON.stringify would escape; a string without any is quoted as it is (the common case).
// eslint-disable-next-line no-control-regex -- control characters are exactly what must be found
const NEEDS_ESCAPE = /["\\\u0000-\u001f\uD800-\uDFFF]/

/** Where in the value we are; formatted only when something is refused. */
type Path = Array<string | number>
const refuse = (message: string, path: Path, last?: string): never => {
	const at = [...path, ...(last === undefined ? [] : [last])]
		.map((p) => (typeof p === 'number' ? `[${p}]` : `.${p}`))
		.join('')
	throw new CanonicalJsonError(message, at)
}

function encodeString(value: string, path: Path, what: string): string {
	if (!NEEDS_ESCAPE.test(value)) return `"${value}"`
	if (ANY_SURROGATE.test(value) && LONE_SURROGATE.test(value))
		refuse(`lone surrogate in ${what}`, path)
	return JSON.stringify(value)
}

function encode(value: unknown, path: Path): string {
	if (value === null) return 'null'
	switch (typeof value) {
		case 'boolean':
			return value ? 'true' : 'false'
		case 'number':
			if (!Number.isFinite(value)) refuse('non-finite number', path)
			return Object.is(value, -0) ? '0' : JSON.stringify(value)
		case 'string':
			return encodeString(value, path, 'string')
		case 'object': {
			if (Array.isArray(value)) {
				let out = '['
				for (let i = 0; i < value.length; i++) {
					path.push(i)
					out += (i ? ',' : '') + encode(value[i], path)
					path.pop()
				}
				return out + ']'
			}
			const proto = Object.getPrototypeOf(value) as unknown
			if (proto !== Object.prototype && proto !== null) refuse('not a plain object', path)
			const record = value as Record<string, unknown>
			// The default sort compares UTF-16 code units, as RFC 8785 requires.
			const keys = Object.keys(record).sort()
			let out = '{'
			for (let i = 0; i < keys.length; i++) {
				const k = keys[i] as string
				const v = record[k]
				if (v === undefined) refuse('undefined value', path, k)
				const key = encodeString(k, path, 'key')
				path.push(k)
				out += (i ? ',' : '') + key + ':' + encode(v, path)
				path.pop()
			}
			return out + '}'
		}
		default:
			return refuse(`cannot encode a ${typeof value}`, path)
	}
}
