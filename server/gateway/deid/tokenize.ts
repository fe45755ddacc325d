import { inspect } from 'node:util'
import { GATEWAY_ERRORS, GatewayError } from '../errors.ts'
import { detectIdentifiers } from './detect.ts'
import { isIdentifierLabel, type Detection, type IdentifierLabel } from './labels.ts'
import { byStart, mergeOverlapping } from './spans.ts'
import { canonicalToken, formatToken, LOOSE_TOKEN, tokenRanges } from './token.ts'

/**
 * Reversible tokenization for the de-identified envelope. `deidentify` replaces every detected
 * identifier with a placeholder (`[[NAME_1]]`; the same value gets the same placeholder within
 * one vault) and keeps the originals in a per-request `Vault`; `restore` puts them back into the
 * model's output before it is shown. It fails closed: a detector error, a malformed detection, an
 * uncertain region the policy does not allow, or an identifier still found after replacement all
 * throw `DEID_UNCERTAIN`, and no text is returned.
 */

/** What to do with regions the detector is unsure about. */
export const UNCERTAIN_POLICIES = {
	/** Refuse the call (the default). */
	refuse: 'refuse',
	/** Replace them with placeholders like any detection. */
	redact: 'redact',
} as const
export type UncertainPolicy = (typeof UNCERTAIN_POLICIES)[keyof typeof UNCERTAIN_POLICIES]

export type DeidentifyOptions = {
	/** Default 'refuse'. */
	onUncertain?: UncertainPolicy
	/**
	 * The request's vault, to share placeholders across the messages of one request (so
	 * `[[NAME_1]]` means the same person in every message). A new vault when omitted.
	 */
	vault?: Vault
	/** The detector; `detectIdentifiers` unless a test or an alternative detector says otherwise. */
	detect?: (text: string) => Detection
}

type VaultState = {
	byToken: Map<string, string>
	byValue: Map<string, string>
	counters: Map<IdentifierLabel, number>
}

// The originals live here, not on the vault object: the vault has no own properties, so it
// serializes, clones, spreads and prints as nothing but its size.
const STATE = new WeakMap<Vault, VaultState>()

/**
 * The originals behind one request's placeholders. Opaque by design: it never reveals what it
 * holds except through `restore`, and it never serializes, logs or prints its contents.
 */
export class Vault {
	constructor() {
		STATE.set(this, { byToken: new Map(), byValue: new Map(), counters: new Map() })
	}

	/** How many distinct values it holds. */
	get size(): number {
		return STATE.get(this)?.byToken.size ?? 0
	}

	toJSON(): { vault: 'redacted'; size: number } {
		return { vault: 'redacted', size: this.size }
	}

	toString(): string {
		return `[Vault: ${this.size} redacted values]`
	}

	[inspect.custom](): string {
		return this.toString()
	}
}

export function createVault(): Vault {
	return new Vault()
}

function stateOf(vault: unknown): VaultState {
	const state = vault instanceof Vault ? STATE.get(vault) : undefined
	if (!state) throw new TypeError('expected the Vault returned by deidentify')
	return state
}

/**
 * One value, one placeholder. Values are compared exactly (after Unicode normalization and with
 * runs of white space as one space), so restoring gives back each spelling as it was written.
 */
function tokenFor(state: VaultState, label: IdentifierLabel, original: string): string {
	const key = `${label}\u0000${original.normalize('NFC').replace(/\s+/g, ' ')}`
	const known = state.byValue.get(key)
	if (known) return known
	const n = (state.counters.get(label) ?? 0) + 1
	state.counters.set(label, n)
	const token = formatToken(label, n)
	state.byValue.set(key, token)
	state.byToken.set(token, original)
	return token
}

function refusal(message: string): GatewayError {
	return new GatewayError(GATEWAY_ERRORS.deidUncertain, message)
}

/**
 * The detector's own error is not attached as the cause: its message may quote the text. Only
 * its class name is kept.
 */
function detectorFailure(error: unknown): GatewayError {
	const name = error instanceof Error ? error.name : typeof error
	return new GatewayError(
		GATEWAY_ERRORS.deidUncertain,
		'De-identification failed; nothing was sent.',
		{ cause: new DetectorFailure(name) },
	)
}

/** Stands in for a detector's exception, carrying only its class name. */
export class DetectorFailure extends Error {
	constructor(readonly errorName: string) {
		super(`the de-identification detector threw (${errorName})`)
		this.name = 'DetectorFailure'
	}
}

type Range = { start: number; end: number; label: IdentifierLabel; confidence: number }

/** Runs the detector and checks what it returned, treating it as untrusted. */
function runDetector(detect: (text: string) => Detection, text: string): Detection {
	let result: unknown
	try {
		result = detect(text)
	} catch (error) {
		throw detectorFailure(error)
	}
	const isRange = (r: unknown): r is Range => {
		if (typeof r !== 'object' || r === null) return false
		const { start, end, label, confidence } = r as Record<string, unknown>
		return (
			Number.isInteger(start) &&
			Number.isInteger(end) &&
			(start as number) >= 0 &&
			(start as number) < (end as number) &&
			(end as number) <= text.length &&
			isIdentifierLabel(label) &&
			typeof confidence === 'number' &&
			Number.isFinite(confidence)
		)
	}
	const d = result as { spans?: unknown; uncertain?: unknown } | null
	if (
		typeof d !== 'object' ||
		d === null ||
		!Array.isArray(d.spans) ||
		!Array.isArray(d.uncertain) ||
		!d.spans.every(isRange) ||
		!d.uncertain.every(isRange)
	) {
		throw refusal('De-identification returned an unreadable result; nothing was sent.')
	}
	return result as Detection
}

