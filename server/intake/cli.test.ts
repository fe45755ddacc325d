import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { afterEach, beforeEach, describe, expect, test } from 'vitest'
import { SYSTEM_ACTOR } from '../audit/sink.ts'
import { faxFilesOf, runIntakeCli } from './cli.ts'
import type { IntakeService, Receipt } from './index.ts'

/**
 * `npm run intake -- PATH...` with a fake intake service (the real one has its integration test):
 * usage, how paths expand, the size cap applied before a file is read, and what is printed per
 * file — outcomes and codes, never what a file says. Files are synthetic, in a temporary folder.
 */
const SYNTHETIC_TEXT = 'Patient: Quillon Zarathustrova DOB 03/14/1961 MRN ZX-448812'
const MAX_BYTES = 1024 * 1024

type Status = { status: string; routeReason: string | null; errorCode: string | null }

function fakeIntake(outcomes: Record<string, { receipt: Receipt; status?: Status }> = {}) {
	const calls = {
		opened: 0,
		closed: 0,
		received: [] as Array<{ fileName: string; bytes: number; source: string; actor: unknown }>,
		refused: [] as Array<{ code: string; bytes: number; source: string }>,
	}
	const intake = {
		limits: { maxFileBytes: MAX_BYTES, maxFiles: 20, maxPages: 50, maxPixelsPerPage: 40e6 },
		async receive(
			file: { fileName: string; bytes: Uint8Array },
			options: { actor: unknown; source: string },
		): Promise<Receipt> {
			calls.received.push({
				fileName: file.fileName,
				bytes: file.bytes.byteLength,
				source: options.source,
				actor: options.actor,
			})
			return (
				outcomes[file.fileName]?.receipt ?? {
					fileName: file.fileName,
					outcome: 'received',
					faxId: `fax-${file.fileName}`,
					pages: 1,
				}
			)
		},
		async recordRefused(refused: { code: string; bytes: number }, options: { source: string }) {
			calls.refused.push({ ...refused, source: options.source })
		},
		async statusOf(faxId: string): Promise<Status | null> {
			const entry = Object.values(outcomes).find(
				(o) => o.receipt.outcome !== 'refused' && o.receipt.faxId === faxId,
			)
			return entry?.status ?? { status: 'received', routeReason: null, errorCode: null }
		},
	}
	const open = async () => {
		calls.opened++
		return {
			intake: intake as unknown as IntakeService,
			close: async () => {
				calls.closed++
			},
		}
	}
	return { open, calls }
}

function captureIo() {
	const out: string[] = []
	const err: string[] = []
	return { io: { out: (l: string) => out.push(l), err: (l: string) => err.push(l) }, out, err }
}

let dir: string
beforeEach(async () => {
	dir = await mkdtemp(path.join(os.tmpdir(), 'chartside-intake-cli-'))
})
afterEach(async () => {
	await rm(dir, { recursive: true, force: true })
})

const file = async (name: string, content: string | Uint8Array = SYNTHETIC_TEXT) => {
	const p = path.join(dir, name)
	await mkdir(path.dirname(p), { recursive: true })
	await writeFile(p, content)
	return p
}

describe('usage', () => {
	test('no paths: the usage line on stderr, exit 2, nothing opened', async () => {
		const { open, calls } = fakeIntake()
		const { io, out, err } = captureIo()
		expect(await runIntakeCli([], open, io)).toBe(2)
		expect(err).toEqual(['Usage: npm run intake -- PATH... (fax files, or folders of them)'])
		expect(out).toEqual([])
		expect(calls.opened).toBe(0)
	})

	test('--help: the usage line, exit 2, even with paths', async () => {
		const { open, calls } = fakeIntake()
		const { io, err } = captureIo()
		expect(await runIntakeCli(['--help', await file('a.pdf')], open, io)).toBe(2)
		expect(err[0]).toMatch(/^Usage: npm run intake/)
		expect(calls.opened).toBe(0)
	})

	test('paths holding no fax files: exit 1, nothing opened', async () => {
		const { open, calls } = fakeIntake()
		const { io, err } = captureIo()
		await file('notes.txt')
		expect(await runIntakeCli([dir], open, io)).toBe(1)
		expect(err).toEqual([expect.stringMatching(/^No fax files/)])
		expect(calls.opened).toBe(0)
	})
})

describe('paths', () => {
	test('a folder expands to its fax files by extension, sorted, without subfolders', async () => {
		for (const name of ['b.TIF', 'a.pdf', 'c.jpeg', 'notes.txt', 'scan.png', 'old/z.pdf'])
			await file(name)
		expect((await faxFilesOf([dir])).map((p) => path.relative(dir, p))).toEqual([
			'a.pdf',
			'b.TIF',
			'c.jpeg',
			'scan.png',
		])
	})

	test('files named on the command line are taken as given, whatever their extension', async () => {
		const named = await file('fax.bin')
		const missing = path.join(dir, 'missing.pdf')
		expect(await faxFilesOf([named, missing])).toEqual([named, missing])
	})

	test('each file of a folder is received in order, as the system, from the folder source', async () => {
		for (const name of ['2.pdf', '1.pdf', '3.tiff']) await file(name)
		const { open, calls } = fakeIntake()
		const { io } = captureIo()
		expect(await runIntakeCli([dir], open, io)).toBe(0)
		expect(calls.received.map((r) => r.fileName)).toEqual(['1.pdf', '2.pdf', '3.tiff'])
		expect(calls.received.every((r) => r.source === 'folder' && r.actor === SYSTEM_ACTOR)).toBe(
			true,
		)
		expect(calls.closed).toBe(1)
	})
})

