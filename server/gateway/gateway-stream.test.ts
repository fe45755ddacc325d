import type { CallbackManagerForLLMRun } from '@langchain/core/callbacks/manager'
import { BaseChatModel } from '@langchain/core/language_models/chat_models'
import { AIMessage, AIMessageChunk, type BaseMessage } from '@langchain/core/messages'
import { ChatGenerationChunk, type ChatResult } from '@langchain/core/outputs'
import { describe, expect, test } from 'vitest'
import {
	ask,
	CLINICIAN,
	gatewayWith,
	PATIENT,
	remoteRegistry,
	SOURCES,
	type Recorded,
} from '#tests/helpers/gateway-fixtures.ts'
import type { Actor } from '../auth/scope.ts'
import { GATEWAY_ERRORS } from './errors.ts'
import { localProviders, passesInjectionGuard, SAFE_HARBOR_DEID } from './index.ts'
import { parseRegistry } from './registry.ts'
import type { AnswerEvent } from './types.ts'

/** A remote model that streams a script in small pieces, optionally failing after some of them. */
class ScriptedStream extends BaseChatModel {
	received: string[] = []
	constructor(
		private readonly script: (prompt: string) => string,
		private readonly failAfter: number | null = null,
	) {
		super({})
	}
	_llmType() {
		return 'scripted'
	}
	async _generate(messages: BaseMessage[]): Promise<ChatResult> {
		const text = this.script(this.remember(messages))
		return { generations: [{ text, message: new AIMessage(text) }] }
	}
	override async *_streamResponseChunks(
		messages: BaseMessage[],
		_options: this['ParsedCallOptions'],
		_run?: CallbackManagerForLLMRun,
	): AsyncGenerator<ChatGenerationChunk> {
		const text = this.script(this.remember(messages))
		let pieces = 0
		for (let i = 0; i < text.length; i += 5) {
			if (this.failAfter !== null && pieces++ >= this.failAfter)
				throw Object.assign(new Error('connection reset'), { status: 502 })
			const piece = text.slice(i, i + 5)
			yield new ChatGenerationChunk({ text: piece, message: new AIMessageChunk(piece) })
		}
	}
	private remember(messages: BaseMessage[]) {
		const prompt = messages.map((m) => String(m.content)).join('\n')
		this.received.push(prompt)
		return prompt
	}
}

async function collect(stream: AsyncIterable<AnswerEvent>) {
	const events: AnswerEvent[] = []
	for await (const event of stream) events.push(event)
	return events
}
const sentencesOf = (events: AnswerEvent[]) =>
	events.flatMap((e) => (e.type === 'sentence' ? [e.sentence] : []))

const TWO_SENTENCES =
	'Potassium was 5.1 mmol/L on 2026-10-02. [c1] Lisinopril 10 mg by mouth once daily. [c2]'

describe('a streamed answer', () => {
	test('releases checked sentences, each after the stream-opened record, then the result', async () => {
		const recorded: Recorded = []
		const remote = new ScriptedStream(() => TWO_SENTENCES)
		const seenAtFirstSentence: number[] = []
		const events: AnswerEvent[] = []
		for await (const event of gatewayWith(
			{ chatModels: { remote } },
			recorded,
			remoteRegistry(false),
		).answerStream(ask('What was the potassium and the lisinopril dose?'))) {
			if (event.type === 'sentence' && event.index === 0) seenAtFirstSentence.push(recorded.length)
			events.push(event)
		}
		expect(seenAtFirstSentence).toEqual([1])
		expect(recorded[0]).toMatchObject({ action: 'inference.stream_opened', outcome: 'success' })
		const done = events.at(-1)
		expect(done?.type).toBe('done')
		if (done?.type !== 'done') return
		expect(sentencesOf(events)).toEqual(done.result.sentences)
		expect(done.result.sentences.map((s) => s.sources)).toEqual([['c1'], ['c2']])
		expect(recorded.at(-1)).toMatchObject({
			action: 'inference',
			outcome: 'success',
			details: { streamOpenedSeq: 1 },
			inference: { citations: [{ sentence: 0 }, { sentence: 1 }] },
		})
		expect(done.result.auditSeq).toBe(recorded.length)
	})

	test('from the local model: cited, labelled local deterministic', async () => {
		const events = await collect(gatewayWith().answerStream(ask('What was the potassium?')))
		const first = events[0]
		expect(first?.type === 'sentence' && first.model.label).toMatch(/^local deterministic/)
		expect(sentencesOf(events)[0]).toMatchObject({ sources: ['c1'], supported: true })
	})

	test('marks an unsupported sentence as unsupported while streaming', async () => {
		const remote = new ScriptedStream(
			() => 'Potassium was 5.1 mmol/L. [c1] Warfarin was stopped for bleeding. [c1]',
		)
		const events = await collect(
			gatewayWith({ chatModels: { remote } }, [], remoteRegistry(false)).answerStream(
				ask('What was the potassium?'),
			),
		)
		expect(sentencesOf(events).map((s) => s.supported)).toEqual([true, false])
	})

	test('never streams a sentence the output filter blocks', async () => {
		const remote = new ScriptedStream(
			() =>
				'Potassium was 5.1 mmol/L. [c1] Your results are at http://evil.example/collect now. [c1]',
		)
		const events = await collect(
			gatewayWith({ chatModels: { remote } }, [], remoteRegistry(false)).answerStream(
				ask('What was the potassium?'),
			),
		)
		expect(JSON.stringify(events)).not.toContain('evil.example')
		const done = events.at(-1)
		expect(done?.type === 'done' && done.result.blockedSentences).toBe(1)
	})

	test('a summary streams the same way', async () => {
		const events = await collect(
			gatewayWith().summarizeStream({
				actor: CLINICIAN,
				requestId: 'req-s',
				patientId: PATIENT,
				documentId: 'doc-1',
				sources: SOURCES.slice(0, 2),
			}),
		)
		expect(sentencesOf(events).length).toBeGreaterThan(0)
		expect(events.at(-1)?.type).toBe('done')
	})
})

