import { eq, inArray } from 'drizzle-orm'
import { afterAll, beforeAll, beforeEach, describe, expect, test } from 'vitest'
import type { DatabaseHandle } from '#db/client.ts'
import { openTestDatabase } from '#tests/helpers/test-database.ts'
import { chunks, documents, patients } from '#db/schema/index.ts'
import type { AuditEvent } from '#server/audit/events.ts'
import { gatewayWith } from '#tests/helpers/gateway-fixtures.ts'
import { createDocumentsService, type DocumentInput } from './index.ts'

/**
 * The documents service on a real (embedded) database with the local gateway: store (new,
 * unchanged, changed), replace, remove and re-embed, each write with its ledger event, and a
 * ledger that cannot record leaving nothing half-done. Synthetic documents only.
 */
let handle: DatabaseHandle
let events: AuditEvent[]
let ledgerDown = false
let patientId: string
let otherPatientId: string

const service = () =>
	createDocumentsService({
		db: handle.db,
		gateway: gatewayWith(),
		audit: {
			async record(event) {
				if (ledgerDown) throw new Error('ledger down')
				events.push(event)
			},
		},
	})

const note = (sourceId: string, text: string): DocumentInput => ({
	sourceSystem: 'file',
	sourceId,
	type: 'progress_note',
	title: 'Progress note',
	authoredAt: '2026-10-02T09:00:00.000Z',
	sections: [
		{ heading: 'Subjective', text, fhirIds: [], date: '2026-10-02' },
		{ heading: 'Plan', text: 'Recheck blood pressure in two weeks.', fhirIds: [], date: null },
	],
	fhirIds: [],
})

const rowsOf = async (documentId: string) => ({
	documents: await handle.db.select().from(documents).where(eq(documents.id, documentId)),
	chunks: await handle.db.select().from(chunks).where(eq(chunks.documentId, documentId)),
})
const counts = async () => ({
	documents: (await handle.db.select({ id: documents.id }).from(documents)).length,
	chunks: (await handle.db.select({ id: chunks.id }).from(chunks)).length,
})

beforeAll(async () => {
	handle = await openTestDatabase()
	const rows = await handle.db
		.insert(patients)
		.values([
			{
				fhirId: 'docs-test-1',
				mrn: 'DOCS-1',
				givenName: 'Ada',
				familyName: 'Synthetic',
				birthDate: '1960-01-01',
				sex: 'female',
			},
			{
				fhirId: 'docs-test-2',
				mrn: 'DOCS-2',
				givenName: 'Ben',
				familyName: 'Synthetic',
				birthDate: '1970-01-01',
				sex: 'male',
			},
		])
		.returning({ id: patients.id })
	patientId = rows[0]?.id ?? ''
	otherPatientId = rows[1]?.id ?? ''
})
afterAll(async () => {
	await handle.close()
})
beforeEach(() => {
	events = []
	ledgerDown = false
})

