import { readdir, readFile } from 'node:fs/promises'
import path from 'node:path'
import type { z } from 'zod'
import type { ErrorCode } from '#server/platform/errors.ts'

/**
 * Reading evaluation data (DESIGN.md, "Evaluation data formats"): the JSONL files of a suite are
 * every `<prefix>*.jsonl` in the data folder, in name order. A bad line is reported by file and
 * line number, never by its content (the text may be chart text).
 */
export class EvalDataError extends Error {
	readonly code = 'EVAL_DATA_INVALID' satisfies ErrorCode
	constructor(message: string, options?: { cause?: unknown }) {
		super(message, options)
		this.name = 'EvalDataError'
	}
}

export async function suiteFiles(dataDir: string, prefix: string): Promise<string[]> {
	let names: string[]
	try {
		names = await readdir(dataDir)
	} catch (error) {
		throw new EvalDataError(`cannot read the data folder ${dataDir}`, { cause: error })
	}
	return names
		.filter((n) => n.startsWith(prefix) && n.endsWith('.jsonl'))
		.sort()
		.map((n) => path.join(dataDir, n))
}

export async function readJsonl<T>(file: string, schema: z.ZodType<T>): Promise<T[]> {
	const text = await readFile(file, 'utf8')
	const out: T[] = []
	const lines = text.split('\n')
	for (let i = 0; i < lines.length; i++) {
		const line = lines[i] ?? ''
		if (!line.trim()) continue
		let value: unknown
		try {
			value = JSON.parse(line)
		} catch {
			throw new EvalDataError(`${path.basename(file)} line ${i + 1}: not JSON`)
		}
		const parsed = schema.safeParse(value)
		if (!parsed.success)
			throw new EvalDataError(
				`${path.basename(file)} line ${i + 1}: fields ${parsed.error.issues.map((x) => x.path.join('.')).join(', ')} do not match the format`,
			)
		out.push(parsed.data)
	}
	return out
}

export async function readSuite<T>(dataDir: string, prefix: string, schema: z.ZodType<T>) {
	const files = await suiteFiles(dataDir, prefix)
	const all: T[] = []
	for (const file of files) all.push(...(await readJsonl(file, schema)))
	return { files, cases: all }
}

/** Case-insensitive containment, on whitespace-normalized text. */
export const containsText = (haystack: string, needle: string) =>
	norm(haystack).includes(norm(needle))
const norm = (s: string) => s.toLowerCase().replace(/\s+/g, ' ').trim()

export const rate = (k: number, n: number) => (n > 0 ? k / n : 0)
