import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import PDFDocument from 'pdfkit'
import { expect } from 'vitest'
import type { LoadedDocument } from './types.ts'

/**
 * Test-only helpers for the loader tests: a scratch folder per test file, synthetic FHIR
 * resources, and PDFs made with pdfkit (one with a text layer, one with only a drawing). All data
 * here is invented.
 */

/** A name planted in fixtures: no error message may ever contain it. */
export const PLANTED = { given: 'Quillon', family: 'Zarathustrova', note: 'Xylophonic' }

export async function scratchDir() {
	const dir = await mkdtemp(path.join(tmpdir(), 'chartside-loaders-'))
	return {
		dir,
		async write(name: string, content: string | Uint8Array) {
			const file = path.join(dir, name)
			await mkdir(path.dirname(file), { recursive: true })
			await writeFile(file, content)
			return file
		},
		remove: () => rm(dir, { recursive: true, force: true }),
	}
}

export function makePdf(draw: (doc: PDFKit.PDFDocument) => void): Promise<Buffer> {
	return new Promise((resolve, reject) => {
		const doc = new PDFDocument({ compress: false })
		const chunks: Buffer[] = []
		doc.on('data', (chunk: Buffer) => chunks.push(chunk))
		doc.on('end', () => resolve(Buffer.concat(chunks)))
		doc.on('error', reject)
		draw(doc)
		doc.end()
	})
}

export const textPdf = (lines: string[]) =>
	makePdf((doc) => {
		for (const line of lines) doc.text(line)
	})

export const drawingOnlyPdf = () => makePdf((doc) => doc.rect(72, 72, 200, 100).stroke())

type Resource = { resourceType: string; id?: string } & Record<string, unknown>

export function bundle(resources: Resource[], type = 'collection') {
	return JSON.stringify({
		resourceType: 'Bundle',
		type,
		entry: resources.map((resource) => ({
			...(resource.id ? { fullUrl: `urn:uuid:${resource.id}` } : {}),
			resource,
		})),
	})
}

export const base64 = (text: string) => Buffer.from(text, 'utf8').toString('base64')

/** Sections with text, document ids covering the sections' ids, a title. */
export function expectWellFormed(d: LoadedDocument) {
	expect(d.sections.length, d.sourceId).toBeGreaterThan(0)
	for (const s of d.sections) expect(s.text.trim(), `${d.sourceId} ${s.heading}`).not.toBe('')
	const union = new Set(d.sections.flatMap((s) => s.fhirIds))
	for (const id of union) expect(d.fhirIds, d.sourceId).toContain(id)
	expect(d.title.trim()).not.toBe('')
}
