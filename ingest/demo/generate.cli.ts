/**
 * Writes the demo hospital's FHIR R4 bundles to ingest/demo/bundles/ (committed).
 * Run after editing patients.ts: `npm run demo:generate`. A unit test checks that the committed
 * bundles match this generator, so the two cannot drift.
 */
import { mkdir, writeFile } from 'node:fs/promises'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { DEMO_USERS } from '#server/auth/demo-users.ts'
import { buildDemoBundle } from './fhir-bundle.ts'
import { DEMO_PATIENTS } from './patients.ts'
import { DEMO_BUNDLES_DIR } from './seed.ts'

export function renderDemoBundles(): Array<{ file: string; json: string }> {
	const names = Object.fromEntries(DEMO_USERS.map((u) => [u.subject, u.displayName]))
	return DEMO_PATIENTS.map((patient, i) => ({
		file: `${String(i + 1).padStart(2, '0')}-${patient.key}.json`,
		json: JSON.stringify(buildDemoBundle(patient, names), null, 2) + '\n',
	}))
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
	await mkdir(DEMO_BUNDLES_DIR, { recursive: true })
	for (const { file, json } of renderDemoBundles()) {
		await writeFile(path.join(DEMO_BUNDLES_DIR, file), json)
		console.log(`wrote ingest/demo/bundles/${file}`)
	}
}
