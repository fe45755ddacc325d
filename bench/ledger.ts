import { randomFillSync, randomInt } from 'node:crypto'
import v8 from 'node:v8'
import vm from 'node:vm'
import { openDatabase, type DatabaseHandle } from '#db/client.ts'
import { LEDGER_MIGRATIONS_FOLDER, migrateDatabase } from '#db/migrate.ts'
import { buildChain } from '#server/audit/chain.ts'
import { generateSigningKey, signingKeyFrom } from '#server/audit/checkpoint.ts'
import type { LedgerEntry } from '#server/audit/events.ts'
import { createLedger, type Ledger, type LedgerReader } from '#server/audit/ledger.ts'
import { createLedgerStore } from '#server/audit/ledger-store.ts'
import { MerkleLog, verifyInclusion, type Hash } from '#server/audit/merkle.ts'
import { newDataKey } from '#server/audit/payload-crypto.ts'
import { createLogger } from '#server/log.ts'
import { syntheticEvent } from '#tests/helpers/ledger-events.ts'
import { startWirePostgres } from '#tests/helpers/wire-postgres.ts'
import { measure, onStore, summarize, type Sample, type Store } from './harness.ts'
import { pgliteOwner, serverOwner, type BenchServer, type Owner } from './server.ts'

/**
 * The audit ledger: what every audited request pays to append, what an operator waits for a full
 * verification, and what an inclusion proof costs once the ledger is large.
 *
 * 1. Appends: one writer awaiting each record in turn, then 8 concurrent writers (the ledger
 *    batches calls that arrive during a write into one transaction), on the embedded store
 *    (in-memory PGlite) and over the wire protocol (pglite-socket + node-postgres, pool of 8).
 *    Each case starts from a fresh database. Latency is per call as its caller awaits it;
 *    throughput is calls over wall time. With a server (`--server`), one writer and 8 writers
 *    again on a fresh ledger database there, as the ledger's application login.
 * 2. Verification: `ledger.verify` over `entries` synthetic entries (chain, Merkle tree, stored
 *    times, signed checkpoint), bulk-loaded as the database owner with rows built by `buildChain`
 *    (the same hashes `append` stores, without paying for `entries` transactions); with a server,
 *    again there, loaded as the migrator and verified as the application login.
 * 3. Inclusion proofs at a million entries, measured on the in-memory `MerkleLog` that
 *    `ledger.prove` answers from once it has synced: loading a million rows into PGlite would take
 *    most of the benchmark's budget and measure the load, not the proof. `ledger.prove` itself is
 *    measured end to end on the verification ledger, where the database work (recording the read,
 *    reading checkpoints, syncing) dominates.
 *
 * Synthetic events only (tests/helpers/ledger-events.ts): no PHI.
 */
export type LedgerBenchOptions = {
	/** Events appended in each append case. */
	appends: number
	/** Entries in the ledger that is verified (and proved against end to end). */
	entries: number
	/** Leaves in the in-memory Merkle log the proofs are measured on. */
	merkleLeaves: number
	/** Inclusion proofs (and verifications) measured on it. */
	proofs: number
	/** For `ledger.prove` end to end, measured with the harness. */
	iterations: number
	warmup: number
	log: (line: string) => void
	/** The PostgreSQL server to run appends and verification on a second time, if any. */
	server?: BenchServer | null
}

const WRITERS = 8
const VERIFY_WARMUP = 1
const VERIFY_RUNS = 3
const reader: LedgerReader = {
	actor: { userId: 'operator:bench', role: null, sessionId: null },
	requestId: 'bench-ledger',
}

type Part = { samples: Sample[]; notes: string[] }