describe('a streamed answer refuses or fails closed, one test per case', () => {
	test('a role that may not use the feature: refused when read, nothing recorded', async () => {
		const recorded: Recorded = []
		const intake: Actor = { ...CLINICIAN, role: 'intake' }
		await expect(
			collect(gatewayWith({}, recorded).answerStream({ ...ask('potassium?'), actor: intake })),
		).rejects.toMatchObject({ code: GATEWAY_ERRORS.featureDenied })
		expect(recorded).toHaveLength(0)
	})

	test('a ledger that cannot record: not one sentence is shown', async () => {
		const events: AnswerEvent[] = []
		const stream = gatewayWith({
			audit: { append: () => Promise.reject(new Error('ledger down')) },
		}).answerStream(ask('What was the potassium?'))
		await expect(
			(async () => {
				for await (const event of stream) events.push(event)
			})(),
		).rejects.toMatchObject({ code: 'AUDIT_WRITE_FAILED' })
		expect(events).toHaveLength(0)
	})

	test('a provider that fails before any sentence: the local model answers and says so', async () => {
		const remote = new ScriptedStream(() => TWO_SENTENCES, 0)
		const local = localProviders(passesInjectionGuard)
		const recorded: Recorded = []
		const events = await collect(
			gatewayWith(
				{ chatModels: { remote, ...local.chatModels } },
				recorded,
				remoteRegistry(true),
			).answerStream(ask('What was the potassium?')),
		)
		const done = events.at(-1)
		expect(done?.type === 'done' && done.result.fallback).toBe(true)
		expect(recorded.filter((e) => e.outcome === 'failed')).toHaveLength(0)
	})

	test('a provider that fails after a sentence was shown: no success, the failure recorded', async () => {
		const remote = new ScriptedStream(() => TWO_SENTENCES, 12)
		const local = localProviders(passesInjectionGuard)
		const recorded: Recorded = []
		const events: AnswerEvent[] = []
		await expect(
			(async () => {
				for await (const event of gatewayWith(
					{ chatModels: { remote, ...local.chatModels } },
					recorded,
					remoteRegistry(true),
				).answerStream(ask('What was the potassium?')))
					events.push(event)
			})(),
		).rejects.toMatchObject({ code: GATEWAY_ERRORS.providerFailed })
		// Shown, then withdrawn by the caller: never handed over to the fallback mid-answer.
		expect(events.map((e) => e.type)).toEqual(['sentence'])
		expect(recorded.map((e) => [e.action, e.outcome])).toEqual([
			['inference.stream_opened', 'success'],
			['inference', 'failed'],
		])
		expect(recorded.at(-1)?.details).toMatchObject({ streamOpenedSeq: 1 })
	})

	test('a reader that stops early: recorded as cancelled, never as an answer', async () => {
		const recorded: Recorded = []
		const remote = new ScriptedStream(() => TWO_SENTENCES)
		for await (const event of gatewayWith(
			{ chatModels: { remote } },
			recorded,
			remoteRegistry(false),
		).answerStream(ask('What was the potassium?')))
			if (event.type === 'sentence') break
		expect(recorded.map((e) => e.outcome)).toEqual(['success', 'failed'])
		expect(recorded.at(-1)?.details).toMatchObject({ error: GATEWAY_ERRORS.cancelled })
	})
})

describe('a streamed answer on the de-identified envelope', () => {
	test('the model sees placeholders; the clinician sees the restored names', async () => {
		// The model repeats the placeholder it was given, as a model citing the chart would.
		const remote = new ScriptedStream((prompt) => {
			const placeholder = /\[\[NAME_\d+\]\]/.exec(prompt)?.[0] ?? 'nobody'
			return `Seen by ${placeholder} in clinic on 2026-10-02. [n1] Potassium was 5.1 mmol/L. [n1]`
		})
		const registry = remoteRegistry(false, 'deidentified')
		const source = {
			id: 'n1',
			text: 'Seen by Dr. Ada Quillfeather in clinic on 2026-10-02. Potassium was 5.1 mmol/L.',
		}
		const events = await collect(
			gatewayWith(
				{ chatModels: { remote }, deid: SAFE_HARBOR_DEID },
				[],
				parseRegistry(registry),
			).answerStream(ask('Who saw the patient and what was the potassium?', [source])),
		)
		expect(remote.received.join('\n')).not.toContain('Quillfeather')
		const shown = sentencesOf(events).map((s) => s.text)
		expect(shown[0]).toContain('Ada Quillfeather')
	})
})
