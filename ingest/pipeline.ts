import { createHash, randomUUID } from 'node:crypto'
import { eq, inArray, or } from 'drizzle-orm'
import type { Database } from '#db/client.ts'
import { chunks, documents, patients, type NewChunk } from '#db/schema/index.ts'
import { AUDIT_ACTIONS, AUDIT_COMPONENTS, type AuditSink } from '#server/audit/sink.ts'
import type { Gateway } from '#server/gateway/index.ts'
import { chunkDocument, type ChunkDraft } from './chunking.ts'
import { IngestError, INGEST_ERRORS } from './loaders/errors.ts'
import { documentText } from './loaders/index.ts'
import type { LoadedChart, LoadedDocument, LoadResult } from './loaders/types.ts'

/**
 * The ingestion pipeline after loading: match or register each chart's patient, keep only the
 * documents that are new or changed (content hashes), chunk them, embed and scan every chunk
 * through the gateway (the only door to a model), and store one file's documents and chunks in
 * one transaction, each ingested document recorded in the ledger before the commit. A file that
 * fails leaves nothing behind; running the same input again changes nothing.
 *
 * Ingestion is system work: it runs as the database owner (like migrations; migration 0003), and
 * its ledger events name no user.
 */
export type IngestDeps = {
	db: Database
	gateway: Pick<Gateway, 'embed'>
	audit: AuditSink
}

export type IngestOptions = {
	/** The patient a text or PDF belongs to; for FHIR data, only this patient's charts are kept. */
	patient?: { fhirId?: string; mrn?: string }
	dryRun?: boolean
	/** Embedding batch size (chunks per gateway call). */
	batch?: number
	onProgress?: (event: { chunks: number }) => void
}

export type IngestReport = {
	charts: number
	resources: number
	patientsRegistered: number
	documents: { new: number; changed: number; unchanged: number }
	chunks: number
	flagged: number
}

type Planned = {
	doc: LoadedDocument
	text: string
	hash: string
	existingId: string | null
	drafts: ChunkDraft[]
}

type Transaction = Parameters<Parameters<Database['transaction']>[0]>[0]

const SYSTEM_ACTOR = { userId: null, role: null, sessionId: null }
const sha256 = (text: string) => createHash('sha256').update(text).digest('hex')

/** What identifies a document's content: change any of these and its chunks are replaced. */
const contentHash = (doc: LoadedDocument, text: string) =>
	sha256(JSON.stringify([doc.type, doc.title, doc.authoredAt, doc.fhirIds, text]))

