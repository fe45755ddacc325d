import type { BaseChatModel } from '@langchain/core/language_models/chat_models'
import { AIMessage, HumanMessage, SystemMessage } from '@langchain/core/messages'
import { describe, expect, test } from 'vitest'
import { answerWithCitations } from '#server/gateway/prompts/answer-with-citations.v1.ts'
import { newBoundary } from '#server/gateway/untrusted.ts'

/**
 * The contract every chat provider passes (the LangChain pattern: one suite, every adapter): it
 * answers the gateway's prompt with text, cites only ids it was given, and stops when the
 * request's signal is aborted.
 */
export function describeChatModelContract(name: string, make: () => BaseChatModel) {
	describe(`chat model contract: ${name}`, () => {
		const boundary = newBoundary()
		const messages = answerWithCitations
			.render({
				question: 'What was the potassium?',
				sources: [{ id: 'c1', text: 'Potassium was 5.1 mmol/L on 2026-10-02.' }],
				boundary,
			})
			.map((m) =>
				m.role === 'system' ? new SystemMessage(m.content) : new HumanMessage(m.content),
			)

		test('answers the gateway prompt with text', async () => {
			const reply = await make().invoke(messages)
			expect(reply).toBeInstanceOf(AIMessage)
			expect(typeof reply.content).toBe('string')
			expect(String(reply.content).length).toBeGreaterThan(0)
		})

		test('cites only the ids it was given', async () => {
			const reply = String((await make().invoke(messages)).content)
			for (const [, ids] of reply.matchAll(/\[([^\]]+)\]/g))
				for (const id of String(ids).split(',')) expect(id.trim()).toBe('c1')
		})

		test('refuses to run once the request is cancelled', async () => {
			const controller = new AbortController()
			controller.abort()
			await expect(make().invoke(messages, { signal: controller.signal })).rejects.toThrow()
		})
	})
}
