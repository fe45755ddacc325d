/**
 * Gateway benchmarks: the overhead the gateway adds to a model call in-process (total time minus
 * the provider's own time, measured around a model that answers at once), and the guards plus
 * de-identification on one 2,000-token chunk; and the same gateway over HTTP (bench/gateway-http.ts).
 */
import { SimpleChatModel } from '@langchain/core/language_models/chat_models'
import { deidentify } from '#server/gateway/deid/tokenize.ts'
import { createGateway } from '#server/gateway/gateway.ts'
import { verifyCitations } from '#server/gateway/guards/citations.ts'
import { scoreInjection } from '#server/gateway/guards/injection.ts'
import { filterOutput } from '#server/gateway/guards/output-filter.ts'
import { localProviders, passesInjectionGuard } from '#server/gateway/index.ts'
import { LOCAL_REGISTRY, parseRegistry } from '#server/gateway/registry.ts'
import { createLogger } from '#server/log.ts'
import { benchGatewayHttp } from './gateway-http.ts'
import { measure, summarize, type Sample } from './harness.ts'

/** Answers at once with a fixed cited sentence, timing itself. */
class InstantModel extends SimpleChatModel {
	providerMs: number[] = []
	_llmType() {
		return 'instant'
	}
	async _call(): Promise<string> {
		const start = performance.now()
		const text = 'Potassium was 5.1 mmol/L on 2026-10-02. [c1]'
		this.providerMs.push(performance.now() - start)
		return text
	}
}

// Synthetic clinical prose (no real patient): varied paragraphs (names, places, dates, numbers
// differ), cycled to about 2,000 tokens (~8,000 characters), so per-spelling work is not flattered.
const PARAGRAPHS = [
	'Mrs. Jane Doe, a 67-year-old woman, was seen in clinic on 03/14/2026 for follow-up of hypertension and type 2 diabetes. Blood pressure was 142/88 and heart rate 76. Potassium was 5.1 mmol/L and creatinine 1.1 mg/dL. She takes lisinopril 10 mg daily and metformin 500 mg twice daily. Plan: recheck basic metabolic panel in two weeks; call 555-010-2000 with questions. ',
	'Mr. Tobias Quillan, 54, of 1840 Harbor View Road, Portsmouth, NH 03801, presented to the emergency department on January 9, 2026 with chest pain radiating to the left arm. Troponin I was 0.02 ng/mL, then 0.03 ng/mL. ECG showed sinus rhythm without ST elevation. He was admitted to telemetry under Dr. Amara Okafor. ',
	'Discharge summary for Lucia Fernández-Ortega (MRN 4471-2290), admitted 2026-02-11 and discharged 2026-02-15. Diagnosis: community-acquired pneumonia of the right lower lobe. Treated with ceftriaxone and azithromycin; afebrile since hospital day 2. Follow up with her primary care physician, Dr. Wen Zhao, at Riverside Family Medicine within one week. ',
	'Referral: please see Kwame Mensah, DOB 07/22/1961, for evaluation of progressive dyspnea on exertion. Echocardiogram on 12/02/2025 showed an ejection fraction of 35 percent. Insurance member ID HPX-88231-07. Contact his daughter Abena at (603) 555-0147 or abena.mensah@example.org. ',
	'Progress note: patient reports improved sleep and appetite. Sertraline increased to 100 mg daily on 3 March. PHQ-9 score fell from 17 to 9. No suicidal ideation. Next visit in six weeks at the Elm Street clinic, Suite 210. ',
]
const PROSE = PARAGRAPHS[0] ?? ''
const CHUNK = PARAGRAPHS.join('')
	.repeat(Math.ceil(8_000 / PARAGRAPHS.join('').length))
	.slice(0, 8_000)

export async function benchGateway(options: {
	iterations: number
	warmup: number
	log: (line: string) => void
}): Promise<{ samples: Sample[]; notes: string[] }> {
	const model = new InstantModel({})
	const local = localProviders(passesInjectionGuard)
	let seq = 0
	const gateway = createGateway({
		registry: parseRegistry({
			endpoints: [
				{
					id: 'instant',
					provider: 'openai-compatible',
					baseUrl: 'http://127.0.0.1:9/v1',
					model: 'instant',
					baaCovered: true,
					envelope: 'phi',
					retention: 'store-false',
				},
				...LOCAL_REGISTRY.endpoints,
			],
			routes: { ...LOCAL_REGISTRY.routes, answer: { envelope: 'phi', endpoints: ['instant'] } },
		}),
		audit: { append: async () => ++seq },
		log: createLogger('silent'),
		injection: scoreInjection,
		deid: { deidentify: () => ({ text: '', vault: null }), restore: (t) => t },
		classify: () => ({
			label: 'referral',
			confidence: 1,
			blank: false,
			coverSheetOnly: false,
			misdirected: false,
		}),
		chatModels: { instant: model, ...local.chatModels },
		embeddings: local.embeddings,
	})
	const sources = Array.from({ length: 8 }, (_, i) => ({
		id: `c${i + 1}`,
		text: i === 0 ? 'Potassium was 5.1 mmol/L on 2026-10-02.' : PROSE.slice(0, 400),
	}))
	options.log('  gateway.answer in-process, 8 sources, a model that answers at once')
	const totals = await measure(
		() =>
			gateway.answer({
				actor: { userId: 'u', role: 'clinician', sessionId: null },
				requestId: 'bench',
				patientId: '3f0b6a8e-1c2d-4e5f-8a9b-0c1d2e3f4a5b',
				question: 'What was the potassium?',
				sources,
			}),
		options,
	)
	const provider = model.providerMs.slice(-totals.length)
	const overhead = totals.map((t, i) => Math.max(0, t - (provider[i] ?? 0)))

	options.log('  guards and de-identification on one 2,000-token chunk')
	const chunkSources = [{ id: 'c1', text: CHUNK, flagged: false }]
	const injectionMs = await measure(async () => scoreInjection(CHUNK), options)
	const outputMs = await measure(async () => {
		const report = verifyCitations(`${PROSE.slice(0, 200)} [c1]`, chunkSources)
		filterOutput(report.sentences, chunkSources)
	}, options)
	const deidMs = await measure(async () => {
		try {
			deidentify(CHUNK, { onUncertain: 'redact' })
		} catch {
			// a refusal costs what detection cost; the time is what is measured
		}
	}, options)
	const all = injectionMs.map((t, i) => t + (outputMs[i] ?? 0) + (deidMs[i] ?? 0))
	const params = { mode: 'in-process' }
	const http = await benchGatewayHttp({
		gateway,
		providerMs: model.providerMs,
		sources,
		ratePerSecond: 200,
		requests: Math.max(1_000, options.iterations),
		log: options.log,
	})
	return {
		samples: [
			summarize(
				'gateway',
				'overhead of gateway.answer (total − provider), in-process',
				overhead,
				params,
			),
			summarize('gateway', 'injection guard, one 2,000-token chunk', injectionMs, params),
			summarize('gateway', 'citation check + output filter, one answer sentence', outputMs, params),
			summarize('gateway', 'de-identification, one 2,000-token chunk', deidMs, params),
			summarize('gateway', 'guards + de-identification, one 2,000-token chunk', all, params),
			...http.samples,
		],
		notes: [
			'gateway overhead: an instant in-process model behind the OpenAI-compatible route, the injection guard on 8 sources, prompt rendering, citation check, output filter and a no-op audit sink.',
			...http.notes,
		],
	}
}
