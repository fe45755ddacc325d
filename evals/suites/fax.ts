import { readFile } from 'node:fs/promises'
import path from 'node:path'
import { asc, eq, inArray } from 'drizzle-orm'
import { z } from 'zod'
import type { Database } from '#db/client.ts'
import { faxes, faxFilings, faxPages } from '#db/schema/faxes.ts'
import { patients } from '#db/schema/patients.ts'
import { SYSTEM_ACTOR } from '#server/audit/sink.ts'
import type { IntakeService } from '#server/intake/index.ts'
import { rate } from '../data.ts'
import { levenshtein, normalizeWhitespace } from '../metrics/cer.ts'
import { errorCode } from './answers.ts'
import { macroF1 } from './doctype.ts'

/**
 * The fax suite (DESIGN.md `fax.jsonl`, issue 17): each fax file through the intake pipeline as
 * the folder feed sends it (checked, stored, read by OCR or its text layer, classified through
 * the de-identified envelope, matched, routed, filed when certain), then scored against its
 * labels; each `bad-uploads.jsonl` file must be refused with a plain message and leave nothing.
 * Only ids, labels, codes and figures leave in the results.
 */
export const faxCase = z.object({
	id: z.string().min(1),
	file: z.string().min(1),
	label: z.string().min(1),
	patient: z.string().min(1).nullable(),
	pages: z.number().int().positive(),
	text: z.string(),
	/** Optional (tools/fax writes them): pixels per inch across × down, and the dev/holdout split. */
	dpi: z.tuple([z.number(), z.number()]).optional(),
	split: z.string().optional(),
})
export type FaxCase = z.infer<typeof faxCase> & { baseDir: string }

export const badUploadCase = z.object({
	id: z.string().min(1),
	file: z.string().min(1),
	problem: z.string().min(1),
})
export type BadUploadCase = z.infer<typeof badUploadCase> & { baseDir: string }

export type FaxCaseResult = {
	id: string
	outcome: 'auto_filed' | 'review' | 'failed' | 'refused' | 'error' | 'bad_refused' | 'bad_accepted'
	expected?: string
	predicted?: string | null
	route?: string | null
	wrongPatientAutoFile?: boolean
	matchTop1?: boolean | null
	cer?: number
	error?: string
}

export type FaxMetrics = {
	/** Character error rate over faxes at fax fine resolution or better (all, when unlabelled). */
	ocr_cer: number
	/** Over every page of every fax. */
	ocr_cer_all: number
	accuracy: number
	macro_f1: number
	/** Share of the faxes whose patient is in the charts that were filed without a person. */
	auto_file_rate: number
	/** Faxes filed without a person to a patient other than theirs (or concerning nobody). */
	wrong_patient_auto_files: number
	/** Of the faxes whose patient is in the charts: the best candidate is that patient. */
	match_top1_accuracy: number
	review_rate: number
	bad_files_refused: number
	n: number
	cases: FaxCaseResult[]
}

/** Edits and reference characters of one fax (whitespace-normalized), to pool into a CER. */
function characterErrors(reference: string, hypothesis: string) {
	const ref = normalizeWhitespace(reference)
	return { errors: levenshtein(ref, normalizeWhitespace(hypothesis)), chars: ref.length }
}

