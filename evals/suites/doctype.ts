import { readFile } from 'node:fs/promises'
import path from 'node:path'
import { z } from 'zod'
import type { Actor } from '#server/auth/scope.ts'
import { FAX_TYPES, isFaxType, type FaxType } from '#server/gateway/fax-types.ts'
import type { Gateway } from '#server/gateway/index.ts'
import { rate } from '../data.ts'
import { errorCode } from './answers.ts'

/**
 * The document-type suite: doctype*.jsonl through the gateway's `classifyDocument`, as intake
 * staff call it. Accuracy and macro-F1 over the gold labels; the confusion matrix is in the report.
 *
 * The gateway proposes fax types (decision 037). A gold label that is a fax type is scored as it
 * is; one of the MTSamples document types of doctype-mtsamples.jsonl (decision 018) is scored
 * against the fax types such a document is filed as (`LEGACY_DOCTYPE_ANSWERS`).
 */
export const doctypeCase = z.union([
	z.object({ id: z.string(), text: z.string(), label: z.string() }),
	z.object({ id: z.string(), file: z.string(), label: z.string() }),
])
export type DoctypeCase = z.infer<typeof doctypeCase> & { baseDir?: string }

export type DoctypeCaseResult = {
	id: string
	outcome: 'correct' | 'wrong' | 'error'
	/** The fax type the case is scored against (the gold label, or its mapping). */
	expected: string
	predicted: string | null
	/** The gold label as written, when it is a legacy document type. */
	gold?: string
	error?: string
}

/**
 * MTSamples document types → the fax types a correct answer may be. MTSamples files consults and
 * H&Ps under one category, office and ED notes read as progress notes, H&Ps or consults, letters
 * are mostly consult letters, and an autopsy is a pathology result.
 */
export const LEGACY_DOCTYPE_ANSWERS: Readonly<Record<string, readonly FaxType[]>> = {
	consult_history_physical: [FAX_TYPES.consultNote, FAX_TYPES.historyAndPhysical],
	radiology_report: [FAX_TYPES.imagingReport],
	progress_note: [FAX_TYPES.progressNote],
	discharge_summary: [FAX_TYPES.dischargeSummary],
	emergency_dept_report: [
		FAX_TYPES.historyAndPhysical,
		FAX_TYPES.consultNote,
		FAX_TYPES.progressNote,
	],
	office_note: [FAX_TYPES.progressNote, FAX_TYPES.consultNote, FAX_TYPES.historyAndPhysical],
	letter_correspondence: [FAX_TYPES.consultNote, FAX_TYPES.referral],
	lab_pathology_report: [FAX_TYPES.labResult],
	autopsy_report: [FAX_TYPES.labResult],
}

/** The label a prediction is scored against, and whether it is right. */
export function scoreDoctype(
	gold: string,
	predicted: string,
): { expected: string; correct: boolean; legacy: boolean } {
	const accepted = isFaxType(gold) ? undefined : LEGACY_DOCTYPE_ANSWERS[gold]
	if (!accepted) return { expected: gold, correct: predicted === gold, legacy: false }
	const correct = (accepted as readonly string[]).includes(predicted)
	return { expected: correct ? predicted : (accepted[0] as string), correct, legacy: true }
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
			const scored = scoreDoctype(c.label, result.label)
			cases.push({
				id: c.id,
				outcome: scored.correct ? 'correct' : 'wrong',
				expected: scored.expected,
				predicted: result.label,
				...(scored.legacy ? { gold: c.label } : {}),
			})
		} catch (error) {
			cases.push({
				id: c.id,
				outcome: 'error',
				expected: scoreDoctype(c.label, '').expected,
				...(isFaxType(c.label) ? {} : { gold: c.label }),
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
