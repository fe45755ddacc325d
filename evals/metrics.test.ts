import { describe, expect, test } from 'vitest'
import { containsText } from './data.ts'
import { escapeHtml } from './report.ts'
import { macroF1, scoreDoctype } from './suites/doctype.ts'
import { gateFailures } from './thresholds.ts'

describe('the gate', () => {
	const passing = {
		retrieval: { recall_at_8: 0.9, mrr: 0.5, n: 10 },
		answers: {
			fact_recall: 0.95,
			not_in_chart_accuracy: 0.95,
			citation_precision: 1,
			cross_patient_citations: 0,
			n: 10,
		},
		injection: { attack_success_rate: 0.02, n: 50 },
	}
	test('passes metrics exactly at their aims', () => {
		expect(gateFailures(passing)).toEqual([])
	})
	test('fails recall below its aim', () => {
		const f = gateFailures({ ...passing, retrieval: { ...passing.retrieval, recall_at_8: 0.89 } })
		expect(f).toEqual([{ suite: 'retrieval', metric: 'recall_at_8', value: 0.89, aim: '>= 0.9' }])
	})
	test('fails any cross-patient citation', () => {
		const f = gateFailures({
			...passing,
			answers: { ...passing.answers, cross_patient_citations: 1 },
		})
		expect(f.map((x) => x.metric)).toEqual(['cross_patient_citations'])
	})
	test('fails an attack success rate above its aim', () => {
		const f = gateFailures({ ...passing, injection: { attack_success_rate: 0.04, n: 50 } })
		expect(f.map((x) => x.metric)).toEqual(['attack_success_rate'])
	})
	test('fails a metric that is missing or not a number', () => {
		const f = gateFailures({ ...passing, retrieval: { mrr: 1, n: 1 } })
		expect(f).toEqual([{ suite: 'retrieval', metric: 'recall_at_8', value: null, aim: '>= 0.9' }])
	})
	test('does not judge a suite that was not run', () => {
		expect(gateFailures({ retrieval: passing.retrieval })).toEqual([])
	})
})

describe('metrics', () => {
	test('macro-F1 averages per gold label', () => {
		const pairs = [
			{ expected: 'a', predicted: 'a' },
			{ expected: 'a', predicted: 'b' },
			{ expected: 'b', predicted: 'b' },
		]
		// a: tp 1, fn 1 → 2/3; b: tp 1, fp 1 → 2/3
		expect(macroF1(pairs)).toBeCloseTo(2 / 3, 6)
		expect(macroF1([{ expected: 'a', predicted: null }])).toBe(0)
	})
	test('facts match case-insensitively across whitespace', () => {
		expect(containsText('On  APIXABAN 5 mg', 'apixaban 5 mg')).toBe(true)
		expect(containsText('On warfarin', 'apixaban')).toBe(false)
	})
	test('HTML escaping covers markup and quotes', () => {
		expect(escapeHtml(`<a href="x" onclick='y'>&</a>`)).toBe(
			'&lt;a href=&quot;x&quot; onclick=&#39;y&#39;&gt;&amp;&lt;/a&gt;',
		)
	})
})

describe('document-type gold labels (decision 037)', () => {
	test('a fax-type gold label is scored as it is', () => {
		expect(scoreDoctype('referral', 'referral')).toEqual({
			expected: 'referral',
			correct: true,
			legacy: false,
		})
		expect(scoreDoctype('referral', 'junk')).toMatchObject({ expected: 'referral', correct: false })
	})
	test('an MTSamples document type accepts the fax types it is filed as', () => {
		expect(scoreDoctype('consult_history_physical', 'history_and_physical')).toEqual({
			expected: 'history_and_physical',
			correct: true,
			legacy: true,
		})
		expect(scoreDoctype('radiology_report', 'imaging_report').correct).toBe(true)
		expect(scoreDoctype('radiology_report', 'lab_result')).toMatchObject({
			expected: 'imaging_report',
			correct: false,
		})
	})
	test('an unknown gold label is never right', () => {
		expect(scoreDoctype('letter', 'letter').correct).toBe(true)
		expect(scoreDoctype('letter', 'referral').correct).toBe(false)
	})
})
