import { eq, like, sql } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import type { DatabaseHandle } from '#db/client.ts'
import {
	chunks,
	documents,
	faxes,
	faxFilings,
	faxPages,
	patients,
	users,
} from '#db/schema/index.ts'
import type { AuditEvent } from '#server/audit/events.ts'
import { createDataAccess } from '#server/auth/patient-data.ts'
import type { Actor } from '#server/auth/scope.ts'
import { createDocumentsService } from '#server/documents/index.ts'
import { createLogger } from '#server/log.ts'
import { hasCode } from '#server/platform/errors.ts'
import { gatewayWith } from '#tests/helpers/gateway-fixtures.ts'
import { seedDemoForTest } from '#tests/helpers/demo-seed.ts'
import { openTestDatabase } from '#tests/helpers/test-database.ts'
import { makeTextPdf, makeTiff, makeZip } from './files/test-files.ts'
import { DEFAULT_INTAKE_LIMITS } from './files/index.ts'
import { createOcrEngine, type OcrEngine } from './ocr/index.ts'
import { createIntakeService, IntakeError, INTAKE_ERRORS, type IntakeService } from './index.ts'
import { faxPageRef, type FaxType } from './fax-types.ts'
import { SAFE_HARBOR_DEID } from '#server/gateway/index.ts'

/**
 * The intake service end to end on a real (embedded) database with the demo hospital: receive,
 * read (text layers here, OCR for the TIFF), classify (a fixed classifier: the model has its own
 * tests and evaluation), match, route, the review reads under row-level security, filing,
 * refiling, and a read job that stops mid-fax and resumes. Synthetic demographics only (the demo
 * patients).
 */
let handle: DatabaseHandle
let intake: IntakeService
let events: AuditEvent[]
let classifyAs: { label: FaxType; confidence: number } = { label: 'lab_result', confidence: 0.95 }
let ocr: Promise<OcrEngine> | null = null
let failOcrOnce: number | null = null
let scheduleInline = true
let clerk: Actor
let clinician: Actor
let data: ReturnType<ReturnType<typeof createDataAccess>['forSystemActor']>
let clinicianData: typeof data
const log = createLogger('silent')

const WHITFIELD = ['Patient: WHITFIELD, ELEANOR', 'DOB: 03/14/1951', 'MRN: DEMO-100001']

const labPage = (extra: string[] = []) => [
	'Harbor Outpatient Laboratory',
	'LAB RESULTS',
	...WHITFIELD,
	'Ferritin 412 ng/mL (ref 15-150) HIGH',
	'Vitamin B12 188 pg/mL (ref 200-900) LOW',
	...extra,
]

const receive = (bytes: Uint8Array, fileName = 'fax.pdf') =>
	intake.receive(
		{ fileName, bytes },
		{ actor: clerk, source: 'upload', requestId: `test-${Math.random()}` },
	)

const faxRow = async (faxId: string) =>
	(await handle.db.select().from(faxes).where(eq(faxes.id, faxId)))[0]!

beforeAll(async () => {
	handle = await openTestDatabase()
	await seedDemoForTest(handle.db)
	events = []
	const audit = {
		async record(event: AuditEvent) {
			events.push(event)
		},
	}
	const gateway = gatewayWith({
		deid: SAFE_HARBOR_DEID,
		classify: () => ({ ...classifyAs, blank: false, coverSheetOnly: false, misdirected: false }),
	})
	intake = createIntakeService({
		db: handle.db,
		audit,
		gateway,
		documents: createDocumentsService({ db: handle.db, gateway, audit }),
		limits: { ...DEFAULT_INTAKE_LIMITS, maxFiles: 20 },
		autoFileMinConfidence: 0.8,
		ocr: async () => {
			const engine = await (ocr ??= createOcrEngine({ workers: 1 }))
			return {
				async recognize(png, signal) {
					if (failOcrOnce !== null && --failOcrOnce === 0) {
						failOcrOnce = null
						throw new IntakeError(INTAKE_ERRORS.ocrFailed, 'The OCR worker stopped.')
					}
					return engine.recognize(png, signal)
				},
				close: () => engine.close(),
			}
		},
		schedule: async (faxId) => {
			if (scheduleInline)
				await intake.process(faxId, { requestId: `job-${faxId}`, lastAttempt: true })
		},
		log,
	})
	const actor = async (subject: string): Promise<Actor> => {
		const [u] = await handle.db.select().from(users).where(eq(users.subject, subject))
		return { userId: u!.id, role: u!.role, sessionId: null }
	}
	clerk = await actor('intake-lee')
	clinician = await actor('dr-rivera')
	const access = createDataAccess({ db: handle.db, existence: handle.db })
	data = access.forSystemActor('evaluation', clerk)
	clinicianData = access.forSystemActor('evaluation', clinician)
}, 120_000)

