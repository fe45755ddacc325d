import { describeChatModelContract } from '#tests/helpers/chat-model-contract.ts'
import { ExtractiveChatModel } from './extractive.ts'

describeChatModelContract(
	'local extractive answerer',
	() => new ExtractiveChatModel('answer', () => true),
)
describeChatModelContract(
	'local extractive summarizer',
	() => new ExtractiveChatModel('summarize', () => true),
)
