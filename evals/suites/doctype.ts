import { readFile } from 'node:fs/promises'
import path from 'node:path'
import { z } from 'zod'
import type { Actor } from '#server/auth/scope.ts'
import type { Gateway } from '#server/gateway/index.ts'
import { rate } from '../data.ts'
import { errorCode } from './answers.ts'

/**
 * The document-type suite: doctype*.jsonl through the gateway's `classifyDocument`, as intake
 * staff call it. Accuracy and macro-F1 over the gold labels; the confusion matrix is in the report.
 */
export const doctypeCase = z.union([
	z.object({ id: z.string(), text: z.string(), label: z.string() }),
	z.object({ id: z.string(), file: z.string(), label: z.string() }),
])
export type DoctypeCase = z.infer<typeof doctypeCase> & { baseDir?: string }

export type DoctypeCaseResult = {
	id: string
	outcome: 'correct' | 'wrong' | 'error'
	expected: string
	predicted: string | null
	error?: string
}

export type DoctypeMetrics = {
	accuracy: number
	macro_f1: number
	n: number
	cases: DoctypeCaseResult[]
}

/** Macro-F1 over the gold labels (a label only ever predicted adds no class, only false positives). */
export function macroF1(pairs: ReadonlyArray<{ expected: string; predicted: string | null }>) {
	const labels = [...new Set(pairs.map((p) => p.expected))]
	if (labels.length === 0) return 0
	let sum = 0
	for (const label of labels) {
		const tp = pairs.filter((p) => p.expected === label && p.predicted === label).length
		const fp = pairs.filter((p) => p.expected !== label && p.predicted === label).length
		const fn = pairs.filter((p) => p.expected === label && p.predicted !== label).length
		sum += tp === 0 ? 0 : (2 * tp) / (2 * tp + fp + fn)
	}
	return sum / labels.length
}

export async function runDoctypeSuite(options: {
	gateway: Pick<Gateway, 'classifyDocument'>
	actor: Actor
	cases: readonly DoctypeCase[]
	onCase?: () => void
}): Promise<DoctypeMetrics> {
	const cases: DoctypeCaseResult[] = []
	for (const c of options.cases) {
		try {
			const text =
				'text' in c ? c.text : await readFile(path.resolve(c.baseDir ?? '.', c.file), 'utf8')
			const result = await options.gateway.classifyDocument({
				actor: options.actor,
				requestId: `eval-doctype-${c.id}`,
				text,
			})
			cases.push({
				id: c.id,
				outcome: result.label === c.label ? 'correct' : 'wrong',
				expected: c.label,
				predicted: result.label,
			})
		} catch (error) {
			cases.push({
				id: c.id,
				outcome: 'error',
				expected: c.label,
				predicted: null,
				error: errorCode(error),
			})
		}
		options.onCase?.()
	}
	return {
		accuracy: rate(cases.filter((c) => c.outcome === 'correct').length, cases.length),
		macro_f1: macroF1(cases),
		n: cases.length,
		cases,
	}
}
