import { readFile } from 'node:fs/promises'
import path from 'node:path'
import type { z } from 'zod'
import { bundleResource } from '../fhir/resources.ts'
import { IngestError, INGEST_ERRORS } from './errors.ts'
import { jsonErrorPosition } from './json-position.ts'
import { refId } from './fhir-format.ts'

/**
 * Reads FHIR JSON from disk into raw resources, each with where it was found (`entry[3].resource`
 * of a bundle, `Condition.000.ndjson line 5` of a Bulk Data export), and the aliases a bundle's
 * `fullUrl`s give (`urn:uuid:x` → the resource id). Refuses malformed JSON by line and column and
 * non-bundles by their FHIR path, never quoting content.
 */
export type RawResource = { resourceType: string; id?: string } & Record<string, unknown>
export type FhirInput = {
	/** `where`: the file (and line) it came from; `prefix`: its FHIR path in the file. */
	resources: Array<{ resource: RawResource; where: string; prefix: string }>
	aliases: Map<string, string>
}

export async function readBundle(file: string): Promise<FhirInput> {
	const name = path.basename(file)
	const raw = parseJson(await readFile(file, 'utf8'), name)
	if (!isObject(raw) || raw.resourceType !== 'Bundle')
		throw new IngestError(INGEST_ERRORS.invalidFhir, `${name} is not a FHIR Bundle (resourceType).`)
	const parsed = bundleResource.safeParse(raw)
	if (!parsed.success) throw invalidFhir(name, '', parsed.error)
	const aliases = new Map<string, string>()
	const resources = parsed.data.entry.map((entry, i) => {
		const resource = entry.resource as RawResource
		const alias = refId({ reference: entry.fullUrl })
		if (alias && resource.id) aliases.set(alias, resource.id)
		return { resource, where: name, prefix: `entry[${i}].resource` }
	})
	return { resources, aliases }
}

/** The resources of Bulk Data NDJSON files: one resource a line, blank lines skipped. */
export async function readNdjson(files: string[]): Promise<FhirInput> {
	const resources: FhirInput['resources'] = []
	for (const file of files) {
		const name = path.basename(file)
		const lines = stripBom(await readFile(file, 'utf8')).split('\n')
		for (const [i, line] of lines.entries()) {
			if (!line.trim()) continue
			const where = `${name} line ${i + 1}`
			let raw: unknown
			try {
				raw = JSON.parse(line)
			} catch {
				const { column } = jsonErrorPosition(line)
				throw new IngestError(
					INGEST_ERRORS.malformedJson,
					`${where} is not valid JSON (column ${column}).`,
				)
			}
			if (!isObject(raw) || typeof raw.resourceType !== 'string')
				throw new IngestError(
					INGEST_ERRORS.invalidFhir,
					`${where} is not a FHIR resource (resourceType).`,
				)
			resources.push({ resource: raw as RawResource, where, prefix: '' })
		}
	}
	return { resources, aliases: new Map() }
}

function parseJson(text: string, name: string): unknown {
	const body = stripBom(text)
	try {
		return JSON.parse(body)
	} catch {
		// The native message quotes the text around the error: only the position is reported.
		const { line, column } = jsonErrorPosition(body)
		throw new IngestError(
			INGEST_ERRORS.malformedJson,
			`${name} is not valid JSON (line ${line}, column ${column}).`,
		)
	}
}

/** An INGEST_INVALID_FHIR error naming the first problem's path and kind, never its value. */
export function invalidFhir(where: string, prefix: string, error: z.ZodError): IngestError {
	const issue = error.issues[0]
	const at = [prefix, formatPath(issue?.path ?? [])].filter(Boolean).join('.')
	const kind = issue
		? issue.code === 'invalid_type'
			? `expected ${issue.expected}`
			: issue.code.replace(/_/g, ' ')
		: 'invalid'
	const more = error.issues.length > 1 ? `, and ${error.issues.length - 1} more` : ''
	return new IngestError(
		INGEST_ERRORS.invalidFhir,
		`${where}: invalid FHIR at ${at || '(root)'} (${kind}${more}).`,
	)
}

/** ['entry', 3, 'resource', 'id'] → entry[3].resource.id */
export function formatPath(parts: ReadonlyArray<PropertyKey>): string {
	let out = ''
	for (const part of parts) {
		if (typeof part === 'number') out += `[${part}]`
		else out += out ? `.${String(part)}` : String(part)
	}
	return out
}

function stripBom(text: string): string {
	return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text
}

function isObject(value: unknown): value is Record<string, unknown> {
	return typeof value === 'object' && value !== null && !Array.isArray(value)
}
