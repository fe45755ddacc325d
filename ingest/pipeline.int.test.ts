import { mkdtemp, readFile, rm, truncate, writeFile } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { eq } from 'drizzle-orm'
import PDFDocument from 'pdfkit'
import { afterAll, beforeAll, beforeEach, describe, expect, test } from 'vitest'
import { openDatabase, type DatabaseHandle } from '#db/client.ts'
import { migrateDatabase } from '#db/migrate.ts'
import { chunks, documents, patients } from '#db/schema/index.ts'
import type { AuditEvent } from '#server/audit/events.ts'
import { gatewayWith } from '#tests/helpers/gateway-fixtures.ts'
import { DEMO_BUNDLES_DIR } from './demo/seed.ts'
import { loadPath } from './loaders/index.ts'
import { ingestLoaded, type IngestDeps } from './pipeline.ts'

/**
 * The pipeline on a real (embedded) database with the local gateway: idempotency, replacement of a
 * changed document, the ingest-time injection mark, ledger events, and one test per rejected input,
 * each leaving nothing stored. (Re-embedding and the documents service's own store, replace and
 * remove are tested beside it: server/documents/documents.int.test.ts.) Synthetic data only (the demo bundles, and files written here).
 */
let handle: DatabaseHandle
let dir: string
let events: AuditEvent[]
let ledgerDown = false
const deps = (): IngestDeps => ({
	db: handle.db,
	gateway: gatewayWith(),
	audit: {
		async record(event) {
			if (ledgerDown) throw new Error('ledger down')
			events.push(event)
		},
	},
})
const demo = (file: string) => path.join(DEMO_BUNDLES_DIR, file)
const ingest = async (file: string, options: { patient?: { fhirId?: string } } = {}) =>
	ingestLoaded(deps(), await loadPath(file, options), options)
const counts = async () => ({
	patients: (await handle.db.select({ id: patients.id }).from(patients)).length,
	documents: (await handle.db.select({ id: documents.id }).from(documents)).length,
	chunks: (await handle.db.select({ id: chunks.id }).from(chunks)).length,
})

beforeAll(async () => {
	handle = await openDatabase({ kind: 'embedded' })
	await migrateDatabase(handle)
	dir = await mkdtemp(path.join(os.tmpdir(), 'chartside-ingest-'))
})
afterAll(async () => {
	await handle.close()
	await rm(dir, { recursive: true, force: true })
})
beforeEach(() => {
	events = []
	ledgerDown = false
})

