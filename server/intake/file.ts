import { and, asc, eq, isNull } from 'drizzle-orm'
import { faxes, faxFilings, faxPages, FAX_STATUSES, type FaxType } from '#db/schema/faxes.ts'
import { AUDIT_ACTIONS } from '../audit/sink.ts'
import type { DocumentInput } from '../documents/index.ts'
import type { IntakeDeps } from './deps.ts'
import { IntakeError, INTAKE_ERRORS } from './errors.ts'
import { CHART_TYPE_OF_FAX, FAX_TYPE_LABELS, faxPageRef } from './fax-types.ts'
import { INTAKE_POLICIES, recordFaxEvent, type IntakeActor } from './record.ts'

/** One chart document to make from a fax: a page range, its type and whose chart. */
export type FilingPlan = { firstPage: number; lastPage: number; type: FaxType; patientId: string }

/** The documents service's source id of a filed page range: refiling it replaces nothing else. */
export const faxSourceId = (faxId: string, first: number, last: number) =>
	`fax:${faxId}:${first}-${last}`

/**
 * Checks a filing against the fax's pages: at least one range, each inside the fax, none
 * overlapping, none junk. Pages may be left out (a cover sheet is not part of the record).
 */
export function assertFilingPlans(plans: FilingPlan[], pageCount: number): void {
	const invalid = (message: string) => new IntakeError(INTAKE_ERRORS.decisionInvalid, message)
	if (plans.length === 0) throw invalid('Choose at least one page range to file.')
	const sorted = [...plans].sort((a, b) => a.firstPage - b.firstPage)
	let last = 0
	for (const p of sorted) {
		if (!Number.isInteger(p.firstPage) || !Number.isInteger(p.lastPage))
			throw invalid('Page ranges are whole page numbers.')
		if (p.firstPage < 1 || p.lastPage > pageCount || p.firstPage > p.lastPage)
			throw invalid(`Page ranges must lie within pages 1 to ${pageCount}.`)
		if (p.firstPage <= last) throw invalid('Page ranges must not overlap.')
		if (CHART_TYPE_OF_FAX[p.type] === null)
			throw invalid('Junk is not filed; reject the fax as junk instead.')
		last = p.lastPage
	}
}

const pagesLabel = (first: number, last: number) =>
	first === last ? `page ${first}` : `pages ${first}–${last}`

/**
 * Files a fax: each plan becomes a chart document through the documents service (chunked,
 * embedded, its OCR text scanned for injected instructions: a fax is untrusted content), one
 * section per page so a citation names the page it came from; then the filing rows and the fax's
 * status change in one transaction with their ledger events. Running it again after a crash
 * finds the documents already stored (same source id and text) and completes the rest.
 */
