import { readdir, readFile } from 'node:fs/promises'
import path from 'node:path'
import { ESLint } from 'eslint'
import { describe, expect, test } from 'vitest'
import { SYSTEM_PATHS } from './system-access.ts'

/**
 * ADR 031: the owner database is obtained only through the named system paths, in one place, and
 * the services that touch PHI hold no database at all. Proven on the source itself (a grep over
 * server/) and by the lint rule that refuses the imports (eslint.config.js).
 */
const SERVER = path.resolve('server')

async function sources(dir = SERVER): Promise<Array<{ file: string; text: string }>> {
	const out: Array<{ file: string; text: string }> = []
	for (const entry of await readdir(dir, { withFileTypes: true })) {
		const full = path.join(dir, entry.name)
		if (entry.isDirectory()) out.push(...(await sources(full)))
		else if (/\.ts$/.test(entry.name) && !/\.test\.ts$/.test(entry.name))
			out.push({ file: path.relative(process.cwd(), full), text: await readFile(full, 'utf8') })
	}
	return out
}
const filesMatching = async (pattern: RegExp) =>
	(await sources()).filter((s) => pattern.test(s.text)).map((s) => s.file)

describe('owner access is only on the named system paths', () => {
	test('every system path says why it needs the owner', () => {
		for (const [name, entry] of Object.entries(SYSTEM_PATHS)) {
			expect(entry.why.length, name).toBeGreaterThan(20)
			expect(['operational', 'ledger']).toContain(entry.store)
		}
	})

	test("no server module takes the operational store's owner handle (database.db) directly", async () => {
		expect(await filesMatching(/\bdatabase\.db\b/)).toEqual([])
	})

	test('owner handles are handed out only where services are composed and the anonymous surface is built', async () => {
		expect((await filesMatching(/\bsystemDatabase\(/)).sort()).toEqual([
			'server/auth/system-access.ts',
			'server/http/app-context.ts',
			'server/services.ts',
		])
	})

	test('no server module sets the access scope itself: only the data handle calls it', async () => {
		expect(await filesMatching(/\bwithAccessScope\(/)).toEqual(['server/auth/patient-data.ts'])
	})

	test('no server module acts as a synthetic user (the evaluation path is for evals, bench and tests)', async () => {
		expect(await filesMatching(/\.forSystemActor\(/)).toEqual([])
	})
})

describe('lint refuses a PHI service that reaches for the database', () => {
	const eslint = new ESLint({ cwd: process.cwd() })
	const ruleIdsFor = async (filePath: string, code: string) => {
		const [result] = await eslint.lintText(code, { filePath })
		return (result?.messages ?? []).map((m) => m.ruleId ?? 'parse-error')
	}

	test('the copilot importing the database type', async () => {
		const code = "import type { Database } from '#db/client.ts'\nexport type X = Database\n"
		expect(await ruleIdsFor('server/copilot/ask-extra.ts', code)).toContain('no-restricted-imports')
	})

	test('the chart service importing the database by a relative path', async () => {
		const code =
			"import { openDatabase } from '../../db/client.ts'\nexport const x = openDatabase\n"
		expect(await ruleIdsFor('server/chart/extra.ts', code)).toContain('no-restricted-imports')
	})

	test('retrieval setting the access scope itself', async () => {
		const code =
			"import { withAccessScope } from '../auth/scope.ts'\nexport const x = withAccessScope\n"
		expect(await ruleIdsFor('server/retrieval/extra.ts', code)).toContain('no-restricted-imports')
	})

	test('the care-team service taking the system paths', async () => {
		const code =
			"import { createSystemAccess } from './system-access.ts'\nexport const x = createSystemAccess\n"
		expect(await ruleIdsFor('server/auth/care-teams.ts', code)).toContain('no-restricted-imports')
	})

	test('but a PHI service may take the care-team filter and the handle type', async () => {
		const code =
			"import { careTeamFilter } from '../auth/scope.ts'\nimport type { PatientData } from '../auth/patient-data.ts'\nexport const x = careTeamFilter\nexport type Y = PatientData\n"
		expect(await ruleIdsFor('server/chart/extra.ts', code)).toEqual([])
	})
})
