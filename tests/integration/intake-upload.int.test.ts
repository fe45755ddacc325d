import http from 'node:http'
import v8 from 'node:v8'
import vm from 'node:vm'
import { count } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { faxes } from '#db/schema/faxes.ts'
import {
	makeEncryptedPdf,
	makePngBomb,
	makeTextPdf,
	makeTiff,
	makeZip,
	truncate,
} from '#server/intake/files/test-files.ts'
import type { LedgerEntry } from '#server/audit/events.ts'
import { startAppServer, type AppServer } from '#tests/helpers/app-server.ts'
import { actionData } from '#tests/helpers/single-fetch.ts'

/**
 * The fax upload over HTTP on the real app (ADR 034, 039), signed in as Jordan Lee (intake-lee):
 * one test per rejected case, each asserting what the uploader is told (status, receipt, plain
 * words and code), that nothing was stored, and the ledger event where one is promised. The
 * upload goes where the intake screen's fetcher sends it (`/intake.data?index`, single fetch).
 * Caps are small on this server (1 MB per file, 3 files, 2 pages) so that every cap can be hit
 * with small synthetic files; the job queue only sends (nothing is read in the background).
 */
const MB = 1024 * 1024
const MAX_FILES = 3
const UPLOAD = '/intake.data?index'

let server: AppServer
let lee: { cookie: string; csrf: string; userId: string }

type Receipt =
	| { fileName: string; outcome: 'received' | 'duplicate'; faxId: string; pages: number }
	| { fileName: string; outcome: 'refused'; code: string; message: string }

type Part = { name: string; value: string } | { name: string; fileName: string; bytes: Uint8Array }

const csrfPart = (): Part => ({ name: 'csrf', value: lee.csrf })
const filePart = (fileName: string, bytes: Uint8Array): Part => ({ name: 'file', fileName, bytes })

/** A multipart body with its parts in the order given (FormData keeps insertion order). */
function form(parts: Part[]): FormData {
	const body = new FormData()
	for (const part of parts)
		if ('value' in part) body.append(part.name, part.value)
		else body.append(part.name, new Blob([new Uint8Array(part.bytes)]), part.fileName)
	return body
}

const post = (body: BodyInit, headers: Record<string, string> = {}) =>
	fetch(`${server.base}${UPLOAD}`, {
		method: 'POST',
		headers: { cookie: lee.cookie, ...headers },
		body,
		redirect: 'manual',
	})

const upload = (parts: Part[]) => post(form(parts))

/** The receipts of an upload the server answered with 200. */
async function receiptsOf(response: Response): Promise<Receipt[]> {
	expect(response.status).toBe(200)
	return ((await actionData(response)) as { receipts: Receipt[] }).receipts
}

/** The words and code of an upload refused as a whole. */
async function refusalOf(response: Response) {
	return (await actionData(response)) as { error: string; code: string }
}

/** Faxes held, counted on the intake system path (row-level security would show a test none). */
const storedFaxes = async () =>
	Number(
		(await server.services.system.systemDatabase('intake').db.select({ n: count() }).from(faxes))[0]
			?.n,
	)

/** The ledger entries of one request (by the X-Request-Id the app answered with). */
async function eventsOf(response: Response): Promise<LedgerEntry[]> {
	const requestId = response.headers.get('x-request-id')
	expect(requestId).toBeTruthy()
	return (await server.events(200)).filter((e) => e.requestId === requestId)
}

/** Plain words: a sentence for a person, no stack, no library text, no file content. */
function expectPlainWords(message: string) {
	expect(message).toMatch(/^[A-Z].{10,200}[.!]$/)
	expect(message).not.toMatch(/Error:|at .+\.(ts|js):|busboy|pdf\.js|Unexpected/i)
}

/** Each refused file is recorded by its code and size, as a failed fax.receive (ADR 039). */
function expectRefusalRecorded(events: LedgerEntry[], code: string) {
	expect(events).toContainEqual(
		expect.objectContaining({
			action: 'fax.receive',
			outcome: 'failed',
			decision: 'deny',
			details: expect.objectContaining({ errorCode: code, source: 'upload' }),
		}),
	)
}

