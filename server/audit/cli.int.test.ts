import { execFile } from 'node:child_process'
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { promisify } from 'node:util'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { openDatabase } from '#db/client.ts'
import { LEDGER_MIGRATIONS_FOLDER, migrateDatabase } from '#db/migrate.ts'
import { syntheticEvent } from '#tests/helpers/ledger-events.ts'
import { parseConfig, type Config } from '../config/index.ts'
import { databaseConnection } from '../database/connection.ts'
import { createLogger } from '../log.ts'
import { canonicalJson } from './canonical-json.ts'
import { runAuditCli } from './cli.ts'
import { loadLedgerKeys } from './keys.ts'
import { createLedger } from './ledger.ts'
import { createLedgerStore } from './ledger-store.ts'
import { leafHash, verifyInclusion } from './merkle.ts'

const run = promisify(execFile)
const PATIENT = '3f0b6a8e-1c2d-4e5f-8a9b-0c1d2e3f4a5b'

let dataDir: string
let config: Config

/** Runs `npm run audit -- …` in this process, capturing what it prints. */
async function cli(...argv: string[]) {
	const out: string[] = []
	const err: string[] = []
	const code = await runAuditCli(argv, config, {
		out: (l) => out.push(l),
		err: (l) => err.push(l),
	})
	return { code, out: out.join('\n'), err: err.join('\n') }
}

/** Opens the embedded ledger as the app would, for setting up and tampering. */
async function withLedgerDatabase<T>(
	work: (handle: Awaited<ReturnType<typeof openDatabase>>) => Promise<T>,
): Promise<T> {
	const handle = await openDatabase(databaseConnection(config.auditDatabase, 'test'))
	try {
		return await work(handle)
	} finally {
		await handle.close()
	}
}

beforeAll(async () => {
	dataDir = await mkdtemp(path.join(os.tmpdir(), 'chartside-audit-cli-'))
	config = parseConfig({ DATA_DIR: dataDir, LEDGER_CHECKPOINT_EVERY: '16' })
	await withLedgerDatabase(async (handle) => {
		await migrateDatabase(handle, LEDGER_MIGRATIONS_FOLDER)
		const ledger = createLedger({
			store: createLedgerStore(handle.db),
			keys: await loadLedgerKeys(config),
			checkpointEvery: 16,
			checkpointSeconds: 3600,
			log: createLogger('silent'),
		})
		for (let i = 0; i < 40; i++) {
			const event = syntheticEvent(i, 'cli')
			await ledger.record(
				i % 10 === 3
					? {
							...event,
							action: 'access.break_glass',
							resource: { type: 'patient', id: PATIENT, patientId: PATIENT },
							sensitive: { patientId: PATIENT, value: { reason: 'synthetic reason' } },
						}
					: event,
			)
		}
		await ledger.close()
	})
}, 60_000)

afterAll(async () => {
	await rm(dataDir, { recursive: true, force: true })
})

describe('npm run audit: usage errors exit 2 and say how', () => {
	test('no command', async () => {
		expect(await cli()).toMatchObject({ code: 2, err: expect.stringContaining('Usage') })
	})
	test('an unknown command', async () => {
		expect(await cli('rewrite')).toMatchObject({ code: 2, err: expect.stringContaining('Usage') })
	})
	test('an unknown option', async () => {
		expect((await cli('verify', '--force')).code).toBe(2)
	})
	test('prove without an entry number', async () => {
		expect(await cli('prove')).toMatchObject({ code: 2, err: expect.stringContaining('prove 42') })
	})
	test('prove with something that is not an entry number', async () => {
		expect((await cli('prove', '1.5')).code).toBe(2)
	})
	test('export with a time that is not a time', async () => {
		expect(await cli('export', '--from', 'yesterday')).toMatchObject({
			code: 2,
			err: expect.stringContaining('--from is not a date'),
		})
	})
	test('shred with something that is not a patient id', async () => {
		expect((await cli('shred', 'MRN-1234')).code).toBe(2)
	})
	test('purge without --before', async () => {
		expect((await cli('purge')).code).toBe(2)
	})
})

describe('npm run audit and the embedded store', () => {
	test('refuses, saying why, while another process holds the store open', async () => {
		await withLedgerDatabase(async () => {
			const result = await cli('verify')
			expect(result).toMatchObject({
				code: 1,
				err: expect.stringContaining('open in another process'),
			})
			expect(result.err).toContain('DB_STORE_IN_USE')
		})
	})

	test('takes over a lock left by a process that has died', async () => {
		const lock = `${config.auditDatabase.kind === 'embedded' ? config.auditDatabase.dataDir : ''}.lock`
		// A pid that cannot be alive: beyond the kernel's pid_max.
		await writeFile(lock, String(2 ** 22 + 12_345))
		expect((await cli('verify')).code).toBe(0)
	})
})

