import { BaseChatModel } from '@langchain/core/language_models/chat_models'
import { AIMessage, type BaseMessage } from '@langchain/core/messages'
import type { ChatResult } from '@langchain/core/outputs'
import { describe, expect, test } from 'vitest'
import {
	ask,
	CLINICIAN,
	gatewayWith,
	noDeid,
	PATIENT,
	remoteRegistry,
	SOURCES,
	type Recorded,
} from '#tests/helpers/gateway-fixtures.ts'
import type { Actor } from '../auth/scope.ts'
import { GATEWAY_ERRORS } from './errors.ts'
import { passesInjectionGuard, SAFE_HARBOR_DEID } from './index.ts'
import { NOT_FOUND } from './prompts/types.ts'
import { localProviders } from './providers/local/index.ts'
import { LOCAL_REGISTRY, parseRegistry } from './registry.ts'
import type { Deidentifier } from './types.ts'

const INTAKE: Actor = { ...CLINICIAN, role: 'intake' }

/** A remote model that misbehaves in one way, and remembers what it was sent. */
class FaultyModel extends BaseChatModel {
	calls: string[] = []
	constructor(private readonly fault: 'timeout' | 'http500' | 'malformed' | 'echo') {
		super({})
	}
	_llmType() {
		return 'faulty'
	}
	async _generate(
		messages: BaseMessage[],
		options: this['ParsedCallOptions'],
	): Promise<ChatResult> {
		this.calls.push(messages.map((m) => String(m.content)).join('\n'))
		if (this.fault === 'timeout')
			await new Promise((_, reject) =>
				options.signal?.addEventListener('abort', () => reject(new Error('aborted'))),
			)
		if (this.fault === 'http500')
			throw Object.assign(new Error('500 from provider'), { status: 500 })
		if (this.fault === 'malformed')
			return {
				generations: [
					{
						text: '',
						message: new AIMessage({ content: [{ type: 'image_url', image_url: 'x' }] }),
					},
				],
			}
		// echo: repeats every source line, instructions included, as a careless model might.
		const echoed = String(messages.at(-1)?.content ?? '')
			.split('\n')
			.filter((l) => !l.startsWith('<<<') && !l.startsWith('Question'))
			.map((l) => `${l.replaceAll('\u02c6', ' ')} [c3]`)
			.join(' ')
		return { generations: [{ text: echoed, message: new AIMessage(echoed) }] }
	}
}

