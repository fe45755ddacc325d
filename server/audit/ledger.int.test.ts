import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, test } from 'vitest'
import { openDatabase, type DatabaseHandle } from '#db/client.ts'
import { LEDGER_MIGRATIONS_FOLDER, migrateDatabase } from '#db/migrate.ts'
import { createLogger } from '../log.ts'
import { buildChain, GENESIS } from './chain.ts'
import { generateSigningKey, signingKeyFrom, verifyCheckpoint } from './checkpoint.ts'
import type { AuditEvent } from './events.ts'
import { createLedger, type Ledger, type LedgerKeys, type LedgerReader } from './ledger.ts'
import { createLedgerStore } from './ledger-store.ts'
import { verifyConsistency, verifyInclusion } from './merkle.ts'
import { newDataKey } from './payload-crypto.ts'

const PATIENT = '3f0b6a8e-1c2d-4e5f-8a9b-0c1d2e3f4a5b'
const OTHER_PATIENT = '9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d'
const USER = '11111111-2222-4333-8444-555555555555'

const event = (i: number, overrides: Partial<AuditEvent> = {}): AuditEvent => ({
	at: new Date(Date.UTC(2026, 10, 22, 10, 0, i % 60)).toISOString(),
	requestId: `req-${i}`,
	component: 'chart',
	action: 'phi.read',
	actor: { userId: USER, role: 'clinician', sessionId: 'session-1' },
	resource: { type: 'patient', id: PATIENT, patientId: PATIENT },
	decision: 'allow',
	policy: 'scope.care-team',
	outcome: 'success',
	...overrides,
})

const reader: LedgerReader = {
	actor: { userId: USER, role: 'admin', sessionId: 'session-2' },
	requestId: 'req-reader',
}

async function openLedger(checkpointEvery = 10) {
	const handle = await openDatabase({ kind: 'embedded' })
	await migrateDatabase(handle, LEDGER_MIGRATIONS_FOLDER)
	const keys = { signing: signingKeyFrom(generateSigningKey()), master: newDataKey() }
	const ledger = createLedger({
		store: createLedgerStore(handle.db),
		keys,
		checkpointEvery,
		checkpointSeconds: 3600,
		log: createLogger('silent'),
	})
	return { handle, ledger, keys }
}

/** Runs SQL as the database owner with triggers off: what an intruder with full access could do. */
const tamper = (handle: DatabaseHandle, statements: string) =>
	handle.pglite!.exec(
		`set session_replication_role = replica; ${statements}; set session_replication_role = origin;`,
	)

/** The database's own refusal (drizzle wraps errors as "Failed query" with the error as cause). */
async function refusal(work: Promise<unknown>): Promise<string> {
	try {
		await work
	} catch (error) {
		return String(
			(error as { cause?: { message?: unknown } }).cause?.message ?? (error as Error).message,
		)
	}
	throw new Error('expected a refusal')
}

