/**
 * Canonical JSON for ledger entries (after RFC 8785, JSON Canonicalization Scheme): object keys
 * sorted by UTF-16 code units, no whitespace, numbers in ECMAScript's shortest form (-0 as 0),
 * strings escaped as JSON.stringify does. The same entry always gives the same bytes, so its hash
 * is stable across processes, machines and years. Refused, because they have no single meaning:
 * non-finite numbers, undefined, functions, symbols, bigints, lone surrogates, and objects that
 * are not plain (dates and buffers must be converted by the caller first).
 */
export class CanonicalJsonError extends Error {
	readonly code = 'AUDIT_CANONICAL_JSON_INVALID'
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
	return encode(value, '')
}

export function canonicalBytes(value: unknown): Buffer {
	return Buffer.from(canonicalJson(value), 'utf8')
}

function encode(value: unknown, path: string): string {
	if (value === null) return 'null'
	switch (typeof value) {
		case 'boolean':
			return value ? 'true' : 'false'
		case 'number':
			if (!Number.isFinite(value)) throw new CanonicalJsonError('non-finite number', path)
			return Object.is(value, -0) ? '0' : JSON.stringify(value)
		case 'string':
			if (LONE_SURROGATE.test(value)) throw new CanonicalJsonError('lone surrogate in string', path)
			return JSON.stringify(value)
		case 'object': {
			if (Array.isArray(value))
				return `[${value.map((v, i) => encode(v, `${path}[${i}]`)).join(',')}]`
			const proto = Object.getPrototypeOf(value) as unknown
			if (proto !== Object.prototype && proto !== null)
				throw new CanonicalJsonError('not a plain object', path)
			const entries = Object.entries(value as Record<string, unknown>)
			for (const [k, v] of entries) {
				if (v === undefined) throw new CanonicalJsonError('undefined value', `${path}.${k}`)
				if (LONE_SURROGATE.test(k)) throw new CanonicalJsonError('lone surrogate in key', path)
			}
			// Default sort compares UTF-16 code units, as RFC 8785 requires.
			entries.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
			return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${encode(v, `${path}.${k}`)}`).join(',')}}`
		}
		default:
			throw new CanonicalJsonError(`cannot encode a ${typeof value}`, path)
	}
}