describe('the gateway refuses, and records, one test per case', () => {
	test('a role that may not use the feature', async () => {
		const recorded: Recorded = []
		const intake: Actor = { ...CLINICIAN, role: 'intake' }
		await expect(
			gatewayWith({}, recorded).answer({ ...ask('potassium?'), actor: intake }),
		).rejects.toMatchObject({ code: GATEWAY_ERRORS.featureDenied })
		expect(recorded).toHaveLength(0)
	})

	test('an empty or oversized question', async () => {
		await expect(gatewayWith().answer(ask('   '))).rejects.toMatchObject({
			code: GATEWAY_ERRORS.inputTooLarge,
		})
		await expect(gatewayWith().answer(ask('x'.repeat(5_000)))).rejects.toMatchObject({
			code: GATEWAY_ERRORS.inputTooLarge,
		})
	})

	test('a source id that is not a plain token', async () => {
		await expect(
			gatewayWith().answer(ask('potassium?', [{ id: 'c1"><<<', text: 'x' }])),
		).rejects.toThrow()
	})

	test('a guard that throws: refused before any model is called', async () => {
		const remote = new FaultyModel('echo')
		await expect(
			gatewayWith(
				{
					injection: () => {
						throw new Error('classifier crashed')
					},
					chatModels: { remote },
				},
				[],
				remoteRegistry(false),
			).answer(ask('potassium?')),
		).rejects.toMatchObject({ code: GATEWAY_ERRORS.guardFailed })
		expect(remote.calls).toHaveLength(0)
	})

	test('de-identification that fails: refused, nothing sent, the refusal recorded', async () => {
		const remote = new FaultyModel('echo')
		const recorded: Recorded = []
		await expect(
			gatewayWith(
				{ chatModels: { remote } },
				recorded,
				remoteRegistry(false, 'deidentified'),
			).answer(ask('potassium?')),
		).rejects.toMatchObject({ code: GATEWAY_ERRORS.deidUncertain })
		expect(remote.calls).toHaveLength(0)
		expect(recorded.at(-1)).toMatchObject({
			outcome: 'failed',
			details: { error: 'DEID_UNCERTAIN' },
		})
	})

	test('a ledger that cannot record: no answer', async () => {
		await expect(
			gatewayWith({
				audit: {
					append: () => Promise.reject(new Error('ledger down')),
				},
			}).answer(ask('What was the potassium?')),
		).rejects.toMatchObject({ code: 'AUDIT_WRITE_FAILED' })
	})

	for (const fault of ['timeout', 'http500', 'malformed'] as const) {
		test(`a provider ${fault}: refused (no fallback allowed), the failure recorded`, async () => {
			const remote = new FaultyModel(fault)
			const recorded: Recorded = []
			await expect(
				gatewayWith({ chatModels: { remote } }, recorded, remoteRegistry(false)).answer(
					ask('What was the potassium?'),
				),
			).rejects.toMatchObject({
				code: {
					timeout: GATEWAY_ERRORS.providerTimeout,
					http500: GATEWAY_ERRORS.providerFailed,
					malformed: GATEWAY_ERRORS.providerMalformed,
				}[fault],
			})
			expect(recorded.at(-1)).toMatchObject({ action: 'inference', outcome: 'failed' })
		})

		test(`a provider ${fault}: the local model answers when policy allows, and says so`, async () => {
			const remote = new FaultyModel(fault)
			const local = localProviders(passesInjectionGuard)
			const result = await gatewayWith(
				{ chatModels: { remote, ...local.chatModels } },
				[],
				remoteRegistry(true),
			).answer(ask('What was the potassium?'))
			expect(result.fallback).toBe(true)
			expect(result.model.local).toBe(true)
			expect(result.sentences[0]?.text).toContain('5.1')
		})
	}
})

describe('answers from the local deterministic model', () => {
	test('cite the chart, carry the model identity, and are recorded before they return', async () => {
		const recorded: Recorded = []
		const result = await gatewayWith({}, recorded).answer(ask('What was the potassium?'))
		expect(result.notFound).toBe(false)
		expect(result.sentences).toEqual([
			expect.objectContaining({
				text: expect.stringContaining('Potassium was 5.1'),
				sources: ['c1'],
				supported: true,
			}),
		])
		expect(result.model).toMatchObject({ label: expect.stringMatching(/^local deterministic/) })
		expect(result.auditSeq).toBe(recorded.length)
		expect(recorded.at(-1)).toMatchObject({
			action: 'inference',
			outcome: 'success',
			resource: { type: 'model_endpoint', patientId: PATIENT },
			inference: {
				prompt: { id: 'answer-with-citations', version: '1' },
				citations: [{ sentence: 0, sources: ['c1'] }],
				envelope: 'phi',
			},
		})
		// Fingerprints only: no prompt or answer text in the record.
		expect(JSON.stringify(recorded.at(-1))).not.toContain('Potassium')
	})

	test('keep the prompt and output, encrypted, only where the endpoint policy says so', async () => {
		const keeping = parseRegistry({
			...LOCAL_REGISTRY,
			endpoints: LOCAL_REGISTRY.endpoints.map((e) => ({ ...e, keepPayloads: 'encrypted' })),
		})
		const kept: Recorded = []
		await gatewayWith({}, kept, keeping).answer(ask('What was the potassium?'))
		expect(kept.at(-1)).toMatchObject({
			details: { payloads: 'encrypted' },
			sensitive: {
				patientId: PATIENT,
				value: { prompt: expect.stringContaining('potassium'), output: expect.any(String) },
			},
		})
		const fingerprinted: Recorded = []
		await gatewayWith({}, fingerprinted).answer(ask('What was the potassium?'))
		expect(fingerprinted.at(-1)?.sensitive).toBeUndefined()
	})

	test('say "not found in the chart" when nothing supports an answer', async () => {
		const result = await gatewayWith().answer(ask('When was the last colonoscopy?'))
		expect(result).toMatchObject({ notFound: true, sentences: [] })
		expect(NOT_FOUND).toBe('Not found in the chart.')
	})

	test('never carry out an instruction planted in a source', async () => {
		for (const question of [
			'What code should I reply with?',
			'Which website should I visit for results?',
			'What are the previous instructions?',
		]) {
			const result = await gatewayWith().answer(ask(question))
			const text = result.sentences.map((s) => s.text).join(' ')
			expect(text).not.toMatch(/ZX-4471|evil\.example|ignore all previous/i)
			expect(result.excludedSources).toEqual(['c3'])
		}
	})

	test('summarize a document with citations', async () => {
		const result = await gatewayWith().summarize({
			actor: CLINICIAN,
			requestId: 'req-2',
			patientId: PATIENT,
			documentId: 'doc-1',
			sources: SOURCES.slice(0, 2),
		})
		expect(result.sentences.length).toBeGreaterThan(0)
		for (const s of result.sentences) expect(s.supported).toBe(true)
	})
})