describe('npm run audit', () => {
	test('verify passes on an intact ledger and is itself recorded', async () => {
		const result = await cli('verify')
		expect(result).toMatchObject({
			code: 0,
			out: expect.stringMatching(/^Ledger intact: \d+ entries/),
		})
		await withLedgerDatabase(async (handle) => {
			const [last] = await createLedgerStore(handle.db).search({
				limit: 1,
				action: 'ledger.verify',
			})
			expect(last?.entry).toMatchObject({
				actor: { userId: `operator:${os.userInfo().username}` },
				details: { ok: true },
			})
		})
	})

	test('prove prints an inclusion proof that verifies against its signed checkpoint', async () => {
		const result = await cli('prove', '7')
		expect(result.code).toBe(0)
		const proof = JSON.parse(result.out) as {
			seq: number
			leafHash: string
			treeSize: number
			proof: string[]
			checkpoint: { rootHash: string; treeSize: number }
		}
		expect(proof.seq).toBe(7)
		expect(proof.checkpoint.treeSize).toBe(proof.treeSize)
		const ok = verifyInclusion(
			6,
			proof.treeSize,
			Buffer.from(proof.leafHash, 'hex'),
			proof.proof.map((h) => Buffer.from(h, 'hex')),
			Buffer.from(proof.checkpoint.rootHash, 'hex'),
		)
		expect(ok).toBe(true)
	})

	test('prove of an entry that does not exist is a plain refusal', async () => {
		expect(await cli('prove', '100000')).toMatchObject({
			code: 1,
			err: expect.stringContaining('AUDIT_ENTRY_NOT_FOUND'),
		})
	})

	test('checkpoint signs the current tree head', async () => {
		const result = await cli('checkpoint')
		expect(result.code).toBe(0)
		expect(JSON.parse(result.out)).toMatchObject({
			treeSize: expect.any(Number),
			signature: expect.any(String),
		})
	})
})