describe('ingesting a FHIR bundle', () => {
	test('registers the patient and stores documents and embedded chunks with citation data', async () => {
		const report = await ingest(demo('01-whitfield.json'))
		expect(report).toMatchObject({ charts: 1, patientsRegistered: 1 })
		expect(report.documents.new).toBeGreaterThan(4)
		// The Patient's first phone telecom, digits only (fax intake matches on it).
		const [registered] = await handle.db
			.select({ phone: patients.phone })
			.from(patients)
			.where(eq(patients.mrn, 'DEMO-100001'))
		expect(registered?.phone).toBe('6175550101')
		const rows = await handle.db.select().from(chunks)
		expect(rows.length).toBe(report.chunks)
		for (const row of rows) {
			expect(row.embedding).toHaveLength(384)
			expect(row.embeddingModel).toMatch(/^local-hashed-embedder\//)
			expect(row.metadata.fhirIds?.length).toBeGreaterThan(0)
		}
	})

	test('records one document.ingest event per document, naming the patient', async () => {
		const report = await ingest(demo('02-oyelaran.json'))
		const ingested = events.filter((e) => e.action === 'document.ingest')
		expect(ingested).toHaveLength(report.documents.new)
		expect(ingested[0]).toMatchObject({
			component: 'ingest',
			actor: { userId: null },
			resource: { type: 'document', patientId: expect.any(String) },
		})
	})

	test('is idempotent: the same bundle again changes nothing and records nothing', async () => {
		const before = await counts()
		const report = await ingest(demo('01-whitfield.json'))
		expect(report.documents).toMatchObject({ new: 0, changed: 0 })
		expect(report.chunks).toBe(0)
		expect(await counts()).toEqual(before)
		expect(events.filter((e) => e.action === 'document.ingest')).toHaveLength(0)
	})

	test('replaces the chunks of a document whose text changed, and only those', async () => {
		const bundle = JSON.parse(await readFile(demo('01-whitfield.json'), 'utf8')) as {
			entry: Array<{
				resource: { resourceType: string; content?: Array<{ attachment: { data?: string } }> }
			}>
		}
		const note = bundle.entry.find((e) => e.resource.resourceType === 'DocumentReference')
		const attachment = note?.resource.content?.[0]?.attachment
		if (!attachment?.data) throw new Error('no note in the demo bundle')
		const text = Buffer.from(attachment.data, 'base64').toString('utf8')
		attachment.data = Buffer.from(
			`${text}\n\nAddendum: amlodipine 5 mg daily was started.`,
		).toString('base64')
		const changed = path.join(dir, 'changed.json')
		await writeFile(changed, JSON.stringify(bundle))
		const report = await ingest(changed)
		expect(report.documents).toMatchObject({ new: 0, changed: 1 })
		const hits = await handle.db.select({ text: chunks.text }).from(chunks)
		expect(hits.filter((h) => h.text.includes('amlodipine 5 mg daily was started'))).toHaveLength(1)
	})

	test('marks the chunk of a planted instruction, and keeps it', async () => {
		for (const file of [
			'03-ramanathan.json',
			'04-brennick.json',
			'05-lindqvist.json',
			'06-achterberg.json',
			'07-okonkwo.json',
			'08-castellanos.json',
		])
			await ingest(demo(file))
		const flagged = await handle.db
			.select({ text: chunks.text })
			.from(chunks)
			.where(eq(chunks.injectionFlagged, true))
		expect(flagged.length).toBeGreaterThan(0)
		expect(flagged.some((f) => /ignore all previous instructions/i.test(f.text))).toBe(true)
	})
})

describe('a rejected input stores nothing, one test per case', () => {
	const rejects = async (
		file: string,
		code: string,
		options: { patient?: { fhirId?: string } } = {},
	) => {
		const before = await counts()
		await expect(ingest(file, options)).rejects.toMatchObject({ code })
		expect(await counts()).toEqual(before)
	}

	test('malformed JSON', async () => {
		const file = path.join(dir, 'broken.json')
		await writeFile(file, '{"resourceType": "Bundle", "entry": [')
		await rejects(file, 'INGEST_MALFORMED_JSON')
	})

	test('a bundle for a patient Chartside does not know', async () => {
		const file = path.join(dir, 'orphan.json')
		await writeFile(
			file,
			JSON.stringify({
				resourceType: 'Bundle',
				type: 'collection',
				entry: [
					{
						resource: {
							resourceType: 'Condition',
							id: 'cond-orphan',
							subject: { reference: 'Patient/not-registered-anywhere' },
							code: { text: 'Hypertension' },
						},
					},
				],
			}),
		)
		await rejects(file, 'INGEST_UNKNOWN_PATIENT')
	})

	test('a 200 MB file (refused before it is read)', async () => {
		const file = path.join(dir, 'huge.json')
		await writeFile(file, '')
		await truncate(file, 200 * 1024 * 1024)
		await rejects(file, 'INGEST_FILE_TOO_LARGE')
	})

	test('a PDF with no text layer', async () => {
		const file = path.join(dir, 'scan.pdf')
		await writeFile(file, await pdfWithoutText())
		const [patient] = await handle.db.select({ fhirId: patients.fhirId }).from(patients).limit(1)
		await rejects(file, 'INGEST_NO_TEXT_LAYER', { patient: { fhirId: patient?.fhirId } })
	})

	test('a ledger that cannot record: the whole file is rolled back', async () => {
		ledgerDown = true
		const before = await counts()
		const file = path.join(dir, 'fresh.txt')
		await writeFile(file, 'PROGRESS NOTE:\nSynthetic follow-up visit. Blood pressure 128/82.')
		const [patient] = await handle.db.select({ fhirId: patients.fhirId }).from(patients).limit(1)
		const patientRef = { fhirId: patient?.fhirId }
		await expect(
			ingestLoaded(deps(), await loadPath(file, { patient: patientRef }), { patient: patientRef }),
		).rejects.toThrow('ledger down')
		expect(await counts()).toEqual(before)
	})

	test('a document already filed under another patient', async () => {
		const file = path.join(dir, 'shared-name.txt')
		await writeFile(file, 'PROGRESS NOTE:\nSynthetic visit for a sprained ankle.')
		const [first, second] = await handle.db
			.select({ fhirId: patients.fhirId })
			.from(patients)
			.limit(2)
		const a = { fhirId: first?.fhirId }
		await ingestLoaded(deps(), await loadPath(file, { patient: a }), { patient: a })
		await rejects(file, 'INGEST_PATIENT_CONFLICT', { patient: { fhirId: second?.fhirId } })
	})

	test('a dry run checks and chunks but stores nothing', async () => {
		const before = await counts()
		const file = path.join(dir, 'dry.txt')
		await writeFile(file, 'CONSULT NOTE:\nSynthetic consult for knee pain.')
		const [patient] = await handle.db.select({ fhirId: patients.fhirId }).from(patients).limit(1)
		const patientRef = { fhirId: patient?.fhirId }
		const report = await ingestLoaded(deps(), await loadPath(file, { patient: patientRef }), {
			patient: patientRef,
			dryRun: true,
		})
		expect(report.documents.new).toBe(1)
		expect(await counts()).toEqual(before)
	})
})

function pdfWithoutText(): Promise<Buffer> {
	return new Promise((resolve) => {
		const doc = new PDFDocument()
		const parts: Buffer[] = []
		doc.on('data', (b: Buffer) => parts.push(b))
		doc.on('end', () => resolve(Buffer.concat(parts)))
		doc.rect(100, 100, 200, 100).fill('#333')
		doc.end()
	})
}