/** A file the server refuses by its bytes: refused receipt, nothing stored, refusal recorded. */
async function expectFileRefused(fileName: string, bytes: Uint8Array, code: string) {
	const before = await storedFaxes()
	const response = await upload([csrfPart(), filePart(fileName, bytes)])
	const receipts = await receiptsOf(response)
	expect(receipts).toEqual([{ fileName, outcome: 'refused', code, message: expect.any(String) }])
	expectPlainWords((receipts[0] as { message: string }).message)
	expect(await storedFaxes()).toBe(before)
	expectRefusalRecorded(await eventsOf(response), code)
}

let validPdf: Buffer

beforeAll(async () => {
	server = await startAppServer(
		{
			INTAKE_MAX_FILE_MB: '1',
			INTAKE_MAX_FILES: String(MAX_FILES),
			INTAKE_MAX_PAGES: '2',
		},
		{ jobs: 'client' },
	)
	lee = await server.sessionFor('intake-lee')
	validPdf = await makeTextPdf({ pages: [['Synthetic referral for the upload test.', 'Page one']] })
})

afterAll(async () => {
	await server.stop()
})

describe('the upload refuses, one test per case', () => {
	test('no CSRF token: 403, the valid file is not stored, the refusal is recorded', async () => {
		const before = await storedFaxes()
		const response = await upload([filePart('referral.pdf', validPdf)])
		expect(response.status).toBe(403)
		expect(await storedFaxes()).toBe(before)
		expect(await eventsOf(response)).toContainEqual(
			expect.objectContaining({
				action: 'access.denied',
				policy: 'authn.csrf',
				actor: expect.objectContaining({ userId: lee.userId }),
			}),
		)
	})

	test('a wrong CSRF token: 403, nothing stored, recorded', async () => {
		const before = await storedFaxes()
		const response = await upload([
			{ name: 'csrf', value: 'not-the-session-token' },
			filePart('referral.pdf', validPdf),
		])
		expect(response.status).toBe(403)
		expect(await storedFaxes()).toBe(before)
		expect(await eventsOf(response)).toContainEqual(
			expect.objectContaining({ action: 'access.denied', policy: 'authn.csrf' }),
		)
	})

	test('the CSRF token after the file part: refused too (the file is not handled first)', async () => {
		const before = await storedFaxes()
		const response = await upload([filePart('referral.pdf', validPdf), csrfPart()])
		expect(response.status).toBe(403)
		expect(await storedFaxes()).toBe(before)
		const events = await eventsOf(response)
		expect(events).toContainEqual(
			expect.objectContaining({ action: 'access.denied', policy: 'authn.csrf' }),
		)
		expect(events.filter((e) => e.action === 'fax.receive')).toEqual([])
	})

	test('a urlencoded body: 400 INTAKE_NO_FILES', async () => {
		const before = await storedFaxes()
		const response = await post(new URLSearchParams({ csrf: lee.csrf, file: 'referral.pdf' }))
		expect(response.status).toBe(400)
		const refusal = await refusalOf(response)
		expect(refusal).toEqual({ error: expect.any(String), code: 'INTAKE_NO_FILES' })
		expectPlainWords(refusal.error)
		expect(await storedFaxes()).toBe(before)
	})

	test('a JSON body: 400 INTAKE_NO_FILES', async () => {
		const before = await storedFaxes()
		const response = await post(JSON.stringify({ csrf: lee.csrf, files: ['JVBERi0='] }), {
			'content-type': 'application/json',
		})
		expect(response.status).toBe(400)
		expect(await refusalOf(response)).toMatchObject({ code: 'INTAKE_NO_FILES' })
		expect(await storedFaxes()).toBe(before)
	})

	test('a multipart form without a file: 400 INTAKE_NO_FILES', async () => {
		const before = await storedFaxes()
		const response = await upload([csrfPart(), { name: 'note', value: 'nothing attached' }])
		expect(response.status).toBe(400)
		const refusal = await refusalOf(response)
		expect(refusal.code).toBe('INTAKE_NO_FILES')
		expectPlainWords(refusal.error)
		expect(await storedFaxes()).toBe(before)
	})

	test('a file over the size cap is refused while streaming; the other file is received', async () => {
		const before = await storedFaxes()
		const big = new Uint8Array(MB + 100_000)
		big.set(validPdf) // a real PDF's start: only the size is wrong
		const small = await makeTextPdf({ pages: [['Synthetic lab result beside a large file.']] })
		const response = await upload([
			csrfPart(),
			filePart('large.pdf', big),
			filePart('small.pdf', small),
		])
		const receipts = await receiptsOf(response)
		expect(receipts).toEqual([
			{
				fileName: 'large.pdf',
				outcome: 'refused',
				code: 'INTAKE_FILE_TOO_LARGE',
				message: 'The file is larger than 1 MB.',
			},
			{ fileName: 'small.pdf', outcome: 'received', faxId: expect.any(String), pages: 1 },
		])
		expect(await storedFaxes()).toBe(before + 1)
		const events = await eventsOf(response)
		expectRefusalRecorded(events, 'INTAKE_FILE_TOO_LARGE')
		expect(events).toContainEqual(
			expect.objectContaining({ action: 'fax.receive', outcome: 'success' }),
		)
	})

	test('more files than INTAKE_MAX_FILES: the extra ones are refused, the first are received', async () => {
		const before = await storedFaxes()
		const files = await Promise.all(
			Array.from({ length: MAX_FILES + 1 }, (_, i) =>
				makeTextPdf({ pages: [[`Synthetic fax number ${i + 1} of a crowded upload.`]] }),
			),
		)
		const response = await upload([
			csrfPart(),
			...files.map((bytes, i) => filePart(`fax-${i + 1}.pdf`, bytes)),
		])
		const receipts = await receiptsOf(response)
		expect(receipts.filter((r) => r.outcome === 'received')).toHaveLength(MAX_FILES)
		expect(receipts.filter((r) => r.outcome === 'refused')).toEqual([
			{
				fileName: `files after the first ${MAX_FILES}`,
				outcome: 'refused',
				code: 'INTAKE_TOO_MANY_FILES',
				message: expect.stringMatching(/^At most 3 files/),
			},
		])
		expect(await storedFaxes()).toBe(before + MAX_FILES)
		expectRefusalRecorded(await eventsOf(response), 'INTAKE_TOO_MANY_FILES')
	})

	test('a declared Content-Length over the ceiling: 413 before the body is read', async () => {
		const before = await storedFaxes()
		const url = new URL(`${server.base}${UPLOAD}`)
		const boundary = 'chartside-test-boundary'
		// Headers only, and a first part: the rest of the declared 500 MB is never sent.
		const { status, body } = await new Promise<{ status: number; body: string }>(
			(resolve, reject) => {
				const request = http.request(url, {
					method: 'POST',
					headers: {
						cookie: lee.cookie,
						'content-type': `multipart/form-data; boundary=${boundary}`,
						'content-length': String(500 * MB),
					},
				})
				request.on('response', (response) => {
					const chunks: Buffer[] = []
					response.on('data', (chunk: Buffer) => chunks.push(chunk))
					response.on('end', () => {
						request.destroy()
						resolve({ status: response.statusCode ?? 0, body: Buffer.concat(chunks).toString() })
					})
				})
				request.on('error', reject)
				request.write(
					`--${boundary}\r\nContent-Disposition: form-data; name="csrf"\r\n\r\n${lee.csrf}\r\n`,
				)
			},
		)
		expect(status).toBe(413)
		expect(body).toContain('INTAKE_FILE_TOO_LARGE')
		expect(await storedFaxes()).toBe(before)
	})

	test('a zero-byte file: INTAKE_EMPTY_FILE', async () => {
		await expectFileRefused('empty.pdf', new Uint8Array(0), 'INTAKE_EMPTY_FILE')
	})

	test('a ZIP renamed .pdf: INTAKE_UNSUPPORTED_FILE', async () => {
		await expectFileRefused('referral.pdf', makeZip(), 'INTAKE_UNSUPPORTED_FILE')
	})

	test('an encrypted PDF: INTAKE_ENCRYPTED_PDF', async () => {
		await expectFileRefused('locked.pdf', await makeEncryptedPdf(), 'INTAKE_ENCRYPTED_PDF')
	})

	test('a truncated PDF: INTAKE_MALFORMED_FILE', async () => {
		await expectFileRefused('cut.pdf', truncate(await makeTextPdf()), 'INTAKE_MALFORMED_FILE')
	})

	test('a PNG decompression bomb: INTAKE_IMAGE_TOO_LARGE', async () => {
		await expectFileRefused('bomb.png', makePngBomb(), 'INTAKE_IMAGE_TOO_LARGE')
	})

	test('a TIFF with more pages than allowed: INTAKE_TOO_MANY_PAGES', async () => {
		const tiff = await makeTiff({ pages: 3, heightInches: 2 })
		await expectFileRefused('long.tif', tiff, 'INTAKE_TOO_MANY_PAGES')
	})

	test('a multipart body that ends mid-file: a clear error, nothing half-stored', async () => {
		const before = await storedFaxes()
		const boundary = 'chartside-test-boundary'
		const head = `--${boundary}\r\nContent-Disposition: form-data; name="csrf"\r\n\r\n${lee.csrf}\r\n--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="cut.pdf"\r\nContent-Type: application/pdf\r\n\r\n`
		// The body stops inside the file: no closing boundary.
		const body = Buffer.concat([Buffer.from(head), validPdf.subarray(0, validPdf.length >> 1)])
		const response = await post(body, {
			'content-type': `multipart/form-data; boundary=${boundary}`,
		})
		expect(response.status).toBe(400)
		const refusal = await refusalOf(response)
		expect(refusal.code).toBe('INTAKE_NO_FILES')
		expectPlainWords(refusal.error)
		expect(await storedFaxes()).toBe(before)
	})

	test('a connection closed mid-upload: nothing half-stored, and the next upload works', async () => {
		const before = await storedFaxes()
		const boundary = 'chartside-test-boundary'
		const url = new URL(`${server.base}${UPLOAD}`)
		const closed = await new Promise<string>((resolve) => {
			const request = http.request(url, {
				method: 'POST',
				headers: {
					cookie: lee.cookie,
					'content-type': `multipart/form-data; boundary=${boundary}`,
					'content-length': String(MB),
				},
			})
			request.on('response', (response) => resolve(`answered ${response.statusCode}`))
			request.on('error', () => resolve('closed'))
			request.write(
				`--${boundary}\r\nContent-Disposition: form-data; name="csrf"\r\n\r\n${lee.csrf}\r\n--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="half.pdf"\r\n\r\n`,
			)
			request.write(validPdf.subarray(0, validPdf.length >> 1), () =>
				setTimeout(() => request.destroy(), 200),
			)
		})
		expect(closed).toBe('closed')
		// Give the server time to see the end of the stream, then check it kept nothing.
		await new Promise((resolve) => setTimeout(resolve, 300))
		expect(await storedFaxes()).toBe(before)
		const next = await upload([
			csrfPart(),
			filePart('after.pdf', await makeTextPdf({ pages: [['Synthetic fax after a dropped one.']] })),
		])
		expect((await receiptsOf(next))[0]).toMatchObject({ outcome: 'received' })
		expect(await storedFaxes()).toBe(before + 1)
	})
})