export async function fileFax(
	deps: IntakeDeps,
	faxId: string,
	plans: FilingPlan[],
	options: { actor: IntakeActor; requestId: string; automatic: boolean },
): Promise<{ documentIds: string[] }> {
	const [fax] = await deps.db
		.select({ pageCount: faxes.pageCount, receivedAt: faxes.receivedAt })
		.from(faxes)
		.where(eq(faxes.id, faxId))
	if (!fax) throw new IntakeError(INTAKE_ERRORS.faxNotFound, 'There is no such fax.')
	assertFilingPlans(plans, fax.pageCount)
	const pages = await deps.db
		.select({ page: faxPages.page, text: faxPages.text })
		.from(faxPages)
		.where(eq(faxPages.faxId, faxId))
		.orderBy(asc(faxPages.page))
	const received = fax.receivedAt.toISOString()
	const stored: { plan: FilingPlan; documentId: string }[] = []
	for (const plan of plans) {
		const inRange = pages.filter(
			(p) => p.page >= plan.firstPage && p.page <= plan.lastPage && p.text.trim() !== '',
		)
		if (inRange.length === 0)
			throw new IntakeError(
				INTAKE_ERRORS.decisionInvalid,
				`No text was read from ${pagesLabel(plan.firstPage, plan.lastPage)}; it cannot be filed as a chart document.`,
			)
		const doc: DocumentInput = {
			sourceSystem: 'fax',
			sourceId: faxSourceId(faxId, plan.firstPage, plan.lastPage),
			type: CHART_TYPE_OF_FAX[plan.type] ?? 'other',
			title: `${FAX_TYPE_LABELS[plan.type]} (fax, ${pagesLabel(plan.firstPage, plan.lastPage)})`,
			authoredAt: received,
			sections: inRange.map((p) => ({
				heading: `Fax page ${p.page}`,
				text: p.text,
				fhirIds: [faxPageRef(faxId, p.page)],
				date: received.slice(0, 10),
			})),
			fhirIds: inRange.map((p) => faxPageRef(faxId, p.page)),
		}
		const result = await deps.documents.store(plan.patientId, doc, {
			requestId: options.requestId,
		})
		stored.push({ plan, documentId: result.documentId })
	}
	await deps.db.transaction(async (tx) => {
		// Two people filing the same fax at once: the second finds it filed and is refused.
		const [current] = await tx
			.select({ status: faxes.status })
			.from(faxes)
			.where(eq(faxes.id, faxId))
			.for('update')
		if (current?.status === FAX_STATUSES.filed || current?.status === FAX_STATUSES.rejected)
			throw new IntakeError(
				INTAKE_ERRORS.stateConflict,
				'This fax has just been decided by someone else.',
			)
		for (const { plan, documentId } of stored) {
			await tx.insert(faxFilings).values({
				faxId,
				firstPage: plan.firstPage,
				lastPage: plan.lastPage,
				type: plan.type,
				patientId: plan.patientId,
				documentId,
				automatic: options.automatic,
				filedBy: options.actor.userId,
			})
			await recordFaxEvent(deps.audit, {
				requestId: options.requestId,
				action: AUDIT_ACTIONS.faxFile,
				actor: options.actor,
				faxId,
				patientId: plan.patientId,
				policy: options.automatic ? INTAKE_POLICIES.route : INTAKE_POLICIES.review,
				details: {
					documentId,
					faxType: plan.type,
					firstPage: plan.firstPage,
					lastPage: plan.lastPage,
					automatic: options.automatic,
				},
			})
		}
		await tx
			.update(faxes)
			.set({
				status: FAX_STATUSES.filed,
				errorCode: null,
				...(options.automatic ? {} : { decidedBy: options.actor.userId, decidedAt: new Date() }),
				updatedAt: new Date(),
			})
			.where(eq(faxes.id, faxId))
	})
	return { documentIds: stored.map((s) => s.documentId) }
}

/**
 * Takes a filed fax out of every chart it was filed to (a wrong patient): each document, its
 * chunks and embeddings are deleted through the documents service, and each filing row keeps
 * who moved it and when. The fax goes back to the review queue, to be filed again.
 */
export async function unfileFax(
	deps: IntakeDeps,
	faxId: string,
	options: { actor: IntakeActor; requestId: string },
): Promise<{ removed: number }> {
	const filings = await deps.db
		.select()
		.from(faxFilings)
		.where(and(eq(faxFilings.faxId, faxId), isNull(faxFilings.removedAt)))
	if (filings.length === 0)
		throw new IntakeError(INTAKE_ERRORS.stateConflict, 'This fax is not filed to any chart.')
	for (const filing of filings) {
		// The document first (its own transaction, its document.remove event). Should the process
		// stop before the filing row changes, the row's document id is already null (the foreign
		// key sets it) and a second run only marks it.
		if (filing.documentId)
			await deps.documents.remove(
				{ documentId: filing.documentId },
				{ requestId: options.requestId },
			)
		await deps.db.transaction(async (tx) => {
			await tx
				.update(faxFilings)
				.set({ removedAt: new Date(), removedBy: options.actor.userId, documentId: null })
				.where(eq(faxFilings.id, filing.id))
			await recordFaxEvent(deps.audit, {
				requestId: options.requestId,
				action: AUDIT_ACTIONS.faxUnfile,
				actor: options.actor,
				faxId,
				patientId: filing.patientId,
				policy: INTAKE_POLICIES.review,
				details: { filingId: filing.id, firstPage: filing.firstPage, lastPage: filing.lastPage },
			})
		})
	}
	await deps.db
		.update(faxes)
		.set({ status: FAX_STATUSES.waitingReview, updatedAt: new Date() })
		.where(eq(faxes.id, faxId))
	return { removed: filings.length }
}
