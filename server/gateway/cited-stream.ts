import { AUDIT_ACTIONS } from '../audit/events.ts'
import { hasCode, isAppError } from '../platform/errors.ts'
import { fingerprint } from '../platform/hashing.ts'
import {
	candidates,
	endpointFailed,
	finish,
	isFinal,
	noModelAnswered,
	recordFailure,
} from './cited-call.ts'
import { check, type GatewayContext, type Prepared } from './cited-checks.ts'
import { GATEWAY_ERRORS, type GatewayErrorCode } from './errors.ts'
import { identity, inferenceOf, record } from './inference-record.ts'
import { streamModel } from './model-call.ts'
import type { Endpoint } from './registry.ts'
import { SentenceBuffer } from './sentence-stream.ts'
import type { AnswerEvent } from './types.ts'

/**
 * The streamed form: each sentence is released once it is complete and checked. An endpoint
 * that fails before anything was shown hands over to the next, as in `cited`; one that fails
 * after sentences were shown ends the stream with a failure record, and the caller withdraws
 * what it showed (it was never recorded as an answer).
 */
export async function* citedStream(ctx: GatewayContext, p: Prepared): AsyncGenerator<AnswerEvent> {
	const failures: GatewayErrorCode[] = []
	let opened: number | null = null
	let finished = false
	let current: Endpoint | null = null
	try {
		for (const { endpoint, model, fallback } of candidates(ctx, p)) {
			current = endpoint
			let shown = 0
			let version = endpoint.modelVersion
			const buffer = new SentenceBuffer(new Set(p.kept.map((k) => k.id)))
			try {
				const { messages, restore } = p.messagesFor(endpoint)
				const sent = messages.map((m) => m.content).join('\n')
				const release = async function* (texts: string[]) {
					for (const text of texts) {
						const checked = check(p, text)
						if (checked.notFound) continue
						for (const sentence of checked.shown) {
							if (opened === null)
								opened = await record(
									ctx.deps,
									p.input,
									p.feature,
									'success',
									{
										...inferenceOf(endpoint, p.route.envelope),
										prompt: p.prompt,
										promptFingerprint: fingerprint(p.promptText),
									},
									{ stream: 'open' },
									{ action: AUDIT_ACTIONS.inferenceStreamOpened },
								)
							yield {
								type: 'sentence' as const,
								index: shown++,
								sentence,
								model: identity(endpoint, version),
							}
						}
					}
				}
				const pieces = streamModel(model, messages, endpoint, p.input.signal, (v) => {
					version = v
				})
				for await (const piece of pieces) yield* release(buffer.push(piece, restore))
				const output = restore(buffer.received)
				const checked = check(p, output)
				// The whole answer is checked again; anything not yet shown follows the record.
				const result = await finish(
					ctx,
					p,
					{ endpoint, version, fallback, sent },
					output,
					checked,
					opened,
				)
				finished = true
				for (const sentence of result.sentences.slice(shown))
					yield { type: 'sentence', index: shown++, sentence, model: result.model }
				yield { type: 'done', result }
				return
			} catch (error) {
				if (finished || shown > 0 || isFinal(error)) throw error
				failures.push(endpointFailed(ctx, p, endpoint, error))
			}
		}
		finished = true
		await noModelAnswered(ctx, p, failures)
	} catch (error) {
		if (!finished && current && !hasCode(error, 'AUDIT_WRITE_FAILED')) {
			finished = true
			await recordFailure(ctx, p, current, {
				error: isAppError(error) ? error.code : GATEWAY_ERRORS.providerFailed,
				streamOpenedSeq: opened,
			})
		}
		throw error
	} finally {
		// The caller stopped reading: what it saw was never recorded as an answer.
		if (!finished && current)
			await recordFailure(ctx, p, current, {
				error: GATEWAY_ERRORS.cancelled,
				streamOpenedSeq: opened,
			})
	}
}

/**
 * An async iterable whose work (and whose refusals: role, caps, guards) starts when it is first
 * read, so a refusal surfaces where the caller reads the stream.
 */
export function lazy<T>(start: () => AsyncGenerator<T>): AsyncIterable<T> {
	return { [Symbol.asyncIterator]: () => start() }
}
