import type { InferenceRecord } from '../audit/events.ts'
import { mayInvokeFeature } from '../auth/policy.ts'
import type { Actor } from '../auth/scope.ts'
import { isAppError } from '../platform/errors.ts'
import { GATEWAY_ERRORS, GatewayError } from './errors.ts'
import { verifyCitations, type CheckedSentence } from './guards/citations.ts'
import { filterOutput } from './guards/output-filter.ts'
import { estimateTokens } from './inference-record.ts'
import type { ChatMessage, PromptModule } from './prompts/types.ts'
import {
	assertEndpointAllowed,
	type Endpoint,
	type Feature,
	type Registry,
	type Route,
} from './registry.ts'
import type { Call, GatewayDeps } from './types.ts'
import { assertSafeSourceId, newBoundary, type Source } from './untrusted.ts'

/**
 * The checks around a cited call (`answer`, `summarize`): `prepare` decides everything before a
 * model is called (role, caps, injection scan, prompt, endpoints, de-identification), `check`
 * verifies what the model said (citations, output filter). A guard that errors refuses the call.
 */

/** What the parts of one gateway share: its dependencies, the registry in force, the clock, caps. */
export type GatewayContext = {
	deps: GatewayDeps
	registry: Registry
	clock: () => number
	maxSources: number
}

export type CitedFeature = 'answer' | 'summarize'
export type CitedInput = Call<{ patientId: string; sources: readonly Source[] }>

/** Everything decided before a model is called: kept sources, guard verdicts, the prompt. */
export type Prepared = {
	feature: CitedFeature
	input: CitedInput
	prompt: { id: string; version: string }
	started: number
	verdicts: Array<Source & { flagged: boolean }>
	kept: Array<Source & { flagged: boolean }>
	excluded: string[]
	guards: InferenceRecord['guards']
	route: Route
	endpoints: Endpoint[]
	messages: ChatMessage[]
	promptText: string
	/** The messages for an endpoint of this route (de-identified when the envelope says so). */
	messagesFor(endpoint: Endpoint): { messages: ChatMessage[]; restore: (text: string) => string }
}

/** What the model said, checked. */
export type Checked = {
	shown: CheckedSentence[]
	blocked: number
	notFound: boolean
	allSupported: boolean
	/** Share of the model's sentences the citations support (null when it said none). */
	supportedShare: number | null
}

export function assertFeature(actor: Actor, feature: Exclude<Feature, 'embed'>) {
	if (!mayInvokeFeature(actor.role, feature))
		throw new GatewayError(GATEWAY_ERRORS.featureDenied, 'Your role may not use this feature.')
}

/** Runs a guard; if it throws, the call is refused (never sent unguarded). */
export function guard<T>(name: string, work: () => T): T {
	try {
		return work()
	} catch (cause) {
		if (isAppError(cause) && cause.code === GATEWAY_ERRORS.deidUncertain) throw cause
		throw new GatewayError(GATEWAY_ERRORS.guardFailed, `The ${name} guard failed.`, { cause })
	}
}

/** Any failure of de-identification is uncertainty: the text is never sent raw. */
function deidentify(
	deps: Pick<GatewayDeps, 'deid'>,
	text: string,
	vault: unknown,
): { text: string; vault: unknown } {
	try {
		return deps.deid.deidentify(text, vault)
	} catch (cause) {
		throw new GatewayError(
			GATEWAY_ERRORS.deidUncertain,
			'De-identification was not certain; nothing was sent.',
			{ cause },
		)
	}
}

export function prepare<I extends object>(
	ctx: GatewayContext,
	feature: CitedFeature,
	input: CitedInput,
	prompt: PromptModule<I>,
	promptInput: I,
): Prepared {
	const { deps, registry, clock } = ctx
	const started = clock()
	assertFeature(input.actor, feature)
	if (input.sources.length > ctx.maxSources)
		throw new GatewayError(GATEWAY_ERRORS.inputTooLarge, 'Too many sources for one request.')
	for (const s of input.sources) assertSafeSourceId(s.id)
	const verdicts = input.sources.map((s) => ({
		...s,
		flagged: guard('injection', () => deps.injection(s.text)).verdict === 'flag',
	}))
	const fence = deps.injectionPolicy === 'fence'
	const kept = fence ? verdicts : verdicts.filter((s) => !s.flagged)
	const flagged = verdicts.filter((s) => s.flagged).map((s) => s.id)
	const route = registry.routes[feature]
	const boundary = newBoundary()
	const messages = prompt.render({ ...promptInput, sources: kept, boundary })
	const promptText = messages.map((m) => m.content).join('\n')
	const endpoints = route.endpoints.map((id) => assertEndpointAllowed(registry, feature, id))
	for (const endpoint of endpoints)
		if (estimateTokens(promptText) > endpoint.maxInputTokens)
			throw new GatewayError(GATEWAY_ERRORS.inputTooLarge, 'The question and sources are too long.')
	return {
		feature,
		input,
		prompt: { id: prompt.id, version: prompt.version },
		started,
		verdicts,
		kept,
		excluded: fence ? [] : flagged,
		guards: [
			{ guard: 'injection', verdict: flagged.length ? 'flag' : 'pass', score: flagged.length },
		],
		route,
		endpoints,
		messages,
		promptText,
		messagesFor(endpoint) {
			if (route.envelope !== 'deidentified' || endpoint.provider === 'local')
				return { messages, restore: (text) => text }
			// De-identified before rendering (datamarking would hide names from the detector):
			// the question and each source's text share one vault; titles and dates stay home.
			let vault: unknown = undefined
			const clean = (text: string) => {
				const d = deidentify(deps, text, vault)
				vault = d.vault
				return d.text
			}
			const safeInput =
				'question' in promptInput
					? { ...promptInput, question: clean(String(promptInput.question)) }
					: promptInput
			const safeSources = kept.map((k) => ({ id: k.id, text: clean(k.text) }))
			return {
				messages: prompt.render({ ...safeInput, sources: safeSources, boundary }),
				// Placeholders back to the originals before anything is checked or shown.
				restore: (text) => deps.deid.restore(text, vault),
			}
		},
	}
}

/** Citations verified and the output filter applied; blocked sentences are gone. */
export function check(p: Prepared, output: string): Checked {
	const report = guard('citation', () => verifyCitations(output, p.kept))
	const blocked = guard('output', () => filterOutput(report.sentences, p.verdicts))
	const blockedIdx = new Set(blocked.map((b) => b.sentence))
	const shown = report.sentences.filter((_, i) => !blockedIdx.has(i))
	return {
		shown,
		blocked: blocked.length,
		notFound: report.notFound || shown.length === 0,
		allSupported: report.allSupported,
		supportedShare: report.sentences.length
			? report.sentences.filter((s) => s.supported).length / report.sentences.length
			: null,
	}
}
