import { asc, eq } from 'drizzle-orm'
import { faxes, faxPages, FAX_STATUSES, FAX_TEXT_SOURCES, ROUTE_REASONS } from '#db/schema/faxes.ts'
import { AUDIT_ACTIONS } from '../audit/sink.ts'
import { isAppError } from '../platform/errors.ts'
import type { IntakeDeps } from './deps.ts'
import { INTAKE_ERRORS } from './errors.ts'
import { isFaxType, type FaxType } from './fax-types.ts'
import { fileFax } from './file.ts'
import { readFaxPage } from './files/index.ts'
import { extractDemographics, findCandidateRecords, scoreCandidates } from './match/index.ts'
import { INTAKE_POLICIES, recordFaxEvent } from './record.ts'
import { routeFax } from './route.ts'

/** Form feed between pages, as in DESIGN.md's fax.jsonl. */
export const PAGE_BREAK = '\f'

/** Less text than this over all pages: nothing to classify or match (a blank or unreadable fax). */
const MIN_TEXT = 20

type Attempt = { requestId: string; signal?: AbortSignal; lastAttempt: boolean }

/**
 * The read job of one fax (JOB_KINDS.intakeRead): every page split from the original, normalized
 * and read (its PDF text layer, or OCR), stored one page at a time so a killed worker or a
 * restarted database resumes after the last stored page; then classified (through the gateway,
 * de-identified), matched and routed. Idempotent: a fax already decided is left alone.
 *
 * A page that cannot be decoded fails the fax at once (its code kept, the original kept, a person
 * can retry); an engine or database failure is thrown for the queue to retry, and marks the fax
 * failed only on the last attempt.
 */
/** How a read job ended: counts and flags only (a job's output is kept on the job). */
export type ProcessOutcome = { skipped: boolean; failed: boolean; filed: boolean }

const outcome = (o: Partial<ProcessOutcome>): ProcessOutcome => ({
	skipped: false,
	failed: false,
	filed: false,
	...o,
})

export async function processFax(
	deps: IntakeDeps,
	faxId: string,
	attempt: Attempt,
): Promise<ProcessOutcome> {
	const [fax] = await deps.db
		.select({
			status: faxes.status,
			fileKind: faxes.fileKind,
			pageCount: faxes.pageCount,
			pagesRead: faxes.pagesRead,
		})
		.from(faxes)
		.where(eq(faxes.id, faxId))
	if (!fax) return outcome({ skipped: true })
	if (
		fax.status === FAX_STATUSES.filed ||
		fax.status === FAX_STATUSES.rejected ||
		fax.status === FAX_STATUSES.waitingReview
	)
		return outcome({ skipped: true })
	try {
		await readPages(deps, faxId, fax, attempt)
		return await analyze(deps, faxId, attempt)
	} catch (error) {
		const code = isAppError(error) ? error.code : null
		const permanent =
			code !== null && code.startsWith('INTAKE_') && code !== INTAKE_ERRORS.ocrFailed
		if (!permanent && !attempt.lastAttempt) throw error
		await markFailed(
			deps,
			faxId,
			code?.startsWith('INTAKE_') ? code : INTAKE_ERRORS.analysisFailed,
			attempt,
		)
		return outcome({ failed: true })
	}
}

async function markFailed(deps: IntakeDeps, faxId: string, code: string, attempt: Attempt) {
	await deps.db.transaction(async (tx) => {
		await tx
			.update(faxes)
			.set({ status: FAX_STATUSES.failed, errorCode: code, updatedAt: new Date() })
			.where(eq(faxes.id, faxId))
		await recordFaxEvent(deps.audit, {
			requestId: attempt.requestId,
			action: AUDIT_ACTIONS.faxRead,
			actor: SYSTEM,
			faxId,
			policy: INTAKE_POLICIES.read,
			outcome: 'failed',
			details: { errorCode: code },
		})
	})
}

const SYSTEM = { userId: null, role: null, sessionId: null } as const

async function readPages(
	deps: IntakeDeps,
	faxId: string,
	fax: { fileKind: string; pageCount: number; pagesRead: number },
	attempt: Attempt,
) {
	if (fax.pagesRead >= fax.pageCount) return
	await deps.db
		.update(faxes)
		.set({ status: FAX_STATUSES.reading, errorCode: null, updatedAt: new Date() })
		.where(eq(faxes.id, faxId))
	const [row] = await deps.db
		.select({ original: faxes.original })
		.from(faxes)
		.where(eq(faxes.id, faxId))
	if (!row) return
	const bytes = new Uint8Array(row.original)
	let ocrPages = 0
	let confidenceSum = 0
	const started = Date.now()
	for (let page = fax.pagesRead + 1; page <= fax.pageCount; page++) {
		if (attempt.signal?.aborted) throw attempt.signal.reason
		const image = await readFaxPage(
			bytes,
			fax.fileKind as Parameters<typeof readFaxPage>[1],
			page - 1,
			deps.limits,
		)
		let text: string
		let confidence: number
		let source: (typeof FAX_TEXT_SOURCES)[keyof typeof FAX_TEXT_SOURCES]
		if (image.textLayer !== null) {
			text = image.textLayer
			confidence = 1
			source = FAX_TEXT_SOURCES.textLayer
		} else {
			const engine = await deps.ocr()
			const read = await engine.recognize(image.png, attempt.signal)
			text = read.text
			confidence = read.confidence
			source = FAX_TEXT_SOURCES.ocr
			ocrPages++
		}
		confidenceSum += confidence
		await deps.db.transaction(async (tx) => {
			await tx
				.insert(faxPages)
				.values({
					faxId,
					page,
					image: image.png,
					width: image.width,
					height: image.height,
					text,
					confidence,
					textSource: source,
				})
				.onConflictDoNothing()
			await tx
				.update(faxes)
				.set({ pagesRead: page, updatedAt: new Date() })
				.where(eq(faxes.id, faxId))
		})
	}
	const read = fax.pageCount - fax.pagesRead
	await recordFaxEvent(deps.audit, {
		requestId: attempt.requestId,
		action: AUDIT_ACTIONS.faxRead,
		actor: SYSTEM,
		faxId,
		policy: INTAKE_POLICIES.read,
		details: {
			pages: read,
			ocrPages,
			meanConfidence: read ? Number((confidenceSum / read).toFixed(3)) : null,
			ms: Date.now() - started,
		},
	})
}

