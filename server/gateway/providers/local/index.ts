import type { BaseChatModel } from '@langchain/core/language_models/chat_models'
import type { Embeddings } from '@langchain/core/embeddings'
import { LOCAL_ENDPOINT_IDS } from '../../registry.ts'
import { ExtractiveChatModel, type SentenceFilter } from './extractive.ts'
import { HashedEmbeddings } from './hashed-embedder.ts'

/**
 * The local deterministic providers of the embedded default, keyed by their registry endpoint
 * ids. `allowed` is the injection guard applied to each sentence they might select.
 */
export function localProviders(allowed: SentenceFilter): {
	chatModels: Record<string, BaseChatModel>
	embeddings: Record<string, Embeddings>
} {
	return {
		chatModels: {
			[LOCAL_ENDPOINT_IDS.answer]: new ExtractiveChatModel('answer', allowed),
			[LOCAL_ENDPOINT_IDS.summarize]: new ExtractiveChatModel('summarize', allowed),
		},
		embeddings: { [LOCAL_ENDPOINT_IDS.embed]: new HashedEmbeddings() },
	}
}