describe('recording', () => {
	let handle: DatabaseHandle
	let ledger: Ledger
	beforeAll(async () => {
		;({ handle, ledger } = await openLedger())
	})
	afterAll(async () => {
		await ledger.close()
		await handle.close()
	})

	test('an event outside the vocabulary is refused, one test per rejected case', async () => {
		const cases: Array<[string, unknown]> = [
			['unknown action', event(1, { action: 'phi.peek' as never })],
			['unknown component', event(1, { component: 'elsewhere' as never })],
			['unknown outcome', event(1, { outcome: 'maybe' as never })],
			['a field outside the schema', { ...event(1), reason: 'free text in clear' }],
			['time without milliseconds', event(1, { at: '2026-11-22T10:00:00Z' })],
			[
				'a patient id that is not a UUID',
				event(1, { resource: { type: 'patient', id: 'x', patientId: 'x' } }),
			],
			['a non-finite number', event(1, { details: { count: Number.NaN } })],
			['the reserved detail recordedAt', event(1, { details: { recordedAt: 'x' } })],
			['a lone surrogate', event(1, { policy: '\uD800' })],
			[
				'an unknown role',
				event(1, { actor: { userId: USER, role: 'root' as never, sessionId: null } }),
			],
		]
		for (const [name, bad] of cases) {
			await expect(ledger.record(bad as AuditEvent), name).rejects.toMatchObject({
				code: 'AUDIT_EVENT_INVALID',
			})
		}
		expect(await createLedgerStore(handle.db).size()).toBe(0)
	})

	test('inference and decision events carry their full detail', async () => {
		await ledger.record(
			event(2, {
				component: 'gateway',
				action: 'inference',
				resource: { type: 'model_endpoint', id: 'local-extractive', patientId: PATIENT },
				policy: 'gateway.envelope.phi',
				inference: {
					endpoint: 'local-extractive',
					provider: 'local',
					model: 'extractive-answerer',
					modelVersion: '1',
					region: null,
					envelope: 'phi',
					prompt: { id: 'answer-with-citations', version: '1' },
					promptFingerprint: `sha256:${'a'.repeat(64)}`,
					outputFingerprint: `sha256:${'b'.repeat(64)}`,
					retrievedChunkIds: ['c1', 'c2'],
					citations: [{ sentence: 0, sources: ['c1'] }],
					guards: [{ guard: 'injection', verdict: 'pass', score: 0.02 }],
					tokens: { input: 812, output: 64 },
					latencyMs: 41.5,
				},
			}),
		)
		await ledger.record(
			event(3, {
				component: 'copilot',
				action: 'answer.decision',
				resource: { type: 'answer', id: 'answer-1', patientId: PATIENT },
				policy: 'rbac.role-permission',
				clinicianDecision: {
					decision: 'override',
					reasonCode: 'unsupported_by_chart',
					editedTextFingerprint: null,
				},
				sensitive: { patientId: PATIENT, value: { freeText: 'synthetic override note' } },
			}),
		)
		const rows = await ledger.search({ patientId: PATIENT }, reader)
		const decision = rows.find((r) => r.entry?.action === 'answer.decision')
		expect(decision?.payload).toBe('encrypted')
		expect(JSON.stringify(decision)).not.toContain('synthetic override note')
		expect(rows.find((r) => r.entry?.action === 'inference')?.entry?.inference?.tokens).toEqual({
			input: 812,
			output: 64,
		})
		expect(await ledger.readPayload(decision!.seq, reader)).toEqual({
			freeText: 'synthetic override note',
		})
	})

	test('each search, proof and view is itself a ledger.read, recorded before the result', async () => {
		const before = await createLedgerStore(handle.db).size()
		await ledger.search({ patientId: PATIENT, action: 'phi.read' }, reader)
		const [read] = await createLedgerStore(handle.db).search({ limit: 1 })
		expect(read?.seq).toBe(before + 1)
		expect(read?.entry).toMatchObject({
			action: 'ledger.read',
			actor: reader.actor,
			resource: { type: 'ledger', id: 'search', patientId: PATIENT },
			details: { operation: 'search', patientId: PATIENT, action: 'phi.read' },
		})
		await ledger.prove(1, reader)
		const [proofRead] = await createLedgerStore(handle.db).search({
			limit: 1,
			action: 'ledger.read',
		})
		expect(proofRead?.entry).toMatchObject({ details: { operation: 'prove', seq: 1 } })
	})
})

describe('chain, checkpoints and proofs', () => {
	let handle: DatabaseHandle
	let ledger: Ledger
	beforeAll(async () => {
		;({ handle, ledger } = await openLedger(10))
		await Promise.all(Array.from({ length: 25 }, (_, i) => ledger.record(event(i))))
		await ledger.checkpoint()
	})
	afterAll(async () => {
		await ledger.close()
		await handle.close()
	})

	test('concurrent records make one gap-free chain that verifies, with checkpoints', async () => {
		const report = await ledger.verify(reader)
		expect(report).toMatchObject({ ok: true, entries: 25, firstBadSeq: null })
		expect(report.checkpoints).toBeGreaterThanOrEqual(1)
		const checkpoints = await createLedgerStore(handle.db).checkpoints()
		for (const cp of checkpoints) expect(verifyCheckpoint(cp, ledger.publicKey)).toBe(true)
	})

	test('an inclusion proof verifies against its signed checkpoint', async () => {
		const proof = await ledger.prove(7, reader)
		expect(verifyCheckpoint(proof.checkpoint, ledger.publicKey)).toBe(true)
		expect(
			verifyInclusion(
				6,
				proof.treeSize,
				Buffer.from(proof.leafHash, 'hex'),
				proof.proof.map((h) => Buffer.from(h, 'hex')),
				Buffer.from(proof.checkpoint.rootHash, 'hex'),
			),
		).toBe(true)
	})

	test('a consistency proof links two stored checkpoints', async () => {
		await ledger.record(event(99))
		const later = await ledger.checkpoint()
		const [first] = await createLedgerStore(handle.db).checkpoints()
		expect(first && later && first.treeSize < later.treeSize).toBe(true)
		const proof = await ledger.proveConsistency(first!.treeSize, later!.treeSize)
		expect(
			verifyConsistency(
				first!.treeSize,
				later!.treeSize,
				Buffer.from(first!.rootHash, 'hex'),
				Buffer.from(later!.rootHash, 'hex'),
				proof.map((h) => Buffer.from(h, 'hex')),
			),
		).toBe(true)
	})
})