/** All pages' text, joined by form feeds. */
export async function faxText(deps: Pick<IntakeDeps, 'db'>, faxId: string): Promise<string> {
	const pages = await deps.db
		.select({ text: faxPages.text })
		.from(faxPages)
		.where(eq(faxPages.faxId, faxId))
		.orderBy(asc(faxPages.page))
	return pages.map((p) => p.text).join(PAGE_BREAK)
}

async function analyze(deps: IntakeDeps, faxId: string, attempt: Attempt): Promise<ProcessOutcome> {
	await deps.db
		.update(faxes)
		.set({ status: FAX_STATUSES.analyzing, updatedAt: new Date() })
		.where(eq(faxes.id, faxId))
	const text = await faxText(deps, faxId)
	const [fax] = await deps.db
		.select({ pageCount: faxes.pageCount })
		.from(faxes)
		.where(eq(faxes.id, faxId))
	const pageCount = fax?.pageCount ?? 0

	let type: FaxType | null = null
	let confidence: number | null = null
	let model: string | null = null
	if (text.replace(/\s+/g, '').length >= MIN_TEXT) {
		try {
			const result = await deps.gateway.classifyDocument({
				actor: null,
				requestId: attempt.requestId,
				text,
			})
			if (isFaxType(result.label)) {
				type = result.label
				confidence = result.confidence
				model = `${result.model.endpoint}/${result.model.model}`
			}
		} catch (error) {
			// The gateway refused (a guard, de-identification unsure, the endpoint down): the fax
			// waits for a person, who can read it; its code goes to the log, no text.
			deps.log.warn('intake.classify_failed', {
				faxId,
				errorCode: isAppError(error) ? error.code : 'unknown',
			})
		}
	}
	const { demographics, spans } = extractDemographics(text)
	const records = await findCandidateRecords(deps.db, demographics)
	const candidates = scoreCandidates(demographics, records)
	const route =
		text.replace(/\s+/g, '').length < MIN_TEXT
			? ({ kind: 'review', reason: ROUTE_REASONS.noText } as const)
			: routeFax(
					{ type, confidence, grades: candidates.map((c) => c.grade) },
					deps.autoFileMinConfidence,
				)
	await deps.db.transaction(async (tx) => {
		await tx
			.update(faxes)
			.set({
				proposedType: type,
				typeConfidence: confidence,
				classifierModel: model,
				candidates: candidates.map((c) => ({
					patientId: c.patientId,
					score: c.score,
					grade: c.grade,
					evidence: c.evidence,
				})),
				foundSpans: spans,
				routeReason: route.reason,
				status: route.kind === 'file' ? FAX_STATUSES.analyzing : FAX_STATUSES.waitingReview,
				updatedAt: new Date(),
			})
			.where(eq(faxes.id, faxId))
		await recordFaxEvent(deps.audit, {
			requestId: attempt.requestId,
			action: AUDIT_ACTIONS.faxRoute,
			actor: SYSTEM,
			faxId,
			policy: INTAKE_POLICIES.route,
			details: {
				route: route.reason,
				faxType: type,
				confidence: confidence === null ? null : Number(confidence.toFixed(4)),
				candidates: candidates.length,
				bestGrade: candidates[0]?.grade ?? null,
			},
		})
	})
	const best = candidates[0]
	if (route.kind === 'file' && type && best) {
		await fileFax(
			deps,
			faxId,
			[{ firstPage: 1, lastPage: pageCount, type, patientId: best.patientId }],
			{ actor: SYSTEM, requestId: attempt.requestId, automatic: true },
		)
		return outcome({ filed: true })
	}
	return outcome({})
}

/** A fax's status and codes on the system path (the intake command's report): no content. */
export async function faxStatus(deps: Pick<IntakeDeps, 'db'>, faxId: string) {
	const [row] = await deps.db
		.select({ status: faxes.status, routeReason: faxes.routeReason, errorCode: faxes.errorCode })
		.from(faxes)
		.where(eq(faxes.id, faxId))
	return row ?? null
}