/** Union of overlapping ranges, labelled by the most confident one. */
const merge = (ranges: Range[]): Range[] => mergeOverlapping([...ranges].sort(byStart))

/**
 * Replaces every identifier in `text` with a placeholder. Throws `GatewayError(DEID_UNCERTAIN)`
 * rather than return text it is not sure about.
 */
export function deidentify(
	text: string,
	options: DeidentifyOptions = {},
): { text: string; vault: Vault } {
	if (typeof text !== 'string') throw refusal('De-identification needs text; nothing was sent.')
	const policy = options.onUncertain ?? UNCERTAIN_POLICIES.refuse
	if (policy !== UNCERTAIN_POLICIES.refuse && policy !== UNCERTAIN_POLICIES.redact) {
		throw refusal('Unknown de-identification policy; nothing was sent.')
	}
	const detect = options.detect ?? detectIdentifiers
	const vault = options.vault ?? new Vault()
	const state = stateOf(vault)

	const detection = runDetector(detect, text)
	if (detection.uncertain.length > 0 && policy === UNCERTAIN_POLICIES.refuse) {
		throw refusal(
			`De-identification was not certain about ${detection.uncertain.length} part(s) of the text; nothing was sent.`,
		)
	}
	// placeholders already in the text are replaced too, so none can collide with ours
	const existing: Range[] = tokenRanges(text).map((r) => ({
		...r,
		label: 'OTHER_ID',
		confidence: 1,
	}))
	const ranges = merge([
		...detection.spans,
		...(policy === UNCERTAIN_POLICIES.redact ? detection.uncertain : []),
		...existing,
	])

	let out = replaceRanges(state, text, ranges)

	// A second look: nothing the detector recognizes may remain outside the placeholders. Under
	// the redact policy, what it finds now (a placeholder can change a word's context) is
	// redacted too, for a few rounds; text that still does not settle is refused.
	for (let round = 0; ; round++) {
		const check = runDetector(detect, out)
		const found = [...check.spans, ...(policy === UNCERTAIN_POLICIES.redact ? check.uncertain : [])]
		if (check.spans.length === 0 && check.uncertain.length === 0) break
		const left = policy === UNCERTAIN_POLICIES.redact ? outsideTokens(out, found) : []
		if (left.length === 0 || round >= MAX_REDACT_ROUNDS)
			throw refusal('De-identification left possible identifiers in the text; nothing was sent.')
		out = replaceRanges(state, out, merge(left))
	}
	return { text: out, vault }
}

/** Rounds of the second look that may redact what a first replacement revealed. */
const MAX_REDACT_ROUNDS = 3

function replaceRanges(state: VaultState, text: string, ranges: Range[]): string {
	let out = ''
	let at = 0
	for (const r of ranges) {
		out += text.slice(at, r.start) + tokenFor(state, r.label, text.slice(r.start, r.end))
		at = r.end
	}
	return out + text.slice(at)
}

/** The parts of `ranges` outside the placeholders already in `text`, with a letter or digit. */
function outsideTokens(text: string, ranges: Range[]): Range[] {
	const tokens = tokenRanges(text)
	const out: Range[] = []
	for (const r of ranges) {
		let start = r.start
		for (const t of tokens) {
			if (t.end <= start || t.start >= r.end) continue
			if (t.start > start) out.push({ ...r, start, end: t.start })
			start = Math.max(start, t.end)
		}
		if (start < r.end) out.push({ ...r, start, end: r.end })
	}
	return out
		.map((r) => trimRange(text, r))
		.filter((r): r is Range => r !== null && /[\p{L}\p{N}]/u.test(text.slice(r.start, r.end)))
}

function trimRange(text: string, r: Range): Range | null {
	let { start, end } = r
	while (start < end && /\s/.test(text[start]!)) start++
	while (end > start && /\s/.test(text[end - 1]!)) end--
	return start < end ? { ...r, start, end } : null
}

/**
 * Puts the vault's originals back into `output` (model text). Mangled placeholders (`[NAME 1]`,
 * `[[name-1]]`, `NAME_1]]`) are read leniently; placeholders the vault does not hold are left as
 * they are. One pass: a restored value is never read again as a placeholder.
 */
export function restore(output: string, vault: Vault): string {
	const state = stateOf(vault)
	let out = ''
	let at = 0
	for (const m of output.matchAll(LOOSE_TOKEN)) {
		const token = canonicalToken(m)
		const original = token === null ? undefined : state.byToken.get(token)
		if (original === undefined) continue
		out += output.slice(at, m.index) + original
		at = m.index + m[0].length
	}
	return out + output.slice(at)
}