afterAll(async () => {
	await ocr?.then((e) => e.close())
	await handle.close()
})

describe('receiving', () => {
	test('a file that is not a fax is refused, stores nothing, and the refusal is recorded', async () => {
		const before = (await handle.db.select({ id: faxes.id }).from(faxes)).length
		const receipt = await receive(makeZip(), 'scan.pdf')
		expect(receipt).toMatchObject({ outcome: 'refused', code: 'INTAKE_UNSUPPORTED_FILE' })
		expect((await handle.db.select({ id: faxes.id }).from(faxes)).length).toBe(before)
		expect(events.at(-1)).toMatchObject({
			action: 'fax.receive',
			outcome: 'failed',
			details: { errorCode: 'INTAKE_UNSUPPORTED_FILE' },
		})
	})

	test('a zero-byte file is refused', async () => {
		expect(await receive(new Uint8Array(0))).toMatchObject({
			outcome: 'refused',
			code: 'INTAKE_EMPTY_FILE',
		})
	})

	test('the same file twice is one fax, recognized the second time', async () => {
		const bytes = await makeTextPdf({ pages: [['Records request', 'Please send records.']] })
		const first = await receive(bytes)
		const second = await receive(bytes)
		expect(first.outcome).toBe('received')
		expect(second).toMatchObject({ outcome: 'duplicate' })
		if (first.outcome === 'refused' || second.outcome === 'refused') throw new Error('refused')
		expect(second.faxId).toBe(first.faxId)
		const row = await faxRow(first.faxId)
		expect(Buffer.compare(row.original, bytes)).toBe(0)
	})
})