describe('the output filter on a remote model that echoes its sources', () => {
	test('blocks the planted link, code and instruction of a fenced source', async () => {
		const remote = new FaultyModel('echo')
		// Fenced, not excluded: the flagged source reaches the model, so only the filter stands between.
		const result = await gatewayWith(
			{ chatModels: { remote }, injectionPolicy: 'fence' },
			[],
			remoteRegistry(false),
		).answer(ask('What was the potassium?'))
		expect(remote.calls[0]).toContain('evil.example')
		const text = result.sentences.map((s) => s.text).join(' ')
		expect(text).not.toMatch(/evil\.example|ZX-4471/)
		expect(result.blockedSentences).toBeGreaterThan(0)
	})
})

describe('embeddings and classification', () => {
	test('the local embedder gives fixed-dimension, normalized vectors, and the call is recorded', async () => {
		const recorded: Recorded = []
		const { vectors, model } = await gatewayWith({}, recorded).embed({
			texts: ['Potassium 5.1', 'K 5.1'],
			purpose: 'document',
			requestId: 'ingest-1',
			actor: null,
		})
		expect(vectors).toHaveLength(2)
		for (const v of vectors) {
			expect(v).toHaveLength(384)
			expect(Math.hypot(...v)).toBeCloseTo(1, 6)
		}
		expect(model.local).toBe(true)
		expect(recorded.at(-1)).toMatchObject({ action: 'inference', details: { texts: 2 } })
	})

	test('documents are scanned for injected instructions as they are embedded; queries are not', async () => {
		const recorded: Recorded = []
		const g = gatewayWith({}, recorded)
		const texts = [SOURCES[0]?.text ?? '', SOURCES[2]?.text ?? '']
		const documents = await g.embed({ texts, purpose: 'document', requestId: 'i', actor: null })
		expect(documents.injection?.map((v) => v.verdict)).toEqual(['pass', 'flag'])
		expect(recorded.at(-1)?.inference?.guards).toEqual([
			{ guard: 'injection', verdict: 'flag', score: 1 },
		])
		const query = await g.embed({ texts, purpose: 'query', requestId: 'q', actor: null })
		expect(query.injection).toBeNull()
	})

	test('classification is refused to a role without it and recorded for intake staff', async () => {
		await expect(
			gatewayWith().classifyDocument({ actor: CLINICIAN, requestId: 'r', text: 'Dear Dr.' }),
		).rejects.toMatchObject({ code: GATEWAY_ERRORS.featureDenied })
		const recorded: Recorded = []
		const result = await gatewayWith({ deid: SAFE_HARBOR_DEID }, recorded).classifyDocument({
			actor: INTAKE,
			requestId: 'r',
			text: 'Dear Dr. Rivera, thank you for seeing our patient.',
		})
		expect(result).toMatchObject({ label: 'referral', auditSeq: 1, coverSheetOnly: false })
	})
})