export async function benchLedger(options: LedgerBenchOptions): Promise<Part> {
	// The Merkle log is measured first, before this suite opens a database: its memory figures are
	// then not blurred by a closed database's memory being released mid-measurement.
	const merkle = await benchMerkle(options)
	const keys = { signing: signingKeyFrom(generateSigningKey()), master: newDataKey() }
	const ledgerOver = (handle: DatabaseHandle): Ledger =>
		createLedger({
			store: createLedgerStore(handle.db),
			keys,
			// The production defaults (server/config/schema.ts): checkpoints are signed during the run.
			checkpointEvery: 256,
			checkpointSeconds: 60,
			log: createLogger('silent'),
		})
	const appends = await benchAppends(ledgerOver, options)
	const verify = await benchVerify(ledgerOver, options, 'in-process')
	if (options.server) {
		// Beside the PGlite figures: verify with verify, prove with prove.
		const onServer = await benchVerify(ledgerOver, options, 'server')
		const [verifyPglite, provePglite] = verify.samples
		const [verifyServer, proveServer] = onServer.samples
		verify.samples = [verifyPglite, verifyServer, provePglite, proveServer].filter(
			(s): s is Sample => s !== undefined,
		)
		verify.notes.push(...onServer.notes)
	}
	return {
		samples: [...appends.samples, ...verify.samples, ...merkle.samples],
		notes: [...appends.notes, ...verify.notes, ...merkle.notes],
	}
}

type LedgerOver = (handle: DatabaseHandle) => Ledger

type Mode = 'in-process' | 'wire' | 'server'
/** A fresh, migrated ledger database: the application's handle, its owner, and a close. */
type LedgerDatabase = { handle: DatabaseHandle; owner: Owner; close(): Promise<void> }

const storeOf = (mode: Mode): Store => (mode === 'server' ? 'server' : 'pglite')

async function openLedgerDatabase(
	mode: Mode,
	poolMax: number,
	server: BenchServer | null,
): Promise<LedgerDatabase> {
	if (mode === 'server') {
		if (!server) throw new Error('no benchmark server')
		// Migrated from the template; the handle is the ledger's application login.
		const store = await server.databases.open('ledger', { poolMax })
		return { handle: store, owner: serverOwner(store), close: () => store.close() }
	}
	const wire = mode === 'wire' ? await startWirePostgres() : null
	const handle = wire
		? await openDatabase({ kind: 'server', url: wire.url, poolMax })
		: await openDatabase({ kind: 'embedded' })
	const pglite = wire?.pglite ?? handle.pglite
	try {
		if (!pglite) throw new Error('no PGlite behind the ledger database')
		await migrateDatabase(handle, LEDGER_MIGRATIONS_FOLDER)
		return {
			handle,
			owner: pgliteOwner(pglite),
			async close() {
				await handle.close()
				await wire?.stop()
			},
		}
	} catch (error) {
		await handle.close()
		await wire?.stop()
		throw error
	}
}

/**
 * Append latency and throughput: one writer, 8 writers, 8 writers over the wire; on a server,
 * one writer and 8 writers.
 */
async function benchAppends(ledgerOver: LedgerOver, options: LedgerBenchOptions): Promise<Part> {
	const samples: Sample[] = []
	const server = options.server ?? null
	const cases: Array<{ writers: number; mode: Mode; label: string }> = [
		{ writers: 1, mode: 'in-process', label: '1 writer awaiting each, in-process PGlite' },
		{ writers: WRITERS, mode: 'in-process', label: `${WRITERS} writers, in-process PGlite` },
		{ writers: WRITERS, mode: 'wire', label: `${WRITERS} writers, wire protocol + node-postgres` },
	]
	if (server)
		cases.push(
			{ writers: 1, mode: 'server', label: '1 writer awaiting each, PostgreSQL server' },
			{ writers: WRITERS, mode: 'server', label: `${WRITERS} writers, PostgreSQL server` },
		)
	const rates = new Map<string, number>()
	for (const c of cases) {
		options.log(`  append: ${options.appends.toLocaleString()} events, ${c.label}`)
		const database = await openLedgerDatabase(c.mode, WRITERS, server)
		const ledger = ledgerOver(database.handle)
		try {
			const warm = Math.min(100, options.appends)
			for (let i = 0; i < warm; i++) await ledger.append(syntheticEvent(i, 'warmup'))
			const { durations, seconds } = await appendConcurrently(ledger, c.writers, options.appends)
			const rate = options.appends / seconds
			rates.set(c.label, rate)
			samples.push({
				...summarize('ledger append', c.label, durations, {
					mode: c.mode,
					writers: c.writers,
					events: options.appends,
					appendsPerSecond: Math.round(rate),
					...(c.mode === 'server' && server ? { server: server.description } : {}),
				}),
				rate: { value: rate, unit: 'appends/s' },
				store: storeOf(c.mode),
			})
		} finally {
			await ledger.close()
			await database.close()
		}
	}
	const single = rates.get(cases[0]?.label ?? '') ?? Number.NaN
	const lines = cases.map((c) => {
		const rate = rates.get(c.label) ?? Number.NaN
		return `  ${c.label}: ${Math.round(rate).toLocaleString('en-US')} appends/s (${(rate / single).toFixed(2)}× one writer)`
	})
	return {
		samples,
		notes: [
			`append throughput (${options.appends.toLocaleString('en-US')} calls over wall time, after 100 ` +
				`unmeasured; each case on a fresh database; checkpoints every 256):\n${lines.join('\n')}`,
			'over the wire, pglite-socket runs every connection on one PGlite session: that case measures ' +
				'the protocol and the driver, not a PostgreSQL server working on several connections at once.',
			...(server
				? [
						`on the server (${server.description}), the writers share a pool of ${WRITERS} ` +
							'connections as the ledger application login, each append a transaction under ' +
							'SET LOCAL ROLE chartside_ledger_app.',
					]
				: []),
		],
	}
}

