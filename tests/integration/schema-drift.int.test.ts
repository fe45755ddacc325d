import { execFile } from 'node:child_process'
import { cp, mkdir, readdir, rm } from 'node:fs/promises'
import path from 'node:path'
import { promisify } from 'node:util'
import { afterAll, describe, expect, test } from 'vitest'
import { LEDGER_MIGRATIONS_FOLDER, MIGRATIONS_FOLDER } from '#db/migrate.ts'

const run = promisify(execFile)
// drizzle-kit wants an output folder relative to the project; .cache/ is git-ignored.
const scratchRoot = path.join('.cache', `drift-check-${process.pid}`)

afterAll(async () => {
	await rm(scratchRoot, { recursive: true, force: true })
})

describe.each([
	{
		name: 'operational database',
		schema: './db/schema/index.ts',
		folder: MIGRATIONS_FOLDER,
		command: 'npm run db:generate',
	},
	{
		name: 'audit ledger database',
		schema: './db/ledger/schema.ts',
		folder: LEDGER_MIGRATIONS_FOLDER,
		command: 'npm run db:generate:ledger',
	},
])('the committed migrations of the $name', ({ schema, folder, command }) => {
	test(`match the schema (run \`${command}\` after a schema change)`, async () => {
		const scratch = path.join(
			scratchRoot,
			path.basename(path.dirname(folder)) + '-' + path.basename(folder),
		)
		await mkdir(scratchRoot, { recursive: true })
		await cp(folder, scratch, { recursive: true })
		const before = (await readdir(scratch)).filter((f) => f.endsWith('.sql'))
		const { stdout } = await run(
			'npx',
			[
				'drizzle-kit',
				'generate',
				'--dialect',
				'postgresql',
				'--schema',
				schema,
				'--out',
				`./${scratch}`,
				'--casing',
				'snake_case',
			],
			{ timeout: 60_000 },
		)
		const after = (await readdir(scratch)).filter((f) => f.endsWith('.sql'))
		expect(after, 'drizzle-kit generated a migration: the schema changed without one').toEqual(
			before,
		)
		expect(stdout).toContain('No schema changes')
	})
})