describe('reading, matching and routing', () => {
	test('a confident lab result with a certain match files itself, one section per page', async () => {
		classifyAs = { label: 'lab_result', confidence: 0.95 }
		const receipt = await receive(await makeTextPdf({ pages: [labPage(), labPage(['page two'])] }))
		if (receipt.outcome === 'refused') throw new Error(receipt.code)
		const fax = await faxRow(receipt.faxId)
		expect(fax.status).toBe('filed')
		expect(fax.routeReason).toBe('auto_filed')
		const [filing] = await handle.db.select().from(faxFilings).where(eq(faxFilings.faxId, fax.id))
		const [whitfield] = await handle.db
			.select()
			.from(patients)
			.where(eq(patients.mrn, 'DEMO-100001'))
		expect(filing).toMatchObject({ patientId: whitfield!.id, automatic: true, type: 'lab_result' })
		const stored = await handle.db
			.select({ fhirIds: chunks.metadata })
			.from(chunks)
			.where(eq(chunks.documentId, filing!.documentId!))
		const ids = stored.flatMap((c) => c.fhirIds.fhirIds ?? [])
		expect(ids).toContain(faxPageRef(fax.id, 1))
		expect(ids).toContain(faxPageRef(fax.id, 2))
		expect(events.filter((e) => e.resource.id === fax.id).map((e) => e.action)).toEqual([
			'fax.receive',
			'fax.read',
			'fax.route',
			'fax.file',
		])
	})

	test('a fax about nobody in the charts waits for a person and is never filed', async () => {
		const receipt = await receive(
			await makeTextPdf({
				pages: [
					[
						'LAB RESULTS',
						'Patient: QUILLFEATHER, ODALYS',
						'DOB: 09/09/1939',
						'Ferritin 12 ng/mL',
						'Sodium 139 mmol/L within range',
					],
				],
			}),
		)
		if (receipt.outcome === 'refused') throw new Error(receipt.code)
		const fax = await faxRow(receipt.faxId)
		expect(fax.status).toBe('waiting_review')
		expect(fax.routeReason).toBe('no_match')
		expect(await handle.db.select().from(faxFilings).where(eq(faxFilings.faxId, fax.id))).toEqual(
			[],
		)
	})

	test('a certain match with an unsure type waits for a person', async () => {
		classifyAs = { label: 'referral', confidence: 0.55 }
		const receipt = await receive(await makeTextPdf({ pages: [labPage(['unsure'])] }))
		if (receipt.outcome === 'refused') throw new Error(receipt.code)
		expect(await faxRow(receipt.faxId)).toMatchObject({
			status: 'waiting_review',
			routeReason: 'type_uncertain',
		})
		classifyAs = { label: 'lab_result', confidence: 0.95 }
	})

	test('a read job killed mid-fax resumes after the pages it stored, reading each page once', async () => {
		scheduleInline = false
		const tiff = await makeTiff({ pages: 3, resolution: 'standard', lines: labPage() })
		const receipt = await receive(tiff, 'fax.tif')
		scheduleInline = true
		if (receipt.outcome === 'refused') throw new Error(receipt.code)
		const { faxId } = receipt
		failOcrOnce = 2 // the second page fails, as a worker killed mid-OCR would
		const attempt = { requestId: 'job-1', lastAttempt: false }
		await expect(intake.process(faxId, attempt)).rejects.toSatisfy((e: unknown) =>
			hasCode(e, 'INTAKE_OCR_FAILED'),
		)
		// Not the last attempt: the queue will retry; the page already read is kept.
		expect(await faxRow(faxId)).toMatchObject({ status: 'reading', pagesRead: 1 })
		await intake.process(faxId, { requestId: 'job-1', lastAttempt: false })
		const done = await faxRow(faxId)
		expect(done.pagesRead).toBe(3)
		expect(['filed', 'waiting_review']).toContain(done.status)
		const pages = await handle.db.select().from(faxPages).where(eq(faxPages.faxId, faxId))
		expect(pages.map((p) => p.page).sort()).toEqual([1, 2, 3])
		expect(pages.every((p) => p.textSource === 'ocr')).toBe(true)
		expect(pages[0]!.text).toMatch(/Ferritin/)
	}, 180_000)

	test('the last attempt marks the fax failed with its code; a person retries it', async () => {
		scheduleInline = false
		const receipt = await receive(
			await makeTiff({ pages: 1, resolution: 'fine', lines: labPage(['retry me']) }),
			'retry.tif',
		)
		scheduleInline = true
		if (receipt.outcome === 'refused') throw new Error(receipt.code)
		failOcrOnce = 1
		expect(
			await intake.process(receipt.faxId, { requestId: 'j', lastAttempt: true }),
		).toMatchObject({ failed: true })
		const failed = await faxRow(receipt.faxId)
		expect(failed).toMatchObject({ status: 'failed', errorCode: 'INTAKE_OCR_FAILED' })
		expect(failed.original.length).toBeGreaterThan(0)
		await intake.retry(receipt.faxId, { actor: clerk, requestId: 'retry' })
		expect((await faxRow(receipt.faxId)).status).not.toBe('failed')
		expect(events.some((e) => e.action === 'fax.decision' && e.details?.decision === 'retry')).toBe(
			true,
		)
	}, 180_000)
})