/** `ledger.verify` over a bulk-loaded ledger, then `ledger.prove` end to end on it. */
async function benchVerify(
	ledgerOver: LedgerOver,
	options: LedgerBenchOptions,
	mode: 'in-process' | 'server',
): Promise<Part> {
	const server = mode === 'server' ? (options.server ?? null) : null
	const where = server ? 'PostgreSQL server' : 'in-process PGlite'
	options.log(`  verify: bulk-loading ${options.entries.toLocaleString()} entries, ${where}…`)
	const database = await openLedgerDatabase(mode, 4, server)
	const ledger = ledgerOver(database.handle)
	const params = {
		mode,
		entries: options.entries,
		...(server ? { server: server.description } : {}),
	}
	try {
		const loadStart = performance.now()
		await bulkLoad(database.owner, options.entries)
		const loadSeconds = (performance.now() - loadStart) / 1000
		// The first checkpoint syncs every leaf from the database into the in-memory Merkle log
		// (what a restarted process does before its first proof) and signs the tree head.
		const syncStart = performance.now()
		const cp = await ledger.checkpoint()
		const syncSeconds = (performance.now() - syncStart) / 1000
		if (cp?.treeSize !== options.entries) throw new Error('the bulk load did not checkpoint')
		options.log(
			`  loaded in ${loadSeconds.toFixed(1)} s; first checkpoint (sync + sign) ${syncSeconds.toFixed(1)} s`,
		)

		const durations: number[] = []
		let verified = 0
		for (let run = 0; run < VERIFY_WARMUP + VERIFY_RUNS; run++) {
			const start = performance.now()
			const report = await ledger.verify(reader)
			if (run >= VERIFY_WARMUP) durations.push(performance.now() - start)
			if (!report.ok) throw new Error(`verification failed: ${report.reason ?? 'unknown'}`)
			verified = report.entries
		}
		const verify = summarize(
			'ledger verify',
			`ledger.verify over ${label(options.entries)} entries, ${where}`,
			durations,
			params,
		)
		const rate = verified / (verify.p50 / 1000)
		verify.params.entriesPerSecond = Math.round(rate)

		options.log(`  ledger.prove end to end at ${options.entries.toLocaleString()} entries`)
		const prove = await measure(() => ledger.prove(1 + randomInt(options.entries), reader), options)
		return {
			samples: onStore(storeOf(mode), [
				{ ...verify, rate: { value: rate, unit: 'entries/s' } },
				summarize(
					'ledger prove',
					`ledger.prove at ${label(options.entries)} entries (records the read, syncs), ${where}`,
					prove,
					params,
				),
			]),
			notes: [
				`verify, ${where}: ${Math.round(rate).toLocaleString('en-US')} entries/s at ` +
					`${options.entries.toLocaleString('en-US')} entries (median of ${VERIFY_RUNS} runs after ` +
					`${VERIFY_WARMUP} unmeasured; rows bulk-loaded as the owner with buildChain hashes in ` +
					`${loadSeconds.toFixed(1)} s; the first checkpoint, syncing every leaf into the Merkle ` +
					`log and signing, took ${syncSeconds.toFixed(1)} s)`,
			],
		}
	} finally {
		await ledger.close()
		await database.close()
	}
}

