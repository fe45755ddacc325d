import { and, asc, desc, eq, ilike, inArray, or, sql } from 'drizzle-orm'
import {
	faxes,
	faxFilings,
	faxPages,
	FAX_STATUSES,
	type FaxStatus,
	type FoundSpan,
	type StoredCandidate,
} from '#db/schema/faxes.ts'
import { patients } from '#db/schema/patients.ts'
import { AUDIT_ACTIONS, AUDIT_COMPONENTS, type AuditEvent, type AuditSink } from '../audit/sink.ts'
import type { PatientData } from '../auth/patient-data.ts'
import { recordAccess } from '../auth/record-access.ts'
import type { Logger } from '../log.ts'
import { isUuid } from '../platform/ids.ts'
import { IntakeError, INTAKE_ERRORS } from './errors.ts'
import { INTAKE_POLICIES } from './record.ts'

/**
 * What intake staff and clinicians read of faxes, always through the request's PatientData
 * (row-level security, migration 0008): intake staff see every fax and the roster's demographics,
 * never chart content; a clinician sees a filed page of a patient they may see. Every view of a
 * fax's content is a ledger read event.
 */

type Readers = { audit: AuditSink; log: Logger }

/** A read by an intake clerk or clinician, recorded before what was read is returned. */
const recordRead = (
	data: PatientData,
	deps: Readers,
	requestId: string,
	resource: AuditEvent['resource'],
	details: AuditEvent['details'],
) =>
	recordAccess(deps.audit, deps.log, {
		requestId,
		component: AUDIT_COMPONENTS.intake,
		action: AUDIT_ACTIONS.phiRead,
		actor: data.actor,
		resource,
		decision: 'allow',
		policy: INTAKE_POLICIES.review,
		details,
	})

/** A fax on the intake screen: where it is, no content. */
export type FaxRow = {
	id: string
	fileName: string
	fileKind: string
	pageCount: number
	pagesRead: number
	status: FaxStatus
	errorCode: string | null
	proposedType: string | null
	typeConfidence: number | null
	routeReason: string | null
	receivedAt: string
	updatedAt: string
}

const faxRowColumns = {
	id: faxes.id,
	fileName: faxes.fileName,
	fileKind: faxes.fileKind,
	pageCount: faxes.pageCount,
	pagesRead: faxes.pagesRead,
	status: faxes.status,
	errorCode: faxes.errorCode,
	proposedType: faxes.proposedType,
	typeConfidence: faxes.typeConfidence,
	routeReason: faxes.routeReason,
	receivedAt: faxes.receivedAt,
	updatedAt: faxes.updatedAt,
}

const toRow = (r: {
	[K in keyof typeof faxRowColumns]: (typeof faxRowColumns)[K]['_']['data'] | null
}): FaxRow => ({
	id: r.id!,
	fileName: r.fileName!,
	fileKind: r.fileKind!,
	pageCount: r.pageCount!,
	pagesRead: r.pagesRead!,
	status: r.status as FaxStatus,
	errorCode: r.errorCode,
	proposedType: r.proposedType,
	typeConfidence: r.typeConfidence,
	routeReason: r.routeReason,
	receivedAt: r.receivedAt!.toISOString(),
	updatedAt: r.updatedAt!.toISOString(),
})

/** The intake screen: faxes in work and the latest finished ones, newest first. */
export async function listRecentFaxes(data: PatientData, limit = 50): Promise<FaxRow[]> {
	const rows = await data.read((tx) =>
		tx.select(faxRowColumns).from(faxes).orderBy(desc(faxes.receivedAt)).limit(limit),
	)
	return rows.map(toRow)
}

/** The review queue: faxes waiting for a person (and failed ones), oldest first. */
export async function listReviewQueue(data: PatientData, limit = 200): Promise<FaxRow[]> {
	const rows = await data.read((tx) =>
		tx
			.select(faxRowColumns)
			.from(faxes)
			.where(inArray(faxes.status, [FAX_STATUSES.waitingReview, FAX_STATUSES.failed]))
			.orderBy(asc(faxes.receivedAt))
			.limit(limit),
	)
	return rows.map(toRow)
}

export type CandidateView = StoredCandidate & {
	name: string
	birthDate: string
	mrn: string
	phone: string | null
}

export type FaxReview = {
	fax: FaxRow
	pages: { page: number; text: string; confidence: number; textSource: string }[]
	/** Offsets into the pages' text joined by form feeds. */
	foundSpans: FoundSpan[]
	candidates: CandidateView[]
	filings: {
		id: string
		firstPage: number
		lastPage: number
		type: string
		patientId: string
		patientName: string
		automatic: boolean
		filedAt: string
		removedAt: string | null
	}[]
}

/**
 * One fax for the review screen: its pages' text, where the demographics were found, the
 * candidates with their demographics and the evidence for each, and its filings. Recorded as a
 * read of the fax (and of each candidate patient's demographics) before it is returned.
 */
