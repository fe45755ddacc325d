import type { BaseChatModel } from '@langchain/core/language_models/chat_models'
import { AIMessage, AIMessageChunk, HumanMessage, SystemMessage } from '@langchain/core/messages'
import { GATEWAY_ERRORS, GatewayError } from './errors.ts'
import type { ChatMessage } from './prompts/types.ts'
import type { Endpoint } from './registry.ts'

/**
 * One call to one chat model, bounded by the endpoint's timeout and the caller's signal, with every
 * way it can go wrong turned into a gateway error code: cancelled, timed out, failed, malformed.
 * Provider replies are `unknown` until this file has found text in them.
 */
export type ModelReply = { text: string; version: string | null }

const toLangChain = (messages: readonly ChatMessage[]) =>
	messages.map((m) =>
		m.role === 'system' ? new SystemMessage(m.content) : new HumanMessage(m.content),
	)

/** Text of a message's content: a string, or the text blocks of a content array. */
export function textOf(content: unknown): string | null {
	if (typeof content === 'string') return content
	if (!Array.isArray(content)) return null
	let text = ''
	let blocks = 0
	for (const block of content as unknown[]) {
		if (typeof block === 'string') text += block
		else if (block && typeof block === 'object' && (block as { type?: unknown }).type === 'text') {
			const value = (block as { text?: unknown }).text
			if (typeof value !== 'string') return null
			text += value
		} else continue
		blocks++
	}
	// Blocks, but none of them text (an image, a tool call): not an answer.
	return content.length > 0 && blocks === 0 ? null : text
}

/** The version the provider reports (its model name with a date, e.g.), if any. */
function reportedVersion(metadata: unknown): string | null {
	const name = (metadata as { model_name?: unknown } | undefined)?.model_name
	return typeof name === 'string' && name.length > 0 ? name.slice(0, 200) : null
}

function deadline(endpoint: Endpoint, signal: AbortSignal | undefined) {
	const timeout = AbortSignal.timeout(endpoint.timeoutMs)
	return { timeout, combined: signal ? AbortSignal.any([signal, timeout]) : timeout }
}

function failure(cause: unknown, signal: AbortSignal | undefined, timeout: AbortSignal) {
	if (cause instanceof GatewayError) return cause
	if (signal?.aborted)
		return new GatewayError(GATEWAY_ERRORS.cancelled, 'The request was cancelled.', { cause })
	if (timeout.aborted)
		return new GatewayError(GATEWAY_ERRORS.providerTimeout, 'The model did not answer in time.', {
			cause,
		})
	return new GatewayError(GATEWAY_ERRORS.providerFailed, 'The model call failed.', { cause })
}

export async function invokeModel(
	model: BaseChatModel,
	messages: readonly ChatMessage[],
	endpoint: Endpoint,
	signal: AbortSignal | undefined,
): Promise<ModelReply> {
	const { timeout, combined } = deadline(endpoint, signal)
	let reply: unknown
	try {
		reply = await model.invoke(toLangChain(messages), { signal: combined })
	} catch (cause) {
		throw failure(cause, signal, timeout)
	}
	const text = reply instanceof AIMessage ? textOf(reply.content) : null
	if (text === null)
		throw new GatewayError(GATEWAY_ERRORS.providerMalformed, 'The model sent no text.')
	return {
		text,
		version: reportedVersion((reply as AIMessage).response_metadata) ?? endpoint.modelVersion,
	}
}

/**
 * Streams a model's text as it arrives. The endpoint's timeout bounds the whole stream, not each
 * chunk: a model that trickles forever is as unanswered as one that never starts.
 */
export async function* streamModel(
	model: BaseChatModel,
	messages: readonly ChatMessage[],
	endpoint: Endpoint,
	signal: AbortSignal | undefined,
	onVersion: (version: string) => void,
): AsyncGenerator<string> {
	const { timeout, combined } = deadline(endpoint, signal)
	try {
		const stream = await model.stream(toLangChain(messages), { signal: combined })
		for await (const chunk of stream as AsyncIterable<unknown>) {
			const text = chunk instanceof AIMessageChunk ? textOf(chunk.content) : null
			if (text === null)
				throw new GatewayError(GATEWAY_ERRORS.providerMalformed, 'The model sent no text.')
			const version = reportedVersion((chunk as AIMessageChunk).response_metadata)
			if (version) onVersion(version)
			if (text) yield text
			combined.throwIfAborted()
		}
	} catch (cause) {
		throw failure(cause, signal, timeout)
	}
}