export async function runFaxSuite(options: {
	intake: IntakeService
	/** The evaluation's system handle, to read outcomes and map FHIR ids to rows. */
	db: Database
	cases: readonly FaxCase[]
	bad: readonly BadUploadCase[]
	onCase?: () => void
}): Promise<FaxMetrics> {
	const { db, intake } = options
	const results: FaxCaseResult[] = []
	const pairs: { expected: string; predicted: string | null }[] = []
	const cer = { all: { errors: 0, chars: 0 }, fine: { errors: 0, chars: 0 } }
	let inCharts = 0
	let autoFiledInCharts = 0
	let top1 = 0
	let reviews = 0
	let wrongPatient = 0

	const fhirIds = [...new Set(options.cases.flatMap((c) => (c.patient ? [c.patient] : [])))]
	const rows = fhirIds.length
		? await db
				.select({ id: patients.id, fhirId: patients.fhirId })
				.from(patients)
				.where(inArray(patients.fhirId, fhirIds))
		: []
	const rowOf = new Map(rows.map((r) => [r.fhirId, r.id]))

	for (const c of options.cases) {
		const goldPatient = c.patient ? (rowOf.get(c.patient) ?? null) : null
		try {
			const bytes = await readFile(path.resolve(c.baseDir, c.file))
			const receipt = await intake.receive(
				{ fileName: path.basename(c.file), bytes },
				{ actor: SYSTEM_ACTOR, source: 'folder', requestId: `eval-fax-${c.id}` },
			)
			if (receipt.outcome === 'refused') {
				results.push({ id: c.id, outcome: 'refused', error: receipt.code })
				pairs.push({ expected: c.label, predicted: null })
				continue
			}
			const [fax] = await db.select().from(faxes).where(eq(faxes.id, receipt.faxId))
			if (!fax) throw new Error('the received fax has no row')
			const pages = await db
				.select({ text: faxPages.text })
				.from(faxPages)
				.where(eq(faxPages.faxId, fax.id))
				.orderBy(asc(faxPages.page))
			const filings = await db
				.select({ patientId: faxFilings.patientId, automatic: faxFilings.automatic })
				.from(faxFilings)
				.where(eq(faxFilings.faxId, fax.id))
			const read = pages.map((p) => p.text).join('\f')
			const e = characterErrors(c.text, read)
			cer.all.errors += e.errors
			cer.all.chars += e.chars
			// Fine: fax fine resolution (196 dpi down) or better; a text PDF's layer is not OCR.
			const [, down] = c.dpi ?? [0, 200]
			if (down >= 196) {
				cer.fine.errors += e.errors
				cer.fine.chars += e.chars
			}
			const auto = filings.some((f) => f.automatic)
			const wrong = filings.some((f) => f.automatic && f.patientId !== goldPatient)
			if (wrong) wrongPatient++
			const best = fax.candidates[0]?.patientId ?? null
			const matchTop1 = goldPatient ? best === goldPatient : null
			if (goldPatient) {
				inCharts++
				if (auto && !wrong) autoFiledInCharts++
				if (matchTop1) top1++
			}
			if (fax.status === 'waiting_review') reviews++
			pairs.push({ expected: c.label, predicted: fax.proposedType })
			results.push({
				id: c.id,
				outcome: fax.status === 'failed' ? 'failed' : auto ? 'auto_filed' : 'review',
				expected: c.label,
				predicted: fax.proposedType,
				route: fax.routeReason,
				wrongPatientAutoFile: wrong,
				matchTop1,
				cer: Number(rate(e.errors, e.chars).toFixed(4)),
				...(fax.errorCode ? { error: fax.errorCode } : {}),
			})
		} catch (error) {
			pairs.push({ expected: c.label, predicted: null })
			results.push({ id: c.id, outcome: 'error', error: errorCode(error) })
		}
		options.onCase?.()
	}

	let refused = 0
	for (const b of options.bad) {
		try {
			const bytes = await readFile(path.resolve(b.baseDir, b.file))
			const receipt =
				bytes.byteLength > intake.limits.maxFileBytes
					? { outcome: 'refused' as const, code: 'INTAKE_FILE_TOO_LARGE' }
					: await intake.receive(
							{ fileName: path.basename(b.file), bytes },
							{ actor: SYSTEM_ACTOR, source: 'folder', requestId: `eval-bad-${b.id}` },
						)
			if (receipt.outcome === 'refused') refused++
			results.push({
				id: b.id,
				outcome: receipt.outcome === 'refused' ? 'bad_refused' : 'bad_accepted',
				expected: b.problem,
				predicted: receipt.outcome === 'refused' ? receipt.code : receipt.outcome,
			})
		} catch (error) {
			results.push({ id: b.id, outcome: 'error', expected: b.problem, error: errorCode(error) })
		}
		options.onCase?.()
	}

	const n = options.cases.length
	return {
		ocr_cer: rate(cer.fine.errors, cer.fine.chars),
		ocr_cer_all: rate(cer.all.errors, cer.all.chars),
		accuracy: rate(pairs.filter((p) => p.predicted === p.expected).length, pairs.length),
		macro_f1: macroF1(pairs),
		auto_file_rate: rate(autoFiledInCharts, inCharts),
		wrong_patient_auto_files: wrongPatient,
		match_top1_accuracy: rate(top1, inCharts),
		review_rate: rate(reviews, n),
		bad_files_refused: rate(refused, options.bad.length),
		n,
		cases: results,
	}
}
