import { randomUUID } from 'node:crypto'
import { eq, or } from 'drizzle-orm'
import type { Database } from '#db/client.ts'
import { patients } from '#db/schema/index.ts'
import {
	createDocumentsService,
	type DocumentsDeps,
	type Embeddings,
	type PlannedDocument,
	type Transaction,
} from '#server/documents/index.ts'
import { IngestError, INGEST_ERRORS } from './loaders/errors.ts'
import type { LoadedChart, LoadResult } from './loaders/types.ts'

/**
 * The ingestion pipeline after loading: match or register each chart's patient, then hand its
 * documents to the documents service (server/documents), which keeps only the new or changed ones
 * (content hashes), chunks them, embeds and scans every chunk through the gateway (the only door
 * to a model) and writes them, each ingested document recorded in the ledger before the commit.
 * One file is one transaction (its new patients and all its documents): a file that fails leaves
 * nothing behind; running the same input again changes nothing.
 *
 * Ingestion is system work (DOCUMENTS_SYSTEM_PATH): it runs as the database owner (like
 * migrations; migration 0003), and its ledger events name no user.
 */
export type IngestDeps = DocumentsDeps

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
	const documents = createDocumentsService(deps)
	const work: Array<{ chart: LoadedChart; patientId: string | null; planned: PlannedDocument[] }> =
		[]

	for (const chart of charts) {
		report.charts++
		const patientId = await findPatient(deps.db, chart, options.patient)
		if (!patientId && !chart.patient)
			throw new IngestError(
				INGEST_ERRORS.unknownPatient,
				'The file is for a patient who is not in Chartside and carries no Patient resource to register.',
			)
		const planned = await documents.plan(patientId, chart.documents)
		for (const p of planned) {
			if (p.existingId === null) report.documents.new++
			else if (p.drafts.length > 0) report.documents.changed++
		}
		report.documents.unchanged += chart.documents.length - planned.length
		work.push({ chart, patientId, planned })
	}

	if (options.dryRun) {
		for (const { planned } of work) for (const p of planned) report.chunks += p.drafts.length
		return report
	}

	// Embedding and the injection scan, before the transaction (a failure here stores nothing).
	const embeddings: Embeddings = new Map()
	let embeddingModel = ''
	for (const { planned, patientId } of work) {
		const result = await documents.embed(planned, {
			requestId,
			patientId,
			...(options.batch ? { batch: options.batch } : {}),
			onProgress: (event) => {
				report.chunks += event.chunks
				options.onProgress?.(event)
			},
		})
		for (const [draft, embedded] of result.embeddings) embeddings.set(draft, embedded)
		if (result.model) embeddingModel = result.model
	}

	await deps.db.transaction(async (tx) => {
		for (const { chart, planned, patientId: found } of work) {
			let patientId = found
			if (!patientId && chart.patient) {
				patientId = await registerPatient(tx, chart)
				report.patientsRegistered++
			}
			if (!patientId)
				throw new IngestError(INGEST_ERRORS.unknownPatient, 'No patient to file under.')
			// Each document's ledger event is recorded before the commit: a ledger that cannot
			// record rolls the whole file back.
			const written = await documents.write(tx, patientId, planned, {
				requestId,
				embeddings,
				embeddingModel,
			})
			report.flagged += written.flagged
		}
	})
	return report
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
			phone: p.phone,
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
