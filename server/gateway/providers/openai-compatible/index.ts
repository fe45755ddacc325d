import { ChatOpenAI, OpenAIEmbeddings } from '@langchain/openai'
import type { BaseChatModel } from '@langchain/core/language_models/chat_models'
import type { Embeddings } from '@langchain/core/embeddings'
import { GATEWAY_ERRORS, GatewayError } from '../../errors.ts'
import { RETENTION_MODES, type Endpoint } from '../../registry.ts'

/**
 * OpenAI-compatible endpoints (Azure OpenAI's v1 API, vLLM, Ollama, llama.cpp server, any
 * BAA-covered OpenAI-compatible service) through LangChain's ChatOpenAI. Zero retention is sent on
 * every request: `store: false` goes through `modelKwargs` (LangChain drops a `store` given to the
 * constructor or per call), and a `x-chartside-retention: none` header lets a proxy check it. The
 * SDK's own retries are off (the gateway's routing decides what happens after a failure), and the
 * endpoint's timeout bounds every call.
 */
export function openAiCompatibleChat(endpoint: Endpoint, apiKey: string): BaseChatModel {
	assertUsable(endpoint, apiKey)
	const zeroRetention = endpoint.retention === RETENTION_MODES.storeFalse
	return new ChatOpenAI({
		model: endpoint.deployment ?? endpoint.model,
		apiKey,
		temperature: 0,
		maxTokens: endpoint.maxOutputTokens,
		timeout: endpoint.timeoutMs,
		maxRetries: 0,
		configuration: {
			baseURL: endpoint.baseUrl,
			defaultHeaders: zeroRetention ? { 'x-chartside-retention': 'none' } : {},
		},
		...(zeroRetention ? { modelKwargs: { store: false } } : {}),
	})
}

export function openAiCompatibleEmbeddings(endpoint: Endpoint, apiKey: string): Embeddings {
	assertUsable(endpoint, apiKey)
	return new OpenAIEmbeddings({
		model: endpoint.deployment ?? endpoint.model,
		apiKey,
		timeout: endpoint.timeoutMs,
		maxRetries: 0,
		configuration: { baseURL: endpoint.baseUrl },
	})
}

function assertUsable(endpoint: Endpoint, apiKey: string) {
	if (endpoint.provider !== 'openai-compatible' || !endpoint.baseUrl)
		throw new GatewayError(
			GATEWAY_ERRORS.configInvalid,
			`Endpoint ${endpoint.id} is not OpenAI-compatible.`,
		)
	if (!apiKey)
		throw new GatewayError(
			GATEWAY_ERRORS.configInvalid,
			`Endpoint ${endpoint.id} has no API key configured.`,
		)
}