export async function ingestLoaded(
	deps: IngestDeps,
	loaded: LoadResult,
	options: IngestOptions = {},
): Promise<IngestReport> {
	const report: IngestReport = {
		charts: 0,
		resources: loaded.resources,
		patientsRegistered: 0,
		documents: { new: 0, changed: 0, unchanged: 0 },
		chunks: 0,
		flagged: 0,
	}
	const charts = loaded.charts.filter((c) => matchesFilter(c, options.patient))
	if (options.patient && loaded.charts.length > 0 && charts.length === 0)
		throw new IngestError(INGEST_ERRORS.unknownPatient, 'No chart in this file is for --patient.')
	const requestId = `ingest-${randomUUID()}`
	const work: Array<{ chart: LoadedChart; patientId: string | null; planned: Planned[] }> = []

	for (const chart of charts) {
		report.charts++
		const patientId = await findPatient(deps.db, chart, options.patient)
		if (!patientId && !chart.patient)
			throw new IngestError(
				INGEST_ERRORS.unknownPatient,
				'The file is for a patient who is not in Chartside and carries no Patient resource to register.',
			)
		const planned = await plan(deps.db, chart, patientId)
		for (const p of planned) {
			if (p.existingId === null) report.documents.new++
			else if (p.drafts.length > 0) report.documents.changed++
		}
		report.documents.unchanged += chart.documents.length - planned.length
		work.push({ chart, patientId, planned })
	}

	// Embedding and the injection scan, before the transaction (a failure here stores nothing).
	const batch = options.batch ?? 64
	const embedded = new Map<ChunkDraft, { vector: number[]; flagged: boolean; score: number }>()
	let embeddingModel = ''
	for (const { planned, patientId } of work) {
		const drafts = planned.flatMap((p) => p.drafts.map((d) => ({ d, title: p.doc.title })))
		for (let i = 0; i < drafts.length; i += batch) {
			const slice = drafts.slice(i, i + batch)
			if (options.dryRun) {
				report.chunks += slice.length
				continue
			}
			const result = await deps.gateway.embed({
				texts: slice.map(({ d, title }) => `${title}\n${d.text}`),
				purpose: 'document',
				requestId,
				actor: null,
				...(patientId ? { patientId } : {}),
			})
			embeddingModel = modelId(result.model)
			slice.forEach(({ d }, j) => {
				const verdict = result.injection?.[j]
				embedded.set(d, {
					vector: result.vectors[j] ?? [],
					flagged: verdict?.verdict === 'flag',
					score: verdict?.score ?? 0,
				})
			})
			report.chunks += slice.length
			options.onProgress?.({ chunks: slice.length })
		}
	}
	if (options.dryRun) return report

	await deps.db.transaction(async (tx) => {
		for (const { chart, planned, patientId: found } of work) {
			let patientId = found
			if (!patientId && chart.patient) {
				patientId = await registerPatient(tx, chart)
				report.patientsRegistered++
			}
			if (!patientId)
				throw new IngestError(INGEST_ERRORS.unknownPatient, 'No patient to file under.')
			for (const p of planned) {
				const values = {
					patientId,
					sourceSystem: p.doc.sourceSystem,
					sourceId: p.doc.sourceId,
					type: p.doc.type,
					title: p.doc.title,
					authoredAt: p.doc.authoredAt ? new Date(p.doc.authoredAt) : null,
					contentHash: p.hash,
					text: p.text,
					fhirIds: p.doc.fhirIds,
				}
				let documentId: string
				if (p.existingId) {
					await tx.update(documents).set(values).where(eq(documents.id, p.existingId))
					await tx.delete(chunks).where(eq(chunks.documentId, p.existingId))
					documentId = p.existingId
				} else {
					const [row] = await tx.insert(documents).values(values).returning({ id: documents.id })
					if (!row) throw new Error('document insert returned no row')
					documentId = row.id
				}
				const rows: NewChunk[] = p.drafts.map((d) => {
					const e = embedded.get(d)
					if (e?.flagged) report.flagged++
					return {
						documentId,
						patientId: patientId as string,
						ordinal: d.ordinal,
						text: d.text,
						tokenCount: d.tokenCount,
						embedding: e?.vector ?? null,
						embeddingModel: e ? embeddingModel : null,
						injectionFlagged: e?.flagged ?? false,
						injectionScore: e?.score ?? null,
						metadata: {
							...(d.section ? { section: d.section } : {}),
							fhirIds: d.fhirIds,
							...(d.date ? { date: d.date } : {}),
						},
					}
				})
				for (let i = 0; i < rows.length; i += 200)
					await tx.insert(chunks).values(rows.slice(i, i + 200))
				// Recorded before the commit: a ledger that cannot record rolls the file back.
				await deps.audit.record({
					at: new Date().toISOString(),
					requestId,
					component: AUDIT_COMPONENTS.ingest,
					action: AUDIT_ACTIONS.documentIngest,
					actor: SYSTEM_ACTOR,
					resource: { type: 'document', id: documentId, patientId },
					decision: 'allow',
					policy: 'ingest.pipeline',
					outcome: 'success',
					details: {
						change: p.existingId ? 'changed' : 'new',
						sourceSystem: p.doc.sourceSystem,
						documentType: p.doc.type,
						chunks: rows.length,
						flagged: rows.filter((r) => r.injectionFlagged).length,
						embeddingModel,
					},
				})
			}
		}
	})
	return report
}

