import { execFile } from 'node:child_process'
import { cp, mkdir, readdir, rm } from 'node:fs/promises'
import path from 'node:path'
import { promisify } from 'node:util'
import { afterAll, expect, test } from 'vitest'
import { MIGRATIONS_FOLDER } from '#db/migrate.ts'

const run = promisify(execFile)
// drizzle-kit wants an output folder relative to the project; .cache/ is git-ignored.
const scratch = path.join('.cache', `drift-check-${process.pid}`)

afterAll(async () => {
	await rm(scratch, { recursive: true, force: true })
})

test('the committed migrations match db/schema (run `npm run db:generate` after a schema change)', async () => {
	await mkdir('.cache', { recursive: true })
	await cp(MIGRATIONS_FOLDER, scratch, { recursive: true })
	const before = (await readdir(scratch)).filter((f) => f.endsWith('.sql'))
	const { stdout } = await run(
		'npx',
		[
			'drizzle-kit',
			'generate',
			'--dialect',
			'postgresql',
			'--schema',
			'./db/schema/index.ts',
			'--out',
			`./${scratch}`,
			'--casing',
			'snake_case',
		],
		{ timeout: 60_000 },
	)
	const after = (await readdir(scratch)).filter((f) => f.endsWith('.sql'))
	expect(after, 'drizzle-kit generated a migration: the schema changed without one').toEqual(before)
	expect(stdout).toContain('No schema changes')
})
