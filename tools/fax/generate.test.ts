import { createHash } from 'node:crypto'
import { mkdtemp, readFile, readdir, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import sharp from 'sharp'
import UTIF from 'utif2'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { z } from 'zod'
import { FAX_LABELS } from './context.ts'
import { formatDate, formatName, formatPhone } from './formats.ts'
import { badUploadCase, faxCase, type FaxCase } from './format.ts'
import { generateFaxSet, splitOf, TEMPLATES } from './generate.ts'

// The demo hospital's committed bundles only, so the test does not depend on shared data.
const CHARTS = [path.resolve('ingest/demo/bundles')]
const COUNT = 14

/** Each line through the zod schema, as evals/data.ts reads a suite (tools/ may not import evals/). */
async function readJsonl<T>(file: string, schema: z.ZodType<T>): Promise<T[]> {
	const lines = (await readFile(file, 'utf8')).split('\n').filter((l) => l.trim())
	return lines.map((l) => schema.parse(JSON.parse(l)))
}

async function digestTree(dir: string): Promise<Record<string, string>> {
	const out: Record<string, string> = {}
	for (const entry of await readdir(dir, { recursive: true, withFileTypes: true })) {
		if (!entry.isFile()) continue
		const file = path.join(entry.parentPath, entry.name)
		out[path.relative(dir, file)] = createHash('sha256')
			.update(await readFile(file))
			.digest('hex')
	}
	return out
}

describe('the fax generator', () => {
	let a: string
	let b: string
	let faxes: FaxCase[]
	beforeAll(async () => {
		a = await mkdtemp(path.join(tmpdir(), 'faxgen-a-'))
		b = await mkdtemp(path.join(tmpdir(), 'faxgen-b-'))
		await generateFaxSet({ out: a, seed: 5, count: COUNT, chartDirs: CHARTS })
		await generateFaxSet({ out: b, seed: 5, count: COUNT, chartDirs: CHARTS })
		faxes = await readJsonl(path.join(a, 'fax.jsonl'), faxCase)
	}, 120_000)
	afterAll(async () => {
		await rm(a, { recursive: true, force: true })
		await rm(b, { recursive: true, force: true })
	})

	it('writes the same bytes for the same seed', async () => {
		const [da, db] = [await digestTree(a), await digestTree(b)]
		expect(Object.keys(da).length).toBeGreaterThan(COUNT)
		expect(da).toEqual(db)
	})

	it('writes a fax.jsonl that parses, with every label and a file for each line', async () => {
		expect(faxes).toHaveLength(COUNT)
		expect(new Set(faxes.map((f) => f.label))).toEqual(new Set(FAX_LABELS))
		for (const f of faxes) {
			expect(f.text.split('\f')).toHaveLength(f.pages)
			const bytes = await readFile(path.join(a, f.file))
			expect(bytes.length).toBeGreaterThan(100)
			expect(f.split).toBe(splitOf(f.id))
		}
		const patients = new Set(faxes.map((f) => f.patient))
		expect(patients.has(null)).toBe(true)
		expect([...patients].some((p) => p !== null)).toBe(true)
	})

	it('writes TIFF pages that read back one by one, in CCITT G4 at the stated resolution', async () => {
		const tiffs = faxes.filter((f) => f.format.startsWith('tiff-'))
		expect(tiffs.length).toBeGreaterThan(0)
		for (const f of tiffs) {
			const bytes = await readFile(path.join(a, f.file))
			expect((await sharp(bytes).metadata()).pages ?? 1).toBe(f.pages)
			const last = await sharp(bytes, { page: f.pages - 1 }).metadata()
			expect(last.width).toBe(1728)
			for (const ifd of UTIF.decode(bytes)) {
				expect(ifd.t259).toEqual([f.format === 'tiff-lzw-fine' ? 5 : 4])
				expect(ifd.t283).toEqual([[f.dpi[1], 1]])
			}
		}
	})

	it('writes the bad uploads with the expected error codes', async () => {
		const bad = await readJsonl(path.join(a, 'bad-uploads.jsonl'), badUploadCase)
		const problems = new Set(bad.map((x) => x.problem))
		for (const code of [
			'INTAKE_EMPTY_FILE',
			'INTAKE_MALFORMED_FILE',
			'INTAKE_ENCRYPTED_PDF',
			'INTAKE_UNSUPPORTED_FILE',
			'INTAKE_IMAGE_TOO_LARGE',
			'INTAKE_TOO_MANY_PAGES',
		])
			expect(problems).toContain(code)
		const bomb = await readFile(path.join(a, 'bad/bomb-60000.png'))
		expect(bomb.length).toBeLessThan(2000)
		expect(bomb.readUInt32BE(16)).toBe(60000)
		const many = await readFile(path.join(a, 'bad/sixty-pages.tif'))
		expect((await sharp(many).metadata()).pages).toBe(60)
		expect((await readFile(path.join(a, 'bad/encrypted.pdf'))).includes('/Encrypt')).toBe(true)
	})

	it('has development and holdout templates for every label', () => {
		for (const label of FAX_LABELS) {
			const sets = new Set(TEMPLATES.filter((t) => t.label === label).map((t) => t.set))
			expect(sets).toEqual(new Set(['A', 'B']))
		}
	})
})

describe('demographic formats', () => {
	it('writes names, dates and phones in their several forms', () => {
		const p = { given: 'John', family: 'Smith', middle: 'A' }
		expect(formatName(p, 'LAST, FIRST')).toBe('SMITH, JOHN')
		expect(formatName(p, 'First M. Last')).toBe('John A. Smith')
		expect(formatName(p, 'Last First')).toBe('Smith John')
		expect(formatDate('1956-03-04', 'MM/DD/YYYY')).toBe('03/04/1956')
		expect(formatDate('1956-03-04', 'M/D/YY')).toBe('3/4/56')
		expect(formatDate('1956-03-04', 'Month D, YYYY')).toBe('March 4, 1956')
		expect(formatDate('1956-03-04', 'DD-Mon-YYYY')).toBe('04-Mar-1956')
		expect(formatPhone('6175550142', '(AAA) BBB-CCCC')).toBe('(617) 555-0142')
		expect(formatPhone('617-555-0142', 'AAA.BBB.CCCC')).toBe('617.555.0142')
	})
})
