import type { AuditEvent, InferenceRecord } from '../audit/events.ts'
import { isAppError, type AppError } from '../platform/errors.ts'
import { fingerprint } from '../platform/hashing.ts'
import { check, type Checked, type GatewayContext, type Prepared } from './cited-checks.ts'
import { GATEWAY_ERRORS, GatewayError, type GatewayErrorCode } from './errors.ts'
import { estimateTokens, identity, inferenceOf, record } from './inference-record.ts'
import { invokeModel } from './model-call.ts'
import { NOT_FOUND } from './prompts/types.ts'
import { LOCAL_ENDPOINT_IDS, LOCAL_REGISTRY, type Endpoint } from './registry.ts'
import type { AnswerResult } from './types.ts'

/**
 * One cited call, prepared and checked by `cited-checks.ts`: the route's endpoints are tried in
 * order (then the local model if policy allows it), and the first that answers is checked and
 * recorded. Every way it ends is in the ledger: the success record before the result leaves the
 * gateway, a failure record when no model answered or a failure ended the request.
 */

/** Failures that end the request instead of moving on to the next endpoint. */
export const isFinal = (error: unknown) =>
	isAppError(error) &&
	(error.code === GATEWAY_ERRORS.cancelled ||
		error.code === GATEWAY_ERRORS.deidUncertain ||
		error.code === GATEWAY_ERRORS.guardFailed ||
		error.code === 'AUDIT_WRITE_FAILED')

/** The route's endpoints with their models, then the local model if policy allows it. */
export function candidates(ctx: GatewayContext, p: Prepared) {
	const list = p.endpoints.flatMap((endpoint) => {
		const model = ctx.deps.chatModels[endpoint.id]
		return model ? [{ endpoint, model, fallback: false }] : []
	})
	if (p.route.fallbackToLocal) {
		const local = LOCAL_REGISTRY.endpoints.find((e) => e.id === LOCAL_ENDPOINT_IDS[p.feature])
		const model = local ? ctx.deps.chatModels[local.id] : undefined
		if (local && model && !list.some((c) => c.endpoint.id === local.id))
			list.push({ endpoint: local, model, fallback: true })
	}
	return list
}

export async function recordFailure(
	ctx: GatewayContext,
	p: Prepared,
	endpoint: Endpoint,
	details: AuditEvent['details'],
) {
	await record(
		ctx.deps,
		p.input,
		p.feature,
		'failed',
		inferenceOf(endpoint, p.route.envelope),
		details,
	)
}

export function endpointFailed(
	ctx: GatewayContext,
	p: Prepared,
	endpoint: Endpoint,
	error: unknown,
): GatewayErrorCode {
	const code = (isAppError(error) ? error.code : GATEWAY_ERRORS.providerFailed) as GatewayErrorCode
	ctx.deps.log.warn('gateway.endpoint_failed', {
		requestId: p.input.requestId,
		endpoint: endpoint.id,
		code,
	})
	return code
}

export async function noModelAnswered(
	ctx: GatewayContext,
	p: Prepared,
	failures: GatewayErrorCode[],
): Promise<never> {
	const last = p.endpoints.at(-1) ?? (ctx.registry.endpoints[0] as Endpoint)
	await recordFailure(ctx, p, last, {
		error: failures.at(-1) ?? GATEWAY_ERRORS.providerFailed,
		attempts: failures.length,
	})
	throw new GatewayError(failures.at(-1) ?? GATEWAY_ERRORS.providerFailed, 'No model could answer.')
}

/** The success record; it goes in before the result leaves the gateway. */
export async function finish(
	ctx: GatewayContext,
	p: Prepared,
	served: { endpoint: Endpoint; version: string | null; fallback: boolean; sent: string },
	output: string,
	checked: Checked,
	streamSeq: number | null,
): Promise<AnswerResult> {
	const { clock } = ctx
	const shownText = checked.notFound ? NOT_FOUND : checked.shown.map((s) => s.text).join(' ')
	const guards: InferenceRecord['guards'] = [
		...p.guards,
		{
			guard: 'citations',
			verdict: checked.allSupported ? 'pass' : 'flag',
			score: checked.supportedShare,
		},
		{ guard: 'output', verdict: checked.blocked ? 'block' : 'pass', score: checked.blocked },
	]
	const keep = served.endpoint.keepPayloads === 'encrypted'
	const auditSeq = await record(
		ctx.deps,
		p.input,
		p.feature,
		'success',
		{
			...inferenceOf(served.endpoint, p.route.envelope),
			modelVersion: served.version,
			prompt: p.prompt,
			promptFingerprint: fingerprint(p.promptText),
			outputFingerprint: fingerprint(shownText),
			retrievedChunkIds: p.input.sources.map((s) => s.id).slice(0, 500),
			citations: checked.notFound
				? []
				: checked.shown.map((s, i) => ({ sentence: i, sources: s.sources })),
			guards,
			tokens: { input: estimateTokens(p.promptText), output: estimateTokens(output) },
			latencyMs: Math.max(0, clock() - p.started),
		},
		{
			fallback: served.fallback,
			excluded: p.excluded.length,
			blocked: checked.blocked,
			notFound: checked.notFound,
			...(streamSeq === null ? {} : { streamOpenedSeq: streamSeq }),
			payloads: keep ? 'encrypted' : 'fingerprints',
		},
		// The endpoint's policy may keep what was sent and shown, encrypted under the patient's key.
		keep
			? {
					sensitive: {
						patientId: p.input.patientId,
						value: { prompt: served.sent, output: shownText },
					},
				}
			: {},
	)
	return {
		sentences: checked.notFound ? [] : checked.shown,
		notFound: checked.notFound,
		model: identity(served.endpoint, served.version),
		fallback: served.fallback,
		excludedSources: p.excluded,
		blockedSentences: checked.blocked,
		auditSeq,
	}
}

export async function cited(ctx: GatewayContext, p: Prepared): Promise<AnswerResult> {
	const failures: GatewayErrorCode[] = []
	for (const { endpoint, model, fallback } of candidates(ctx, p)) {
		let reply: { text: string; version: string | null }
		let sent: string
		try {
			const { messages, restore } = p.messagesFor(endpoint)
			sent = messages.map((m) => m.content).join('\n')
			const raw = await invokeModel(model, messages, endpoint, p.input.signal)
			reply = { text: restore(raw.text), version: raw.version }
		} catch (error) {
			if (isFinal(error)) {
				await recordFailure(ctx, p, endpoint, { error: (error as AppError).code })
				throw error
			}
			failures.push(endpointFailed(ctx, p, endpoint, error))
			continue
		}
		const served = { endpoint, version: reply.version, fallback, sent }
		return finish(ctx, p, served, reply.text, check(p, reply.text), null)
	}
	return noModelAnswered(ctx, p, failures)
}