export function modelId(model: { endpoint: string; model: string; version: string | null }) {
	return `${model.endpoint}/${model.model}@${model.version ?? 'unversioned'}`
}

function matchesFilter(chart: LoadedChart, filter: IngestOptions['patient']): boolean {
	if (!filter || !chart.patient) return true
	return (
		(filter.fhirId !== undefined && chart.patient.fhirId === filter.fhirId) ||
		(filter.mrn !== undefined && chart.patient.mrn === filter.mrn)
	)
}

/** The patient's row id: by the chart's Patient (FHIR id, then MRN), its reference, or --patient. */
async function findPatient(
	db: Database,
	chart: LoadedChart,
	filter: IngestOptions['patient'],
): Promise<string | null> {
	const ref = chart.patient
		? { fhirId: chart.patient.fhirId, mrn: chart.patient.mrn ?? undefined }
		: { ...chart.patientRef, ...filter }
	const conditions = [
		ref.fhirId ? eq(patients.fhirId, ref.fhirId) : undefined,
		ref.mrn ? eq(patients.mrn, ref.mrn) : undefined,
	].filter((c) => c !== undefined)
	if (conditions.length === 0) return null
	const rows = await db
		.select({ id: patients.id, fhirId: patients.fhirId })
		.from(patients)
		.where(or(...conditions))
	if (rows.length > 1)
		throw new IngestError(
			INGEST_ERRORS.patientConflict,
			'The FHIR id and the MRN of this chart belong to two different patients.',
		)
	return rows[0]?.id ?? null
}

/** The documents that are new or changed, chunked; unchanged ones are left out. */
async function plan(
	db: Database,
	chart: LoadedChart,
	patientId: string | null,
): Promise<Planned[]> {
	const keys = chart.documents.map((d) => d.sourceId)
	const existing =
		keys.length === 0
			? []
			: await db
					.select({
						id: documents.id,
						patientId: documents.patientId,
						sourceSystem: documents.sourceSystem,
						sourceId: documents.sourceId,
						hash: documents.contentHash,
					})
					.from(documents)
					.where(inArray(documents.sourceId, keys))
	const planned: Planned[] = []
	for (const doc of chart.documents) {
		const text = documentText(doc)
		const hash = contentHash(doc, text)
		const found = existing.find(
			(e) => e.sourceSystem === doc.sourceSystem && e.sourceId === doc.sourceId,
		)
		if (found && found.patientId !== patientId)
			throw new IngestError(
				INGEST_ERRORS.patientConflict,
				`Document ${doc.sourceId} is already filed under another patient.`,
			)
		if (found?.hash === hash) continue
		planned.push({
			doc,
			text,
			hash,
			existingId: found?.id ?? null,
			drafts: await chunkDocument(doc),
		})
	}
	return planned
}

async function registerPatient(db: Database | Transaction, chart: LoadedChart): Promise<string> {
	const p = chart.patient
	if (!p) throw new IngestError(INGEST_ERRORS.unknownPatient, 'No Patient resource to register.')
	if (!p.birthDate)
		throw new IngestError(
			INGEST_ERRORS.invalidFhir,
			'The Patient resource has no full birth date; Chartside needs one to register the patient.',
		)
	const [row] = await db
		.insert(patients)
		.values({
			fhirId: p.fhirId,
			// Without an MRN the FHIR id stands in, marked as such.
			mrn: p.mrn ?? `FHIR-${p.fhirId}`,
			givenName: p.givenName,
			familyName: p.familyName,
			birthDate: p.birthDate,
			sex: p.sex,
		})
		.onConflictDoNothing()
		.returning({ id: patients.id })
	if (row) return row.id
	const [again] = await db
		.select({ id: patients.id })
		.from(patients)
		.where(eq(patients.fhirId, p.fhirId))
	if (!again)
		throw new IngestError(INGEST_ERRORS.patientConflict, 'The MRN belongs to another patient.')
	return again.id
}
