import { readFileSync } from 'node:fs'
import type { Embeddings } from '@langchain/core/embeddings'
import type { BaseChatModel } from '@langchain/core/language_models/chat_models'
import type { Config } from '../config/index.ts'
import type { Logger } from '../log.ts'
import { deidentify, restore, type Vault } from './deid/tokenize.ts'
import { GATEWAY_ERRORS, GatewayError } from './errors.ts'
import { createGateway, type Deidentifier, type Gateway, type GatewayDeps } from './gateway.ts'
import { scoreInjection } from './guards/injection.ts'
import { classifyFaxType } from './providers/local/faxtype-classifier.ts'
import { bedrockChat } from './providers/bedrock/index.ts'
import { localProviders } from './providers/local/index.ts'
import {
	openAiCompatibleChat,
	openAiCompatibleEmbeddings,
} from './providers/openai-compatible/index.ts'
import { LOCAL_REGISTRY, parseRegistry, type Registry } from './registry.ts'

export type { AnswerEvent, AnswerResult, Gateway, ModelIdentity } from './types.ts'
/** The local deterministic providers, for wiring a gateway around another model (benchmarks). */
export { localProviders } from './providers/local/index.ts'

/**
 * The gateway a process uses: the registry from GATEWAY_CONFIG (a JSON file) or the built-in local
 * one, the real guards, and one provider adapter per endpoint. API keys are named by the registry
 * and read from the validated configuration, never from the file.
 */
export function createGatewayFromConfig(
	config: Pick<Config, 'raw'>,
	options: { audit: GatewayDeps['audit']; log: Logger },
): Gateway {
	const registry = loadRegistry(config.raw.GATEWAY_CONFIG)
	const local = localProviders(passesInjectionGuard)
	const chatModels: Record<string, BaseChatModel> = { ...local.chatModels }
	const embeddings: Record<string, Embeddings> = { ...local.embeddings }
	for (const endpoint of registry.endpoints) {
		const serves = (feature: 'embed' | 'answer' | 'summarize') =>
			registry.routes[feature].endpoints.includes(endpoint.id)
		const chats = serves('answer') || serves('summarize')
		if (endpoint.provider === 'openai-compatible') {
			const key = endpoint.apiKey ? config.raw[endpoint.apiKey as keyof Config['raw']] : undefined
			const apiKey = typeof key === 'string' ? key : ''
			if (serves('embed')) embeddings[endpoint.id] = openAiCompatibleEmbeddings(endpoint, apiKey)
			if (chats) chatModels[endpoint.id] = openAiCompatibleChat(endpoint, apiKey)
		}
		// Bedrock signs with the configured keys only (the registry refuses it for embeddings).
		if (endpoint.provider === 'bedrock' && chats)
			chatModels[endpoint.id] = bedrockChat(endpoint, {
				accessKeyId: config.raw.AWS_ACCESS_KEY_ID ?? '',
				secretAccessKey: config.raw.AWS_SECRET_ACCESS_KEY ?? '',
				...(config.raw.AWS_SESSION_TOKEN ? { sessionToken: config.raw.AWS_SESSION_TOKEN } : {}),
			})
	}
	return createGateway({
		registry,
		audit: options.audit,
		log: options.log,
		injection: scoreInjection,
		deid: SAFE_HARBOR_DEID,
		classify: (text) => {
			const { label, confidence, blank, coverSheetOnly, misdirected } = classifyFaxType(text)
			return { label, confidence, blank, coverSheetOnly, misdirected }
		},
		chatModels,
		embeddings,
	})
}

/** The Safe Harbor de-identifier (ADR 016) in the gateway's shape: one vault per request. */
export const SAFE_HARBOR_DEID: Deidentifier = {
	deidentify: (text, vault, options) =>
		deidentify(text, {
			...(vault ? { vault: vault as Vault } : {}),
			...(options?.onUncertain ? { onUncertain: options.onUncertain } : {}),
		}),
	restore: (text, vault) => restore(text, vault as Vault),
}

/** The sentence filter of the local models: nothing the injection guard flags is ever selected. */
export const passesInjectionGuard = (sentence: string): boolean =>
	scoreInjection(sentence).verdict === 'pass'

function loadRegistry(file: string | undefined): Registry {
	if (!file) return LOCAL_REGISTRY
	let json: unknown
	try {
		json = JSON.parse(readFileSync(file, 'utf8'))
	} catch (cause) {
		throw new GatewayError(
			GATEWAY_ERRORS.configInvalid,
			'GATEWAY_CONFIG names a file that cannot be read as JSON.',
			{ cause },
		)
	}
	return parseRegistry(json)
}