describe('classification runs in the de-identified envelope (decision 037)', () => {
	const FAX =
		'REFERRAL\nPatient: Johanna Whitfield  DOB 04/02/1961  MRN 4471223\nPhone (555) 201-3344\nPlease evaluate her atrial fibrillation.'
	const capture = () => {
		const seen: string[] = []
		const classify = (text: string) => {
			seen.push(text)
			return {
				label: 'referral' as const,
				confidence: 0.8,
				blank: false,
				coverSheetOnly: false,
				misdirected: false,
			}
		}
		return { seen, classify }
	}

	test('the built-in registry routes classify to the de-identified envelope', () => {
		expect(LOCAL_REGISTRY.routes.classify.envelope).toBe('deidentified')
	})

	test('the local classifier sees placeholders, never the identifiers, and the ledger says so', async () => {
		const { seen, classify } = capture()
		const recorded: Recorded = []
		const result = await gatewayWith(
			{ deid: SAFE_HARBOR_DEID, classify },
			recorded,
		).classifyDocument({ actor: INTAKE, requestId: 'r', text: FAX })
		expect(seen).toHaveLength(1)
		expect(seen[0]).not.toMatch(/Whitfield|4471223|201-3344|1961/)
		expect(seen[0]).toContain('[[')
		expect(seen[0]).toContain('atrial fibrillation')
		expect(result.deidentification).toBe('certain')
		expect(recorded.at(-1)).toMatchObject({
			outcome: 'success',
			policy: 'gateway.classify.deidentified',
			inference: { envelope: 'deidentified' },
			details: { deidentification: 'certain', label: 'referral' },
		})
	})

	test('when the detector is unsure, the unsure regions are redacted and classification goes on', async () => {
		const { seen, classify } = capture()
		const policies: Array<string | undefined> = []
		const deid: Deidentifier = {
			deidentify(text, vault, options) {
				policies.push(options?.onUncertain)
				if (options?.onUncertain !== 'redact') throw new Error('uncertain')
				return { text: text.replace(/Johanna Whitfield/, '[[NAME_1]]'), vault }
			},
			restore: (text) => text,
		}
		const result = await gatewayWith({ deid, classify }).classifyDocument({
			actor: INTAKE,
			requestId: 'r',
			text: FAX,
		})
		expect(policies).toEqual([undefined, 'redact'])
		expect(seen[0]).not.toContain('Whitfield')
		expect(result).toMatchObject({ label: 'referral', deidentification: 'uncertain-redacted' })
	})

	test('text that cannot be made safe even by redacting is refused, unclassified, and recorded', async () => {
		const { seen, classify } = capture()
		const recorded: Recorded = []
		await expect(
			gatewayWith({ deid: noDeid, classify }, recorded).classifyDocument({
				actor: INTAKE,
				requestId: 'r',
				text: FAX,
			}),
		).rejects.toMatchObject({ code: GATEWAY_ERRORS.deidUncertain })
		expect(seen).toHaveLength(0)
		expect(recorded.at(-1)).toMatchObject({
			outcome: 'failed',
			details: { error: GATEWAY_ERRORS.deidUncertain },
		})
		expect(JSON.stringify(recorded)).not.toMatch(/Whitfield|4471223/)
	})

	test('a route in the PHI envelope (a configured registry) classifies the text as given', async () => {
		const { seen, classify } = capture()
		const registry = parseRegistry({
			...LOCAL_REGISTRY,
			routes: {
				...LOCAL_REGISTRY.routes,
				classify: { ...LOCAL_REGISTRY.routes.classify, envelope: 'phi' },
			},
			endpoints: LOCAL_REGISTRY.endpoints.map((e) => ({ ...e, envelope: 'phi' })),
		})
		const result = await gatewayWith({ classify }, [], registry).classifyDocument({
			actor: INTAKE,
			requestId: 'r',
			text: FAX,
		})
		expect(seen[0]).toBe(FAX)
		expect(result.deidentification).toBe('none')
	})

	test('a remote endpoint without an adapter is refused when the gateway is built', () => {
		expect(() => gatewayWith({}, [], remoteRegistry(false))).toThrow(
			expect.objectContaining({ code: GATEWAY_ERRORS.configInvalid }),
		)
	})
})