describe('tamper evidence: verify names the first bad entry', () => {
	let handle: DatabaseHandle
	let ledger: Ledger
	let keys: LedgerKeys
	// A fresh ledger for every case: a verify run is itself appended, so a tampered chain would
	// otherwise carry into the next case.
	beforeEach(async () => {
		;({ handle, ledger, keys } = await openLedger(1_000))
		for (let i = 1; i <= 12; i++) await ledger.record(event(i))
		await ledger.checkpoint()
	})
	afterEach(async () => {
		await ledger.close()
		await handle.close()
	})

	async function expectDetected(statements: string, expected: Record<string, unknown>) {
		await tamper(handle, statements)
		expect(await ledger.verify(reader)).toMatchObject({ ok: false, ...expected })
	}

	test('the untouched ledger verifies', async () => {
		expect(await ledger.verify(reader)).toMatchObject({ ok: true })
	})

	test('changing a field of an entry', async () => {
		await expectDetected(
			`update ledger_entries set entry = jsonb_set(entry::jsonb, '{actor,userId}', '"someone-else"')::text where seq = 5`,
			{ firstBadSeq: 5, reason: 'leaf_hash' },
		)
	})

	test('changing a field and its leaf hash', async () => {
		await expectDetected(
			`update ledger_entries set entry = jsonb_set(entry::jsonb, '{action}', '"access.denied"')::text,
				leaf_hash = (select leaf_hash from ledger_entries where seq = 4) where seq = 6`,
			{ firstBadSeq: 6 },
		)
	})

	test('changing the recorded time column', async () => {
		await expectDetected(
			`update ledger_entries set recorded_at = recorded_at - interval '7 years' where seq = 3`,
			{ firstBadSeq: 3, reason: 'recorded_at' },
		)
	})

	test('a raw newline or tab written into an entry', async () => {
		await expectDetected(
			// Still JSON (a newline between tokens), so the expression indexes accept it.
			`update ledger_entries set entry = replace(entry, '"v":1', E'"v":\n1') where seq = 6`,
			{ firstBadSeq: 6, reason: 'leaf_hash' },
		)
	})

	test('deleting an entry', async () => {
		await expectDetected(`delete from ledger_entries where seq = 4`, {
			firstBadSeq: 4,
			reason: 'sequence',
		})
	})

	test('reordering two entries', async () => {
		await expectDetected(
			`update ledger_entries set seq = -1 where seq = 7;
			 update ledger_entries set seq = 7 where seq = 8;
			 update ledger_entries set seq = 8 where seq = -1`,
			{ firstBadSeq: 7, reason: 'chain_hash' },
		)
	})

	test('inserting an entry', async () => {
		const forged = buildChain([{ v: 1, action: 'phi.read', note: 'forged' }], {
			seq: 9,
			head: GENESIS,
		})[0]!
		await expectDetected(
			`update ledger_entries set seq = seq + 1000 where seq >= 9;
			 update ledger_entries set seq = seq - 999 where seq >= 1009;
			 insert into ledger_entries (seq, recorded_at, entry, leaf_hash, chain_hash)
				values (9, now(), '${forged.text}', '${forged.leafHash}', '${forged.chainHash}')`,
			{ firstBadSeq: 9 },
		)
	})

	test('rewriting the chain consistently from an entry on is caught by the signed checkpoint', async () => {
		const rows = await createLedgerStore(handle.db).page(0, 100)
		const rebuilt = buildChain(
			rows
				.slice(9)
				.map((r, i) => (i === 0 ? { ...(r.entry as object), outcome: 'failed' } : r.entry)),
			{ seq: 10, head: Buffer.from(rows[8]!.chainHash, 'hex') },
		)
		await expectDetected(
			rebuilt
				.map(
					(b) =>
						`update ledger_entries set entry = '${b.text}', leaf_hash = '${b.leafHash}', chain_hash = '${b.chainHash}' where seq = ${b.seq}`,
				)
				.join(';\n'),
			{ firstBadSeq: 1, badCheckpoint: 12, reason: 'checkpoint_root' },
		)
	})

	test('a new checkpoint is refused over a tree that no longer extends the last one', async () => {
		const forged = '0'.repeat(63) + '1'
		await tamper(handle, `update ledger_entries set leaf_hash = '${forged}' where seq = 4`)
		await ledger.record(event(13))
		// A process that reads the ledger afresh (this one already holds the true leaves).
		const fresh = createLedger({
			store: createLedgerStore(handle.db),
			keys,
			checkpointEvery: 1_000,
			checkpointSeconds: 3600,
			log: createLogger('silent'),
		})
		try {
			await expect(fresh.checkpoint()).rejects.toMatchObject({
				code: 'AUDIT_CHECKPOINT_REFUSED',
			})
		} finally {
			await fresh.close()
		}
		expect((await createLedgerStore(handle.db).checkpoints()).map((c) => c.treeSize)).toEqual([12])
	})

	test('replacing a checkpoint signature', async () => {
		await expectDetected(
			`update ledger_checkpoints set signature = '${Buffer.alloc(64, 7).toString('base64')}'`,
			{ badCheckpoint: 12, reason: 'checkpoint_signature' },
		)
	})

	test('removing every checkpoint, once the entries are older than the checkpoint interval', async () => {
		await tamper(handle, 'delete from ledger_checkpoints')
		// Just written, the entries may still await their checkpoint…
		expect(await ledger.verify(reader)).toMatchObject({ ok: true, checkpoints: 0 })
		// …but a day later a ledger with no checkpoint over them is refused.
		const later = createLedger({
			store: createLedgerStore(handle.db),
			keys,
			checkpointEvery: 1_000,
			checkpointSeconds: 3600,
			log: createLogger('silent'),
			now: () => new Date(Date.now() + 86_400_000),
		})
		try {
			expect(await later.verify(reader)).toMatchObject({
				ok: false,
				firstBadSeq: 1,
				reason: 'checkpoint_missing',
			})
			// The automatic signers will not paper over it; only an operator's explicit checkpoint.
			await expect(later.checkpoint()).rejects.toMatchObject({ code: 'AUDIT_CHECKPOINT_REFUSED' })
			await expect(later.prove(3, reader)).rejects.toMatchObject({
				code: 'AUDIT_CHECKPOINT_REFUSED',
			})
			expect(await later.checkpoint({ coverStale: true })).toMatchObject({
				keyId: keys.signing.keyId,
			})
			expect(await later.verify(reader)).toMatchObject({ ok: true, checkpoints: 1 })
		} finally {
			await later.close()
		}
	})
})