describe('an export verifies with the stand-alone verifier alone', () => {
	let dir: string
	let keyId: string
	let entries: string[]

	/** Runs the copied verifier as an auditor would: node, the export, nothing of Chartside. */
	const verifier = async (target: string, ...args: string[]) => {
		try {
			const { stdout } = await run(
				process.execPath,
				[path.join(target, 'verify-ledger-export.mjs'), target, ...args],
				{ cwd: os.tmpdir() },
			)
			return { code: 0, out: stdout }
		} catch (error) {
			const e = error as { code?: number; stderr?: string }
			return { code: e.code ?? -1, out: e.stderr ?? '' }
		}
	}

	/** A copy of the export with some of its files changed. */
	async function tampered(
		file: string,
		change: (text: string) => string,
		also: Record<string, (text: string) => string> = {},
	): Promise<string> {
		const changes: Record<string, (text: string) => string> = { ...also, [file]: change }
		const copy = await mkdtemp(path.join(dataDir, 'tampered-'))
		for (const name of ['entries.jsonl', 'manifest.json', 'verify-ledger-export.mjs']) {
			const text = await readFile(path.join(dir, name), 'utf8')
			await writeFile(path.join(copy, name), changes[name]?.(text) ?? text)
		}
		return copy
	}
	const editLine = (n: number, edit: (row: Record<string, unknown>) => void) => (text: string) => {
		const lines = text.trim().split('\n')
		const row = JSON.parse(lines[n] as string) as Record<string, unknown>
		edit(row)
		lines[n] = JSON.stringify(row)
		return lines.join('\n') + '\n'
	}

	beforeAll(async () => {
		dir = path.join(dataDir, 'export-all')
		const result = await cli('export', '--out', dir)
		expect(result).toMatchObject({ code: 0, out: expect.stringContaining('Exported') })
		const manifest = JSON.parse(await readFile(path.join(dir, 'manifest.json'), 'utf8')) as {
			checkpoint: { keyId: string }
		}
		keyId = manifest.checkpoint.keyId
		entries = (await readFile(path.join(dir, 'entries.jsonl'), 'utf8')).trim().split('\n')
	})

	test('the untouched export verifies, pinned to the ledger key', async () => {
		const result = await verifier(dir, '--key-id', keyId)
		expect(result).toMatchObject({ code: 0, out: expect.stringContaining('Export verified') })
		expect(entries.length).toBeGreaterThan(40)
	})

	test('PHI payloads leave only as ciphertext', async () => {
		const text = await readFile(path.join(dir, 'entries.jsonl'), 'utf8')
		expect(text).not.toContain('synthetic reason')
		expect(text).toContain('"alg":"A256GCM"')
	})

	test('a time range exports only that range, and it verifies on its own', async () => {
		const rows = entries.map((l) => JSON.parse(l) as { seq: number; recordedAt: string })
		const from = rows[10]!.recordedAt
		const to = rows[20]!.recordedAt
		const ranged = path.join(dataDir, 'export-range')
		expect((await cli('export', '--from', from, '--to', to, '--out', ranged)).code).toBe(0)
		const lines = (await readFile(path.join(ranged, 'entries.jsonl'), 'utf8')).trim().split('\n')
		const seqs = lines.map((l) => (JSON.parse(l) as { seq: number }).seq)
		expect(seqs[0]).toBeLessThanOrEqual(11)
		expect(seqs.at(-1)).toBeLessThanOrEqual(21)
		expect((await verifier(ranged, '--key-id', keyId)).code).toBe(0)
	})

	describe('and the verifier rejects, naming what is wrong', () => {
		test('a changed field of an entry', async () => {
			const copy = await tampered(
				'entries.jsonl',
				editLine(5, (r) => {
					;(r.entry as { outcome: string }).outcome = 'denied'
				}),
			)
			expect(await verifier(copy)).toMatchObject({
				code: 1,
				out: expect.stringContaining('entry 6: content does not match its leaf hash'),
			})
		})

		test('a changed entry with a recomputed leaf hash', async () => {
			const copy = await tampered(
				'entries.jsonl',
				editLine(5, (r) => {
					;(r.entry as { outcome: string }).outcome = 'denied'
					r.leafHash = leafHash(Buffer.from(canonicalJson(r.entry), 'utf8')).toString('hex')
				}),
			)
			expect((await verifier(copy)).out).toContain('entry 6: chain hash does not link')
		})

		test('a deleted entry', async () => {
			const remove4 = (t: string) => {
				const lines = t.trim().split('\n')
				lines.splice(3, 1)
				return lines.join('\n') + '\n'
			}
			expect((await verifier(await tampered('entries.jsonl', remove4))).out).toContain(
				`the manifest lists ${entries.length} entries, entries.jsonl holds ${entries.length - 1}`,
			)
			// …and with the manifest's count changed to match.
			const recount = (t: string) =>
				JSON.stringify({ ...(JSON.parse(t) as object), count: entries.length - 1 })
			const copy = await tampered('entries.jsonl', remove4, { 'manifest.json': recount })
			expect((await verifier(copy)).out).toContain('entry 4 is missing (found 5 on line 4)')
		})

		test('two entries swapped', async () => {
			const copy = await tampered('entries.jsonl', (t) => {
				const lines = t.trim().split('\n')
				;[lines[7], lines[8]] = [lines[8] as string, lines[7] as string]
				return lines.join('\n') + '\n'
			})
			expect((await verifier(copy)).out).toContain('entry 8 is missing')
		})

		test('a changed recorded time', async () => {
			const copy = await tampered(
				'entries.jsonl',
				editLine(2, (r) => {
					r.recordedAt = '2019-01-01T00:00:00.000Z'
				}),
			)
			expect((await verifier(copy)).out).toContain('entry 3: recorded time was altered')
		})

		test('a tampered inclusion proof', async () => {
			const copy = await tampered(
				'entries.jsonl',
				editLine(9, (r) => {
					const proof = r.inclusionProof as string[]
					proof[0] = 'f'.repeat(64)
				}),
			)
			expect((await verifier(copy)).out).toContain(
				'entry 10 is not included in the signed checkpoint',
			)
		})

		test('a replaced checkpoint signature', async () => {
			const copy = await tampered('manifest.json', (t) => {
				const m = JSON.parse(t) as { checkpoint: { signature: string } }
				m.checkpoint.signature = Buffer.alloc(64, 7).toString('base64')
				return JSON.stringify(m)
			})
			expect((await verifier(copy)).out).toContain('the head checkpoint')
			expect((await verifier(copy)).code).toBe(1)
		})

		test('a tampered consistency proof between checkpoints', async () => {
			const copy = await tampered('manifest.json', (t) => {
				const m = JSON.parse(t) as { consistency: Array<{ proof: string[] }> }
				const link = m.consistency[0] as { proof: string[] }
				link.proof[0] = 'e'.repeat(64)
				return JSON.stringify(m)
			})
			expect((await verifier(copy)).out).toMatch(/is not consistent with checkpoint/)
		})

		test('an export signed by another key than the pinned one', async () => {
			expect(await verifier(dir, '--key-id', '0000000000000000')).toMatchObject({
				code: 1,
				out: expect.stringContaining('not the pinned key'),
			})
		})

		test('an export that is not one', async () => {
			const copy = await tampered('manifest.json', () => '{"format":"something-else"}')
			expect((await verifier(copy)).out).toContain('is not a chartside-ledger-export/v1 export')
		})
	})
})