/** Inclusion proofs and their verification on an in-memory log of `merkleLeaves` random leaves. */
async function benchMerkle(options: LedgerBenchOptions): Promise<Part> {
	const n = options.merkleLeaves
	options.log(`  merkle: building an in-memory log of ${n.toLocaleString()} random leaves…`)
	const chunk = Buffer.alloc(32 * 65_536)
	const gc = collector()
	await settle(gc)
	const before = process.memoryUsage()
	const buildStart = performance.now()
	const merkle = new MerkleLog()
	for (let i = 0; i < n; i += 65_536) {
		randomFillSync(chunk)
		const count = Math.min(65_536, n - i)
		for (let j = 0; j < count; j++) merkle.append(chunk.subarray(j * 32, j * 32 + 32) as Hash)
	}
	const buildSeconds = (performance.now() - buildStart) / 1000
	// Collected first, so the buffers the log outgrew as it doubled are not counted.
	await settle(gc)
	const after = process.memoryUsage()
	const mb = (bytes: number) => Math.round((bytes / 2 ** 20) * 10) / 10
	const bytesPerLeaf = Math.round(((after.arrayBuffers - before.arrayBuffers) / n) * 10) / 10
	const memory = {
		rssDeltaMB: mb(after.rss - before.rss),
		heapUsedDeltaMB: mb(after.heapUsed - before.heapUsed),
		arrayBuffersDeltaMB: mb(after.arrayBuffers - before.arrayBuffers),
	}

	const root = merkle.root(n)
	const indices = Array.from({ length: options.proofs }, () => randomInt(n))
	const proofs: Hash[][] = []
	const proveTimes: number[] = []
	const verifyTimes: number[] = []
	// A short warm-up so the JIT has compiled the paths, then every call timed on its own.
	for (let i = 0; i < Math.min(1_000, options.proofs); i++) {
		const index = indices[i] as number
		verifyInclusion(index, n, merkle.leaf(index), merkle.inclusionProof(index, n), root)
	}
	for (const index of indices) {
		const start = performance.now()
		const proof = merkle.inclusionProof(index, n)
		proveTimes.push(performance.now() - start)
		proofs.push(proof)
	}
	for (const [i, index] of indices.entries()) {
		const leaf = merkle.leaf(index)
		const proof = proofs[i] as Hash[]
		const start = performance.now()
		const ok = verifyInclusion(index, n, leaf, proof, root)
		verifyTimes.push(performance.now() - start)
		if (!ok) throw new Error(`inclusion proof of leaf ${index} did not verify`)
	}
	const params = { leaves: n, treeSize: n, proofLength: proofs[0]?.length ?? 0 }
	return {
		samples: [
			summarize(
				'merkle',
				`MerkleLog.inclusionProof at ${label(n)} leaves (in memory)`,
				proveTimes,
				{
					...params,
					buildSeconds: Math.round(buildSeconds * 100) / 100,
					...memory,
				},
			),
			summarize('merkle', `verifyInclusion at ${label(n)} leaves`, verifyTimes, params),
		],
		notes: [
			`inclusion proofs are measured on the in-memory MerkleLog that ledger.prove answers from after ` +
				`syncing, at ${n.toLocaleString('en-US')} random leaves, tree size ${n.toLocaleString('en-US')}: ` +
				`loading that many rows into PGlite would measure the load, not the proof.`,
			`MerkleLog of ${n.toLocaleString('en-US')} leaves: built in ${buildSeconds.toFixed(2)} s ` +
				`(${Math.round(n / buildSeconds).toLocaleString('en-US')} leaves/s); it holds ` +
				`${memory.arrayBuffersDeltaMB} MB in buffers (${bytesPerLeaf} B/leaf: 64 B of hashes, plus each ` +
				`level's room to grow, its buffer doubling), ${memory.heapUsedDeltaMB} MB JS heap; process ` +
				`RSS ${memory.rssDeltaMB >= 0 ? '+' : ''}${memory.rssDeltaMB} MB (${mb(after.rss)} MB after; ` +
				`after a full GC; RSS also keeps what the allocator has not handed back, such as the outgrown ` +
				`buffers).`,
		],
	}
}