describe('privileges and triggers of the ledger database', () => {
	let handle: DatabaseHandle
	let ledger: Ledger
	beforeAll(async () => {
		;({ handle, ledger } = await openLedger())
		await ledger.record(event(1))
		await ledger.checkpoint()
	})
	afterAll(async () => {
		await ledger.close()
		await handle.close()
	})

	const asRole = (role: string, statement: string) =>
		refusal(
			handle.db.transaction(async (tx) => {
				await tx.execute(`set local role ${role}` as never)
				await tx.execute(statement as never)
			}),
		)

	test('the application role cannot UPDATE an entry', async () => {
		expect(await asRole('chartside_ledger_app', `update ledger_entries set entry = '{}'`)).toMatch(
			/permission denied/,
		)
	})
	test('the application role cannot DELETE an entry', async () => {
		expect(await asRole('chartside_ledger_app', 'delete from ledger_entries')).toMatch(
			/permission denied/,
		)
	})
	test('the application role cannot TRUNCATE the ledger', async () => {
		expect(await asRole('chartside_ledger_app', 'truncate ledger_entries')).toMatch(
			/permission denied/,
		)
	})
	test('the application role cannot change a checkpoint', async () => {
		expect(
			await asRole('chartside_ledger_app', `update ledger_checkpoints set signature = 'x'`),
		).toMatch(/permission denied/)
	})
	test('the application role cannot destroy or replace a key directly', async () => {
		expect(
			await asRole('chartside_ledger_app', `update ledger_patient_keys set wrapped_key = null`),
		).toMatch(/permission denied/)
	})
	test('the application role cannot backdate an entry', async () => {
		expect(
			await asRole(
				'chartside_ledger_app',
				`insert into ledger_entries (seq, recorded_at, entry, leaf_hash, chain_hash) values (999, now() - interval '7 years', '{}', 'x', 'y')`,
			),
		).toMatch(/current time/)
	})
	test('even the owner cannot UPDATE, DELETE or TRUNCATE entries', async () => {
		expect(await refusal(handle.query(`update ledger_entries set entry = '{}'`))).toMatch(
			/append-only/,
		)
		expect(await refusal(handle.query('delete from ledger_entries'))).toMatch(/append-only/)
		expect(await refusal(handle.query('truncate ledger_entries'))).toMatch(/append-only/)
	})
	test('the retention role cannot purge an entry younger than six years', async () => {
		expect(
			await asRole('chartside_ledger_retention', 'update ledger_entries set entry = null'),
		).toMatch(/append-only/)
	})
	test('the retention role cannot delete even an old entry', async () => {
		expect(await asRole('chartside_ledger_retention', 'delete from ledger_entries')).toMatch(
			/permission denied/,
		)
	})
})