describe('the upload receives', () => {
	test('several valid files at once, each kept once; the same file again is a duplicate', async () => {
		const before = await storedFaxes()
		const pdf = await makeTextPdf({
			pages: [['Synthetic consult note, page one.'], ['Synthetic consult note, page two.']],
		})
		const tiff = await makeTiff({ pages: 2, heightInches: 2 })
		const response = await upload([
			csrfPart(),
			filePart('consult.pdf', pdf),
			filePart('scan.tif', tiff),
		])
		const receipts = await receiptsOf(response)
		expect(receipts).toEqual([
			{ fileName: 'consult.pdf', outcome: 'received', faxId: expect.any(String), pages: 2 },
			{ fileName: 'scan.tif', outcome: 'received', faxId: expect.any(String), pages: 2 },
		])
		expect(await storedFaxes()).toBe(before + 2)
		const received = (await eventsOf(response)).filter(
			(e) => e.action === 'fax.receive' && e.outcome === 'success',
		)
		expect(received.map((e) => e.resource.id).sort()).toEqual(
			receipts.map((r) => (r as { faxId: string }).faxId).sort(),
		)

		const again = await upload([csrfPart(), filePart('consult-again.pdf', pdf)])
		const [duplicate] = await receiptsOf(again)
		expect(duplicate).toEqual({
			fileName: 'consult-again.pdf',
			outcome: 'duplicate',
			faxId: (receipts[0] as { faxId: string }).faxId,
			pages: 2,
		})
		expect(await storedFaxes()).toBe(before + 2)
	})
})