export async function readFaxForReview(
	data: PatientData,
	deps: { audit: AuditSink; log: Logger },
	faxId: string,
	requestId: string,
): Promise<FaxReview> {
	if (!isUuid(faxId)) throw new IntakeError(INTAKE_ERRORS.faxNotFound, 'There is no such fax.')
	const review = await data.read(async (tx) => {
		const [fax] = await tx
			.select({ ...faxRowColumns, foundSpans: faxes.foundSpans, candidates: faxes.candidates })
			.from(faxes)
			.where(eq(faxes.id, faxId))
		if (!fax) return null
		const pages = await tx
			.select({
				page: faxPages.page,
				text: faxPages.text,
				confidence: faxPages.confidence,
				textSource: faxPages.textSource,
			})
			.from(faxPages)
			.where(eq(faxPages.faxId, faxId))
			.orderBy(asc(faxPages.page))
		const ids = fax.candidates.map((c) => c.patientId)
		const filingRows = await tx
			.select({
				id: faxFilings.id,
				firstPage: faxFilings.firstPage,
				lastPage: faxFilings.lastPage,
				type: faxFilings.type,
				patientId: faxFilings.patientId,
				automatic: faxFilings.automatic,
				filedAt: faxFilings.filedAt,
				removedAt: faxFilings.removedAt,
			})
			.from(faxFilings)
			.where(eq(faxFilings.faxId, faxId))
			.orderBy(asc(faxFilings.filedAt), asc(faxFilings.firstPage))
		const people = await tx
			.select({
				id: patients.id,
				givenName: patients.givenName,
				familyName: patients.familyName,
				birthDate: patients.birthDate,
				mrn: patients.mrn,
				phone: patients.phone,
			})
			.from(patients)
			.where(inArray(patients.id, [...ids, ...filingRows.map((f) => f.patientId)]))
		const byId = new Map(people.map((p) => [p.id, p]))
		return {
			fax: toRow(fax),
			pages,
			foundSpans: fax.foundSpans,
			candidates: fax.candidates.flatMap((c) => {
				const p = byId.get(c.patientId)
				return p
					? [
							{
								...c,
								name: `${p.familyName}, ${p.givenName}`,
								birthDate: p.birthDate,
								mrn: p.mrn,
								phone: p.phone,
							},
						]
					: []
			}),
			filings: filingRows.map((f) => {
				const p = byId.get(f.patientId)
				return {
					...f,
					patientName: p ? `${p.familyName}, ${p.givenName}` : 'unknown',
					filedAt: f.filedAt.toISOString(),
					removedAt: f.removedAt?.toISOString() ?? null,
				}
			}),
		}
	})
	if (!review) throw new IntakeError(INTAKE_ERRORS.faxNotFound, 'There is no such fax.')
	await recordRead(
		data,
		deps,
		requestId,
		{ type: 'fax', id: faxId },
		{
			pages: review.pages.length,
			candidates: review.candidates.length,
		},
	)
	return review
}

/**
 * One page image of a fax: for intake staff any fax's page, for a clinician a filed page of a
 * patient they may see (row-level security decides; this query adds nothing to it). Null when the
 * caller may not see it or it does not exist; recorded when served.
 */
export async function readFaxPageImage(
	data: PatientData,
	deps: { audit: AuditSink; log: Logger },
	ref: { faxId: string; page: number },
	requestId: string,
): Promise<{ png: Buffer; width: number; height: number } | null> {
	if (!isUuid(ref.faxId) || !Number.isInteger(ref.page) || ref.page < 1) return null
	const [row] = await data.read((tx) =>
		tx
			.select({ png: faxPages.image, width: faxPages.width, height: faxPages.height })
			.from(faxPages)
			.where(and(eq(faxPages.faxId, ref.faxId), eq(faxPages.page, ref.page))),
	)
	if (!row) return null
	await recordRead(data, deps, requestId, { type: 'fax', id: ref.faxId }, { page: ref.page })
	return row
}

export type PatientHit = { id: string; name: string; birthDate: string; mrn: string }

/**
 * The roster search of the review screen (demographics only): by MRN, birth date (YYYY-MM-DD) or
 * name words, at most 20. Recorded as a roster read with the number found, not the query.
 */
export async function searchPatients(
	data: PatientData,
	deps: { audit: AuditSink; log: Logger },
	query: string,
	requestId: string,
): Promise<PatientHit[]> {
	const q = query.trim().slice(0, 100)
	if (q.length < 2) return []
	const words = q
		.split(/[\s,]+/)
		.filter((w) => w.length > 0)
		.slice(0, 4)
	const isDate = /^\d{4}-\d{2}-\d{2}$/.test(q)
	const rows = await data.read((tx) =>
		tx
			.select({
				id: patients.id,
				givenName: patients.givenName,
				familyName: patients.familyName,
				birthDate: patients.birthDate,
				mrn: patients.mrn,
			})
			.from(patients)
			.where(
				or(
					eq(patients.mrn, q),
					isDate ? eq(patients.birthDate, q) : undefined,
					and(
						...words.map((w) =>
							or(
								ilike(patients.familyName, `${escapeLike(w)}%`),
								ilike(patients.givenName, `${escapeLike(w)}%`),
							),
						),
					),
				),
			)
			.orderBy(asc(sql`lower(${patients.familyName})`), asc(patients.givenName))
			.limit(20),
	)
	await recordRead(
		data,
		deps,
		requestId,
		{ type: 'roster', id: 'patients' },
		{ found: rows.length },
	)
	return rows.map((r) => ({
		id: r.id,
		name: `${r.familyName}, ${r.givenName}`,
		birthDate: r.birthDate,
		mrn: r.mrn,
	}))
}

const escapeLike = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`)

/** Whether a fax is still being read or analysed (the intake screen keeps polling while so). */
export const isInWork = (status: FaxStatus) =>
	status === FAX_STATUSES.received ||
	status === FAX_STATUSES.reading ||
	status === FAX_STATUSES.analyzing