describe('store', () => {
	test('stores a document with embedded chunks and one document.ingest event', async () => {
		const result = await service().store(patientId, note('file:store-1', 'Tired, no fever.'))
		expect(result).toMatchObject({ change: 'new', flagged: 0 })
		const { documents: docs, chunks: rows } = await rowsOf(result.documentId)
		expect(docs).toHaveLength(1)
		expect(rows).toHaveLength(result.chunks)
		expect(rows.map((r) => r.ordinal)).toEqual(rows.map((_, i) => i))
		for (const row of rows) {
			expect(row.embedding).toHaveLength(384)
			expect(row.embeddingModel).toMatch(/^local-hashed-embedder\//)
		}
		expect(events).toHaveLength(1)
		expect(events[0]).toMatchObject({
			component: 'ingest',
			action: 'document.ingest',
			actor: { userId: null, role: null, sessionId: null },
			resource: { type: 'document', id: result.documentId, patientId },
			policy: 'ingest.pipeline',
			details: { change: 'new', sourceSystem: 'file', chunks: result.chunks, flagged: 0 },
		})
	})

	test('is idempotent: the same document again changes nothing and records nothing', async () => {
		const before = await counts()
		const result = await service().store(patientId, note('file:store-1', 'Tired, no fever.'))
		expect(result).toMatchObject({ change: 'unchanged', chunks: 0 })
		expect(await counts()).toEqual(before)
		expect(events).toHaveLength(0)
	})

	test('a changed document keeps its row id and has its chunks replaced', async () => {
		const first = await service().store(patientId, note('file:store-2', 'Cough for a week.'))
		const second = await service().store(patientId, note('file:store-2', 'Cough resolved.'))
		expect(second).toMatchObject({ documentId: first.documentId, change: 'changed' })
		const { chunks: rows } = await rowsOf(first.documentId)
		expect(rows.some((r) => r.text.includes('Cough resolved.'))).toBe(true)
		expect(rows.some((r) => r.text.includes('Cough for a week.'))).toBe(false)
	})

	test('refuses a document already filed under another patient, storing nothing', async () => {
		const before = await counts()
		await expect(
			service().store(otherPatientId, note('file:store-1', 'Tired, no fever.')),
		).rejects.toMatchObject({ code: 'INGEST_PATIENT_CONFLICT' })
		expect(await counts()).toEqual(before)
	})

	test('a ledger that cannot record leaves nothing stored', async () => {
		ledgerDown = true
		const before = await counts()
		await expect(
			service().store(patientId, note('file:store-3', 'Knee pain after a fall.')),
		).rejects.toThrow('ledger down')
		expect(await counts()).toEqual(before)
	})
})

describe('replace', () => {
	test('stores a new version of a stored document under the same row', async () => {
		const first = await service().store(patientId, note('file:replace-1', 'Rash on the arm.'))
		events = []
		const second = await service().replace(patientId, note('file:replace-1', 'Rash fading.'))
		expect(second).toMatchObject({ documentId: first.documentId, change: 'changed' })
		expect(events).toHaveLength(1)
		expect(events[0]?.details).toMatchObject({ change: 'changed' })
	})

	test('refuses a document that is not stored, storing nothing', async () => {
		const before = await counts()
		await expect(
			service().replace(patientId, note('file:never-stored', 'Sore throat.')),
		).rejects.toMatchObject({ code: 'INGEST_DOCUMENT_NOT_FOUND' })
		expect(await counts()).toEqual(before)
		expect(events).toHaveLength(0)
	})

	test('a ledger that cannot record keeps the old version and its chunks', async () => {
		const first = await service().store(patientId, note('file:replace-2', 'Headache daily.'))
		const before = await rowsOf(first.documentId)
		ledgerDown = true
		await expect(
			service().replace(patientId, note('file:replace-2', 'Headache gone.')),
		).rejects.toThrow('ledger down')
		expect(await rowsOf(first.documentId)).toEqual(before)
	})
})

describe('remove', () => {
	test('deletes the document and every chunk, and records document.remove', async () => {
		const stored = await service().store(patientId, note('file:remove-1', 'Ankle sprain.'))
		events = []
		const removed = await service().remove({ documentId: stored.documentId })
		expect(removed).toEqual({ documentId: stored.documentId, patientId, chunks: stored.chunks })
		expect(await rowsOf(stored.documentId)).toEqual({ documents: [], chunks: [] })
		expect(events).toHaveLength(1)
		expect(events[0]).toMatchObject({
			component: 'ingest',
			action: 'document.remove',
			actor: { userId: null },
			resource: { type: 'document', id: stored.documentId, patientId },
			details: { chunks: stored.chunks },
		})
	})

	test('finds a document by its source system and id', async () => {
		const stored = await service().store(patientId, note('file:remove-2', 'Wrist pain.'))
		await service().remove({ sourceSystem: 'file', sourceId: 'file:remove-2' })
		expect(await rowsOf(stored.documentId)).toEqual({ documents: [], chunks: [] })
	})

	test('refuses a document that is not stored, recording nothing', async () => {
		await expect(
			service().remove({ sourceSystem: 'file', sourceId: 'file:nope' }),
		).rejects.toMatchObject({ code: 'INGEST_DOCUMENT_NOT_FOUND' })
		expect(events).toHaveLength(0)
	})

	test('a ledger that cannot record leaves the document and its chunks in place', async () => {
		const stored = await service().store(patientId, note('file:remove-3', 'Back pain.'))
		const before = await rowsOf(stored.documentId)
		expect(before.chunks.length).toBeGreaterThan(0)
		ledgerDown = true
		await expect(service().remove({ documentId: stored.documentId })).rejects.toThrow('ledger down')
		expect(await rowsOf(stored.documentId)).toEqual(before)
	})
})

describe('re-embedding after an embedder change', () => {
	test('re-embeds exactly the chunks another embedder made, then nothing', async () => {
		for (const i of [1, 2, 3])
			await service().store(patientId, note(`file:reembed-${i}`, `Visit ${i}: stable.`))
		const stale = (await handle.db.select({ id: chunks.id }).from(chunks).limit(5)).map((c) => c.id)
		expect(stale).toHaveLength(5)
		await handle.db
			.update(chunks)
			.set({ embeddingModel: 'retired-embedder/v0', embedding: null })
			.where(inArray(chunks.id, stale))
		const first = await service().reembed({ all: false })
		expect(first.chunks).toBe(5)
		const rows = await handle.db.select().from(chunks).where(inArray(chunks.id, stale))
		for (const row of rows) {
			expect(row.embeddingModel).toBe(first.model)
			expect(row.embedding).toHaveLength(384)
		}
		expect((await service().reembed({ all: false })).chunks).toBe(0)
	})
})