describe('the upload is read as a stream', () => {
	const boundary = 'chartside-stream-boundary'
	const fieldPart = (name: string, value: string) =>
		Buffer.from(
			`--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`,
		)
	const fileHead = (fileName: string) =>
		Buffer.from(
			`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${fileName}"\r\nContent-Type: application/octet-stream\r\n\r\n`,
		)
	const end = Buffer.from(`--${boundary}--\r\n`)

	/** A chunked upload (no Content-Length) whose body the test writes as it goes. */
	function openUpload(pull?: () => Uint8Array | null) {
		let controller!: ReadableStreamDefaultController<Uint8Array>
		const body = new ReadableStream<Uint8Array>(
			pull
				? {
						pull(c) {
							const chunk = pull()
							if (chunk) c.enqueue(chunk)
							else c.close()
						},
					}
				: {
						start(c) {
							controller = c
						},
					},
		)
		const response = fetch(`${server.base}${UPLOAD}`, {
			method: 'POST',
			headers: { cookie: lee.cookie, 'content-type': `multipart/form-data; boundary=${boundary}` },
			body,
			duplex: 'half',
		} as RequestInit)
		return {
			write: (chunk: Uint8Array) => controller.enqueue(chunk),
			close: () => controller.close(),
			response,
		}
	}

	test('a file is received as soon as its part ends, while the request is still open', async () => {
		const before = await storedFaxes()
		const first = await makeTextPdf({ pages: [['Synthetic fax, first of a slow upload.']] })
		const second = await makeTextPdf({ pages: [['Synthetic fax, second of a slow upload.']] })
		const stream = openUpload()
		stream.write(fieldPart('csrf', lee.csrf))
		stream.write(Buffer.concat([fileHead('first.pdf'), first, Buffer.from('\r\n')]))
		stream.write(fileHead('second.pdf'))
		// A server that buffered the whole request would store nothing until the body ends.
		let stored = before
		for (let i = 0; i < 100 && stored === before; i++) {
			await new Promise((resolve) => setTimeout(resolve, 100))
			stored = await storedFaxes()
		}
		expect(stored).toBe(before + 1)
		stream.write(Buffer.concat([second, Buffer.from('\r\n'), end]))
		stream.close()
		const receipts = await receiptsOf(await stream.response)
		expect(receipts.map((r) => [r.fileName, r.outcome])).toEqual([
			['first.pdf', 'received'],
			['second.pdf', 'received'],
		])
		expect(await storedFaxes()).toBe(before + 2)
	})

	test('a 30 MB file over the 1 MB cap is refused without the server holding it', async () => {
		// Live memory, not timing: a full collection before each sample drops the garbage of
		// the chunks already read, so what is left is what the server still holds. A server
		// that buffered the request would hold the ~30 MB sent so far by the last samples.
		v8.setFlagsFromString('--expose-gc')
		const gc = vm.runInNewContext('gc') as () => void
		const chunk = new Uint8Array(64 * 1024) // sent again and again: the client holds 64 KB
		const total = 30 * MB
		const live = () => {
			gc()
			return process.memoryUsage().arrayBuffers
		}
		const baseline = live()
		let sent = 0
		let peak = 0
		let step = 0
		const parts = [fieldPart('csrf', lee.csrf), fileHead('huge.pdf'), Buffer.from('%PDF-1.7\n')]
		const before = await storedFaxes()
		const stream = openUpload(() => {
			const next = parts.shift()
			if (next) return next
			if (sent >= total) {
				if (sent === total) {
					sent++
					return Buffer.concat([Buffer.from('\r\n'), end])
				}
				return null
			}
			sent += chunk.length
			if (++step % 32 === 0) peak = Math.max(peak, live() - baseline)
			return chunk
		})
		const receipts = await receiptsOf(await stream.response)
		expect(sent).toBeGreaterThan(total)
		expect(receipts).toEqual([
			{
				fileName: 'huge.pdf',
				outcome: 'refused',
				code: 'INTAKE_FILE_TOO_LARGE',
				message: 'The file is larger than 1 MB.',
			},
		])
		expect(await storedFaxes()).toBe(before)
		expect(peak).toBeLessThan(10 * MB)
	})
})
