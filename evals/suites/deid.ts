import { z } from 'zod'
import { score, totals } from '#tools/deid/evaluate.ts'

/**
 * The de-identification suite: deid*.jsonl scored by the gateway's own scorer
 * (tools/deid/evaluate.ts, decision 016), which maps Presidio labels to Safe Harbor
 * categories. Recall is over the Safe Harbor spans; precision over every detection.
 */
export const deidCase = z.object({
	id: z.string(),
	text: z.string(),
	spans: z.array(z.object({ start: z.number().int(), end: z.number().int(), label: z.string() })),
})
export type DeidCase = z.infer<typeof deidCase>

export type DeidMetrics = {
	recall: number
	precision: number
	by_label: Record<string, { counted: boolean; n: number; recall: number | null }>
	n: number
	cases: Array<{ id: string; outcome: 'all_found' | 'missed' }>
}

export function runDeidSuite(records: readonly DeidCase[]): DeidMetrics {
	const s = score([...records])
	const t = totals(s.recall)
	const detected = s.precision.reduce((a, r) => a + r.detected, 0)
	const correct = s.precision.reduce((a, r) => a + r.correct, 0)
	const missed = new Set(s.missedIds)
	return {
		recall: t.gold ? t.found / t.gold : 0,
		precision: detected ? correct / detected : 0,
		by_label: Object.fromEntries(
			s.recall.map((r) => [
				r.category,
				{ counted: r.counted, n: r.gold, recall: r.gold ? r.found / r.gold : null },
			]),
		),
		n: s.n,
		cases: records.map((r) => ({ id: r.id, outcome: missed.has(r.id) ? 'missed' : 'all_found' })),
	}
}