describe('refusals', () => {
	test('a file over the cap is refused from its size, never read, recorded; exit 1', async () => {
		const big = await file('big.pdf', new Uint8Array(MAX_BYTES + 1))
		const small = await file('small.pdf')
		const { open, calls } = fakeIntake()
		const { io, out, err } = captureIo()
		expect(await runIntakeCli([big, small], open, io)).toBe(1)
		expect(calls.received.map((r) => r.fileName)).toEqual(['small.pdf'])
		expect(calls.refused).toEqual([
			{ code: 'INTAKE_FILE_TOO_LARGE', bytes: MAX_BYTES + 1, source: 'folder' },
		])
		expect(err).toEqual(['big.pdf: refused, larger than 1 MB (INTAKE_FILE_TOO_LARGE)'])
		expect(out.at(-1)).toMatch(/^2 file\(s\): 1 received, 0 already held, 1 refused;/)
	})

	test('a path that cannot be read is reported with a code, and the others go on; exit 1', async () => {
		const { open, calls } = fakeIntake()
		const { io, err } = captureIo()
		const ok = await file('ok.pdf')
		expect(await runIntakeCli([path.join(dir, 'gone.pdf'), ok], open, io)).toBe(1)
		expect(err).toEqual(['gone.pdf: cannot be read (INTAKE_NO_FILES)'])
		expect(calls.received.map((r) => r.fileName)).toEqual(['ok.pdf'])
	})

	test('the service is closed even when receiving throws', async () => {
		const { open, calls } = fakeIntake()
		const failing = async () => {
			const opened = await open()
			opened.intake.receive = async () => {
				throw new Error('database gone')
			}
			return opened
		}
		const { io } = captureIo()
		await expect(runIntakeCli([await file('a.pdf')], failing, io)).rejects.toThrow('database gone')
		expect(calls.closed).toBe(1)
	})
})

describe('what is printed', () => {
	test('one line per file with its outcome and code, a summary, and never the file’s content', async () => {
		const paths = [
			await file('1-refused.pdf'),
			await file('2-waiting.pdf'),
			await file('3-filed.pdf'),
			await file('4-failed.pdf'),
			await file('5-again.pdf'),
		]
		const { open } = fakeIntake({
			'1-refused.pdf': {
				receipt: {
					fileName: '1-refused.pdf',
					outcome: 'refused',
					code: 'INTAKE_UNSUPPORTED_FILE',
					message: 'The file is not a PDF, TIFF, PNG or JPEG.',
				},
			},
			'2-waiting.pdf': {
				receipt: { fileName: '2-waiting.pdf', outcome: 'received', faxId: 'f2', pages: 3 },
				status: { status: 'waiting_review', routeReason: 'no_match', errorCode: null },
			},
			'3-filed.pdf': {
				receipt: { fileName: '3-filed.pdf', outcome: 'received', faxId: 'f3', pages: 1 },
				status: { status: 'filed', routeReason: 'auto_filed', errorCode: null },
			},
			'4-failed.pdf': {
				receipt: { fileName: '4-failed.pdf', outcome: 'received', faxId: 'f4', pages: 2 },
				status: { status: 'failed', routeReason: null, errorCode: 'INTAKE_OCR_FAILED' },
			},
			'5-again.pdf': {
				receipt: { fileName: '5-again.pdf', outcome: 'duplicate', faxId: 'f3', pages: 1 },
				status: { status: 'filed', routeReason: 'auto_filed', errorCode: null },
			},
		})
		const { io, out, err } = captureIo()
		expect(await runIntakeCli(paths, open, io)).toBe(1)
		expect(err).toEqual([
			'1-refused.pdf: refused, The file is not a PDF, TIFF, PNG or JPEG. (INTAKE_UNSUPPORTED_FILE)',
		])
		expect(out).toEqual([
			'2-waiting.pdf: received, 3 pages; waiting for review (no_match) (fax f2)',
			'3-filed.pdf: received, 1 page; filed (fax f3)',
			'4-failed.pdf: received, 2 pages; failed (INTAKE_OCR_FAILED) (fax f4)',
			'5-again.pdf: already received; filed (fax f3)',
			'5 file(s): 3 received, 1 already held, 1 refused; 2 filed, 1 waiting for review, 1 failed.',
		])
		for (const line of [...out, ...err]) {
			expect(line).not.toContain('Zarathustrova')
			expect(line).not.toContain('ZX-448812')
		}
	})

	test('all received: exit 0', async () => {
		const { open } = fakeIntake()
		const { io, out, err } = captureIo()
		expect(await runIntakeCli([await file('a.pdf')], open, io)).toBe(0)
		expect(err).toEqual([])
		expect(out).toEqual([
			'a.pdf: received, 1 page; queued for reading (fax fax-a.pdf)',
			'1 file(s): 1 received, 0 already held, 0 refused; 0 filed, 0 waiting for review, 0 failed.',
		])
	})
})
