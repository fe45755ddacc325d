import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { openDatabase, type DatabaseHandle } from '#db/client.ts'
import { migrateDatabase } from '#db/migrate.ts'
import { documents } from '#db/schema/index.ts'
import { gatewayWith } from '#tests/helpers/gateway-fixtures.ts'
import { runIngestCli } from './cli.ts'
import { DEMO_BUNDLES_DIR } from './demo/seed.ts'

/** `npm run ingest`'s behaviour: batches go on past a bad file, the summary, the exit codes. */
let handle: DatabaseHandle
let dir: string
let connects = 0
const connect = async () => {
	connects++
	return {
		deps: { db: handle.db, gateway: gatewayWith(), audit: { record: async () => undefined } },
		close: async () => undefined,
	}
}
const run = async (argv: string[]) => {
	const out: string[] = []
	const err: string[] = []
	const code = await runIngestCli(argv, connect, {
		out: (l) => out.push(l),
		err: (l) => err.push(l),
	})
	return { code, out: out.join('\n'), err: err.join('\n') }
}

beforeAll(async () => {
	handle = await openDatabase({ kind: 'embedded' })
	await migrateDatabase(handle)
	dir = await mkdtemp(path.join(os.tmpdir(), 'chartside-cli-'))
	await writeFile(path.join(dir, 'a-broken.json'), '{ not json')
})
afterAll(async () => {
	await handle.close()
	await rm(dir, { recursive: true, force: true })
})

describe('npm run ingest', () => {
	test('no path: usage, exit 2, the database never opened', async () => {
		const result = await run([])
		expect(result.code).toBe(2)
		expect(result.err).toContain('usage: npm run ingest')
		expect(connects).toBe(0)
	})

	test('an unknown option: usage, exit 2', async () => {
		expect((await run(['--frobnicate', dir])).code).toBe(2)
	})

	test('a bad file does not stop the batch: it is named with its code, exit 1', async () => {
		const good = path.join(DEMO_BUNDLES_DIR, '01-whitfield.json')
		const result = await run([
			path.join(dir, 'a-broken.json'),
			good,
			path.join(dir, 'missing.json'),
		])
		expect(result.code).toBe(1)
		expect(result.err).toMatch(/a-broken\.json: .*\(INGEST_MALFORMED_JSON\)/)
		expect(result.err).toMatch(/missing\.json: .*\(INGEST_NOT_FOUND\)/)
		expect(result.out).toMatch(/01-whitfield\.json\s+ok/)
		expect(result.out).toMatch(/total \(3 files, 2 failed\)/)
		expect((await handle.db.select({ id: documents.id }).from(documents)).length).toBeGreaterThan(0)
	})

	test('the same file again: ok, nothing new', async () => {
		const result = await run([path.join(DEMO_BUNDLES_DIR, '01-whitfield.json')])
		expect(result.code).toBe(0)
		expect(result.out).toMatch(/01-whitfield\.json\s+ok\s+\d+\s+0\/0\/\d+\s+0/)
	})

	test('a dry run reports what it would store and stores nothing', async () => {
		const before = (await handle.db.select({ id: documents.id }).from(documents)).length
		const result = await run(['--dry-run', path.join(DEMO_BUNDLES_DIR, '02-oyelaran.json')])
		expect(result.code).toBe(0)
		expect(result.out).toMatch(/02-oyelaran\.json\s+checked/)
		expect((await handle.db.select({ id: documents.id }).from(documents)).length).toBe(before)
	})
})

describe('npm run ingest -- --reembed', () => {
	let queued = 0
	const runWithQueue = async (argv: string[]) => {
		const out: string[] = []
		const err: string[] = []
		const code = await runIngestCli(
			argv,
			async () => ({
				...(await connect()),
				enqueueReembed: async () => (++queued === 1 ? 'job-1' : null),
			}),
			{ out: (l) => out.push(l), err: (l) => err.push(l) },
		)
		return { code, out: out.join('\n'), err: err.join('\n') }
	}

	test('--inline or --all without --reembed: usage, exit 2', async () => {
		expect((await runWithQueue(['--inline'])).code).toBe(2)
		expect((await runWithQueue(['--all'])).code).toBe(2)
		expect(queued).toBe(0)
	})

	test('queues a job when the queue is there; a second request finds one waiting', async () => {
		const first = await runWithQueue(['--reembed'])
		expect(first).toMatchObject({ code: 0 })
		expect(first.out).toMatch(/queued re-embedding as job job-1/)
		const second = await runWithQueue(['--reembed'])
		expect(second.out).toMatch(/already waiting/)
		expect(queued).toBe(2)
	})

	test('--inline re-embeds here and now, and queues nothing', async () => {
		const result = await runWithQueue(['--reembed', '--inline'])
		expect(result.code).toBe(0)
		expect(result.out).toMatch(/^re-embedded \d+ chunks with /)
		expect(queued).toBe(2)
	})
})