describe('crypto-shredding and retention', () => {
	let handle: DatabaseHandle
	let ledger: Ledger
	beforeAll(async () => {
		;({ handle, ledger } = await openLedger())
	})
	afterAll(async () => {
		await ledger.close()
		await handle.close()
	})

	test('after shredPatient the payloads cannot be read, the chain verifies and the shred is recorded', async () => {
		const sensitive = (patientId: string) => ({
			action: 'access.break_glass' as const,
			resource: { type: 'patient' as const, id: patientId, patientId },
			policy: 'scope.break-glass',
			sensitive: { patientId, value: { reason: 'synthetic emergency reason' } },
		})
		await ledger.record(event(1, sensitive(PATIENT)))
		await ledger.record(event(2, sensitive(OTHER_PATIENT)))
		const [mine, other] = [1, 2]
		expect(await ledger.readPayload(mine, reader)).toEqual({ reason: 'synthetic emergency reason' })

		await ledger.shredPatient(PATIENT, reader)

		await expect(ledger.readPayload(mine, reader)).rejects.toMatchObject({
			code: 'AUDIT_PAYLOAD_SHREDDED',
		})
		expect(await ledger.readPayload(other, reader)).toEqual({
			reason: 'synthetic emergency reason',
		})
		expect(await ledger.verify(reader)).toMatchObject({ ok: true })
		const [shred] = await createLedgerStore(handle.db).search({ limit: 1, action: 'ledger.shred' })
		expect(shred?.entry).toMatchObject({
			resource: { type: 'patient', id: PATIENT },
			component: 'retention',
		})
		// Later PHI for that patient is dropped, never stored under a new key.
		await ledger.record(event(3, sensitive(PATIENT)))
		const seq = await createLedgerStore(handle.db).size()
		const withheld = await createLedgerStore(handle.db).entry(seq)
		expect(withheld?.entry).toMatchObject({
			payload: { patientId: PATIENT, withheld: 'patient_key_destroyed' },
		})
	})

	test('a purge blanks only entries over six years old, keeps their hashes, and is recorded', async () => {
		const store = createLedgerStore(handle.db)
		const size = await store.size()
		const head = (await store.entry(size))!.chainHash
		// Entries from seven years ago, as if written then (inserted by the owner, triggers on).
		const old = buildChain(
			[0, 1, 2].map((i) => ({ v: 1, note: `old ${i}`, recordedAt: '2019-01-01T00:00:00.000Z' })),
			{ seq: size + 1, head: Buffer.from(head, 'hex') },
		)
		for (const b of old)
			await handle.query(
				`insert into ledger_entries (seq, recorded_at, entry, leaf_hash, chain_hash) values ($1, '2019-01-01T00:00:00.000Z', $2, $3, $4)`,
				[b.seq, b.text, b.leafHash, b.chainHash],
			)
		await ledger.record(event(50))
		const result = await ledger.purge(new Date('2020-01-01T00:00:00Z'), reader)
		expect(result).toEqual({ count: 3, throughSeq: size + 3 })
		expect((await store.entry(size + 1))?.entry).toBeNull()
		expect((await store.entry(size + 4))?.entry).not.toBeNull()
		expect(await ledger.verify(reader)).toMatchObject({ ok: true, purged: 3 })
		const [purge] = await store.search({ limit: 1, action: 'ledger.purge' })
		expect(purge?.entry).toMatchObject({ details: { count: 3, throughSeq: size + 3 } })
	})
})