describe('review, filing and refiling under row-level security', () => {
	let faxId: string

	beforeAll(async () => {
		classifyAs = { label: 'consult_note', confidence: 0.6 }
		const receipt = await receive(
			await makeTextPdf({
				pages: [
					['FAX COVER SHEET', 'To: Intake', 'From: Lakeside Cardiology', 'Pages: 2'],
					labPage(['Assessment: iron overload suspected; recommend hematology follow-up.']),
				],
			}),
		)
		if (receipt.outcome === 'refused') throw new Error(receipt.code)
		faxId = receipt.faxId
		classifyAs = { label: 'lab_result', confidence: 0.95 }
	})

	test('intake staff read the fax, its candidates and its pages; the read is recorded', async () => {
		const review = await intake.review(data, faxId, 'review-test')
		expect(review.pages.map((p) => p.page)).toEqual([1, 2])
		expect(review.candidates[0]).toMatchObject({ name: 'Whitfield, Eleanor', mrn: 'DEMO-100001' })
		expect(review.candidates[0]!.evidence.length).toBeGreaterThan(0)
		expect(events.at(-1)).toMatchObject({
			action: 'phi.read',
			resource: { type: 'fax', id: faxId },
		})
		expect(await intake.pageImage(data, { faxId, page: 2 }, 'image-test')).not.toBeNull()
	})

	test('a clinician sees no fax before it is filed, not even the patient’s own', async () => {
		expect(await intake.pageImage(clinicianData, { faxId, page: 2 }, 'x')).toBeNull()
		await expect(intake.review(clinicianData, faxId, 'x')).rejects.toSatisfy((e: unknown) =>
			hasCode(e, 'INTAKE_FAX_NOT_FOUND'),
		)
	})

	test('a split that overlaps is refused with a plain message', async () => {
		const [whitfield] = await handle.db
			.select()
			.from(patients)
			.where(eq(patients.mrn, 'DEMO-100001'))
		await expect(
			intake.confirm(
				faxId,
				[
					{ firstPage: 1, lastPage: 2, type: 'lab_result', patientId: whitfield!.id },
					{ firstPage: 2, lastPage: 2, type: 'referral', patientId: whitfield!.id },
				],
				{ actor: clerk, requestId: 'x' },
			),
		).rejects.toSatisfy((e: unknown) => hasCode(e, 'INTAKE_DECISION_INVALID'))
	})

	test('filed with a corrected type and the cover sheet left out, the clinician sees page 2 only', async () => {
		const [whitfield] = await handle.db
			.select()
			.from(patients)
			.where(eq(patients.mrn, 'DEMO-100001'))
		await intake.confirm(
			faxId,
			[{ firstPage: 2, lastPage: 2, type: 'lab_result', patientId: whitfield!.id }],
			{ actor: clerk, requestId: 'confirm-test' },
		)
		expect((await faxRow(faxId)).status).toBe('filed')
		expect(
			events.some((e) => e.action === 'fax.decision' && e.details?.typeCorrected === true),
		).toBe(true)
		expect(await intake.pageImage(clinicianData, { faxId, page: 2 }, 'x')).not.toBeNull()
		expect(await intake.pageImage(clinicianData, { faxId, page: 1 }, 'x')).toBeNull()
		await expect(
			intake.confirm(
				faxId,
				[{ firstPage: 2, lastPage: 2, type: 'lab_result', patientId: whitfield!.id }],
				{ actor: clerk, requestId: 'again' },
			),
		).rejects.toSatisfy((e: unknown) => hasCode(e, 'INTAKE_STATE_CONFLICT'))
	})

	test('refiling takes the document, its chunks and the page out of the chart completely', async () => {
		const [filing] = await handle.db.select().from(faxFilings).where(eq(faxFilings.faxId, faxId))
		const documentId = filing!.documentId!
		await intake.refile(faxId, { reason: 'wrong_patient' }, { actor: clerk, requestId: 'refile' })
		expect(await handle.db.select().from(documents).where(eq(documents.id, documentId))).toEqual([])
		expect(await handle.db.select().from(chunks).where(eq(chunks.documentId, documentId))).toEqual(
			[],
		)
		expect(
			await handle.db
				.select({ id: chunks.id })
				.from(chunks)
				.where(like(sql`${chunks.metadata}::text`, `%${faxId}%`)),
		).toEqual([])
		expect(await intake.pageImage(clinicianData, { faxId, page: 2 }, 'x')).toBeNull()
		expect(await faxRow(faxId)).toMatchObject({ status: 'waiting_review' })
		const [after] = await handle.db.select().from(faxFilings).where(eq(faxFilings.faxId, faxId))
		expect(after).toMatchObject({ removedBy: clerk.userId, documentId: null })
		expect(events.some((e) => e.action === 'fax.unfile' && e.resource.id === faxId)).toBe(true)
	})
})