/**
 * A full garbage collection, for the memory figures: `--expose-gc` set at run time (npm run bench
 * starts Node without it), and V8's gc function taken from a fresh context.
 */
function collector(): () => void {
	v8.setFlagsFromString('--expose-gc')
	const gc: unknown = vm.runInNewContext('gc')
	return typeof gc === 'function' ? (gc as () => void) : () => undefined
}

/** Collects until the memory figures are still: freed buffers are released after a GC or two. */
async function settle(gc: () => void): Promise<void> {
	for (let i = 0; i < 3; i++) {
		gc()
		await new Promise((resolve) => setTimeout(resolve, 20))
	}
}

/** The ratio column: each append case against one writer in-process. */
export function ledgerBaseline(samples: Sample[], s: Sample): Sample | undefined {
	if (s.suite !== 'ledger append') return undefined
	return samples.find(
		(b) => b.suite === s.suite && b.params.writers === 1 && b.params.mode === 'in-process',
	)
}

/** `writers` callers share `total` appends, each awaiting its own before making the next. */
async function appendConcurrently(
	ledger: Ledger,
	writers: number,
	total: number,
): Promise<{ durations: number[]; seconds: number }> {
	const durations: number[] = []
	const start = performance.now()
	await Promise.all(
		Array.from({ length: writers }, async (_, w) => {
			for (let i = w; i < total; i += writers) {
				const t = performance.now()
				await ledger.append(syntheticEvent(i, `w${w}`))
				durations.push(performance.now() - t)
			}
		}),
	)
	return { durations, seconds: (performance.now() - start) / 1000 }
}

/**
 * Inserts `count` entries as the database owner (PGlite's default user, or the migrator on a
 * server): the ledger_entries_recorded_now trigger binds only the application role, so past times
 * can be set. Each entry carries `recordedAt` equal to its stored column, as `append` writes it;
 * times rise 1 ms per entry and end a minute ago.
 */
async function bulkLoad(db: Owner, count: number): Promise<void> {
	const batch = 5_000
	const firstTime = Date.now() - 60_000 - count
	let head: { seq: number; head: Hash } | undefined
	for (let offset = 0; offset < count; offset += batch) {
		const entries: LedgerEntry[] = []
		for (let i = offset; i < Math.min(count, offset + batch); i++) {
			entries.push({
				v: 1,
				...syntheticEvent(i, `w${i % WRITERS}`),
				recordedAt: new Date(firstTime + i).toISOString(),
			})
		}
		const built = buildChain(entries, head)
		const last = built.at(-1)
		if (!last) break
		head = { seq: last.seq + 1, head: Buffer.from(last.chainHash, 'hex') }
		const rows = built.map((b) => ({
			seq: b.seq,
			recorded_at: (b.entry as LedgerEntry).recordedAt,
			entry: b.text,
			leaf_hash: b.leafHash,
			chain_hash: b.chainHash,
		}))
		await db.query(
			`insert into ledger_entries (seq, recorded_at, entry, leaf_hash, chain_hash)
			select seq, recorded_at, entry, leaf_hash, chain_hash
			from jsonb_to_recordset($1::jsonb)
				as r(seq bigint, recorded_at timestamptz, entry text, leaf_hash text, chain_hash text)`,
			[JSON.stringify(rows)],
		)
	}
	await db.exec('analyze ledger_entries')
}

const label = (n: number) =>
	n >= 1_000_000 && n % 1_000_000 === 0
		? `${n / 1_000_000}M`
		: n >= 1000 && n % 1000 === 0
			? `${n / 1000}k`
			: String(n)
