import { mkdtemp, rm } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { openDatabase, type DatabaseHandle } from '#db/client.ts'
import { OVERRIDE_REASONS } from '#db/schema/answers.ts'
import { generateSigningKey } from '#server/audit/checkpoint.ts'
import type { LedgerEntry } from '#server/audit/events.ts'
import { createLedgerStore } from '#server/audit/ledger-store.ts'
import { newDataKey } from '#server/audit/payload-crypto.ts'
import { runToEnd, runTsx, waitUntilHealthy, type ChildRun } from '#tests/helpers/app-process.ts'
import {
	checkJobs,
	enqueueJobsDuring,
	parseStream,
	startWorker,
	type JobCheck,
} from '#tests/helpers/scale-out.ts'
import { freePort } from '#tests/helpers/free-port.ts'
import { signInOverHttp, type HttpSession } from '#tests/helpers/http-sign-in.ts'
import {
	asSuperuser,
	createTestDatabases,
	onTestServer,
	type TestDatabases,
} from '#tests/helpers/test-database.ts'

/**
 * Scale-out proven, not assumed (issue 16): two app processes and two job workers on one
 * PostgreSQL server, as behind a load balancer, driven by concurrent clinicians for a bounded
 * time; then one gap-free chain that verifies, no request without its ledger record, every job
 * done exactly once, and no cross-patient row visible to any session.
 *
 * How the two instances share what a deployment shares: the same databases, SESSION_SECRET and
 * ledger keys (LEDGER_SIGNING_KEY, LEDGER_MASTER_KEY), each its own DATA_DIR. The development
 * identity provider is the one thing that is not shared: it lives inside each instance, its
 * issuer is that instance's APP_URL/dev-idp, and its sign-in state (interactions, codes) and
 * client secret are per process. So each virtual clinician signs in on one instance (its "home")
 * — the whole OIDC round trip stays there, as it would stay with one hospital provider — and
 * then the test plays the load balancer: every later request of that session goes to the next
 * instance in turn, carrying the same cookie. A chart opened on one instance is asked about on
 * the other and decided on the first, so sessions, answers and the ledger are proven shared.
 * (One APP_URL for both would send each instance's OIDC client to the other's in-memory
 * provider, with another client secret: that is not a deployment, only a misconfiguration.)
 */

const VIRTUAL_CLINICIANS = 10
/** How long the clinicians keep going once signed in; a request under way then finishes. */
const DRIVE_MS = 18_000
const REQUEST_TIMEOUT_MS = 60_000
const QUESTIONS = [
	'Is the patient taking apixaban?',
	'What were the most recent lab results?',
	'Does the patient have any allergies?',
	'What is the plan from the last progress note?',
]
const DECISIONS = ['accept', 'edit', 'override'] as const

type Kind = 'sign-in' | 'list' | 'chart' | 'ask' | 'decide' | 'probe-chart' | 'probe-ask'

/** One request of the drive and what came back. */
type Exchange = {
	clinician: number
	instance: number
	kind: Kind
	status: number
	requestId: string
	patientId: string | null
	answerId?: string
	decision?: (typeof DECISIONS)[number]
	/** Patient ids a patient list showed. */
	listed?: string[]
	/** Patients whose MRN or family name appeared in the body. */
	shown?: string[]
	/** Chunk and document ids of every citation the answer carried. */
	cited?: { chunkIds: string[]; documentIds: string[] }
	/** The answer stream ended with its saved draft (and no error event). */
	completed?: boolean
}

type Instance = { base: string; run: ChildRun }

type Patient = { id: string; mrn: string; familyName: string; onTeam: boolean }

describe.skipIf(!onTestServer)('scale-out: two app instances and two workers on one server', () => {
	let databases: TestDatabases
	let ledgerHandle: DatabaseHandle | null = null
	const dirs: string[] = []
	const instances: Instance[] = []
	const workers: ChildRun[] = []
	const exchanges: Exchange[] = []
	let patients: Patient[] = []
	let clinicianId = ''
	let chunkPatient = new Map<string, string>()
	let documentPatient = new Map<string, string>()
	const ledger: LedgerEntry[] = []
	const seqs: number[] = []
	let verify = { code: null as number | null, output: '' }
	let jobs: JobCheck | null = null

	const tempDir = async (name: string) => {
		const dir = await mkdtemp(path.join(os.tmpdir(), `chartside-scale-${name}-`))
		dirs.push(dir)
		return dir
	}

	beforeAll(async () => {
		databases = await createTestDatabases()
		// What every process of the deployment shares (formats: server/config/schema.ts).
		const shared: Record<string, string> = {
			...databases.env,
			NODE_ENV: 'development',
			HOST: '127.0.0.1',
			LOG_LEVEL: 'warn',
			SEED_DEMO: 'false',
			SESSION_SECRET: newDataKey().toString('base64url'),
			LEDGER_SIGNING_KEY: generateSigningKey(),
			LEDGER_MASTER_KEY: newDataKey().toString('base64'),
			// Four app pools and the workers' on one server shared with other tests: keep them small.
			DB_POOL_MAX: '6',
			AUDIT_DB_POOL_MAX: '3',
			// The app instances only send jobs; the workers work them (server/jobs, branch `jobs`).
			JOBS_IN_PROCESS: 'false',
		}
		await runToEnd('seed', 'ingest/demo/seed.cli.ts', [], {
			...shared,
			SEED_DEMO: 'true',
			DATA_DIR: await tempDir('seed'),
		})
		await readDirectory()

		for (let i = 0; i < 2; i++) {
			const port = await freePort()
			const base = `http://127.0.0.1:${port}`
			const run = runTsx(`app ${i}`, 'server/main.ts', [], {
				...shared,
				PORT: String(port),
				APP_URL: base,
				DATA_DIR: await tempDir(`app${i}`),
			})
			instances.push({ base, run })
		}
		for (let i = 0; i < 2; i++)
			workers.push(startWorker(i, { ...shared, DATA_DIR: await tempDir(`worker${i}`) }))
		await Promise.all(instances.map((i) => waitUntilHealthy(i.run, i.base)))

		const sent = enqueueJobsDuring(shared, DRIVE_MS)
		await Promise.all(
			Array.from({ length: VIRTUAL_CLINICIANS }, (_, n) => drive(n, Date.now() + DRIVE_MS)),
		)
		jobs = await checkJobs(await sent, databases)

		// Everything written, nothing still writing: then the ledger is read and verified.
		await Promise.all([...workers, ...instances.map((i) => i.run)].map((r) => r.stop()))
		const cli = runTsx('audit verify', 'server/audit/audit.cli.ts', ['verify'], {
			...shared,
			DATA_DIR: await tempDir('audit'),
		})
		verify = { code: await cli.exited, output: cli.output() }
		ledgerHandle = await openDatabase({
			kind: 'server',
			url: databases.env.AUDIT_DATABASE_URL ?? '',
			poolMax: 2,
		})
		const store = createLedgerStore(ledgerHandle.db)
		for (let after = 0; ;) {
			const page = await store.page(after, 1000)
			if (page.length === 0) break
			for (const row of page) {
				seqs.push(row.seq)
				if (row.entry) ledger.push(row.entry as LedgerEntry)
			}
			after = page.at(-1)?.seq ?? after
		}
	}, 600_000)

	afterAll(async () => {
		await Promise.all([...workers, ...instances.map((i) => i.run)].map((r) => r.stop()))
		await ledgerHandle?.close()
		await databases?.drop()
		await Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true })))
	}, 60_000)

	/** The demo's patients, the clinician's care team and which patient each chunk belongs to. */
	async function readDirectory() {
		const operational = databases.names?.operational ?? ''
		await asSuperuser(async (client) => {
			const clinician = await client.query<{ id: string }>(
				`select id from users where subject = 'dr-rivera'`,
			)
			clinicianId = clinician.rows[0]?.id ?? ''
			const rows = await client.query<Patient>(
				`select p.id, p.mrn, p.family_name as "familyName",
					exists (select 1 from care_team_members m where m.patient_id = p.id and m.user_id = $1) as "onTeam"
				 from patients p`,
				[clinicianId],
			)
			patients = rows.rows
			const chunks = await client.query<{ id: string; patient_id: string }>(
				'select id, patient_id from chunks',
			)
			chunkPatient = new Map(chunks.rows.map((r) => [r.id, r.patient_id]))
			const documents = await client.query<{ id: string; patient_id: string }>(
				'select id, patient_id from documents',
			)
			documentPatient = new Map(documents.rows.map((r) => [r.id, r.patient_id]))
		}, operational)
	}

	/**
	 * One virtual clinician: signs in on its home instance, then until `until`: the patient list,
	 * a chart, a question about it, a decision on the answer, and now and then a try at a patient
	 * outside the care team. Each request goes to the next instance in turn.
	 */
	async function drive(n: number, until: number) {
		const home = n % 2
		let next = home
		const instance = () => (next++ % 2) as 0 | 1
		const session: HttpSession = await signInOverHttp(instances[home]?.base ?? '', 'dr-rivera', {
			signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
		})
		exchanges.push({
			clinician: n,
			instance: home,
			kind: 'sign-in',
			status: 200,
			requestId: session.signInRequestId,
			patientId: null,
		})
		// The page the sign-in landed on is the patient list, read under the new session.
		exchanges.push({
			clinician: n,
			instance: home,
			kind: 'list',
			status: 200,
			requestId: session.landingRequestId,
			patientId: null,
			listed: patientIdsIn(session.page),
			shown: shownIn(session.page),
		})
		next++
		const foreign = patients.filter((p) => !p.onTeam)
		for (let round = 0; Date.now() < until; round++) {
			const at = instance()
			const list = await request(at, session, 'GET', '/patients')
			const listed = patientIdsIn(list.body)
			exchanges.push({
				...list.exchange,
				clinician: n,
				kind: 'list',
				patientId: null,
				listed,
				shown: shownIn(list.body),
			})
			const patientId = listed[(n + round) % Math.max(listed.length, 1)]
			if (!patientId) break

			const chartAt = instance()
			const chart = await request(chartAt, session, 'GET', `/patients/${patientId}`)
			exchanges.push({
				...chart.exchange,
				clinician: n,
				kind: 'chart',
				patientId,
				shown: shownIn(chart.body),
			})

			const askAt = instance()
			const asked = await request(askAt, session, 'POST', `/patients/${patientId}/ask`, {
				csrf: session.csrf,
				question: QUESTIONS[(n + round) % QUESTIONS.length] ?? '',
			})
			const stream = asked.exchange.status === 200 ? parseStream(asked.body) : null
			exchanges.push({
				...asked.exchange,
				clinician: n,
				kind: 'ask',
				patientId,
				shown: shownIn(asked.body),
				...(stream ? { completed: stream.completed, cited: stream.cited } : {}),
				...(stream?.answerId ? { answerId: stream.answerId } : {}),
			})

			if (stream?.answerId) {
				const decision = DECISIONS[(n + round) % DECISIONS.length] ?? 'accept'
				const decideAt = instance()
				const decided = await request(
					decideAt,
					session,
					'POST',
					`/patients/${patientId}/answers/${stream.answerId}`,
					{
						csrf: session.csrf,
						decision,
						...(decision === 'edit'
							? { editedText: 'Reviewed against the chart; wording is mine.' }
							: {}),
						...(decision === 'override'
							? { reasonCode: OVERRIDE_REASONS.incomplete, reasonText: 'Synthetic scale-out note' }
							: {}),
					},
				)
				exchanges.push({
					...decided.exchange,
					clinician: n,
					kind: 'decide',
					patientId,
					answerId: stream.answerId,
					decision,
					shown: shownIn(decided.body),
				})
			}

			// A patient outside the care team, every other round: refused, recorded, nothing shown.
			const outsider = foreign[(n + round) % Math.max(foreign.length, 1)]
			if (round % 2 === 0 && outsider) {
				const probe = await request(instance(), session, 'GET', `/patients/${outsider.id}`)
				exchanges.push({
					...probe.exchange,
					clinician: n,
					kind: 'probe-chart',
					patientId: outsider.id,
					shown: shownIn(probe.body),
				})
				const probeAsk = await request(
					instance(),
					session,
					'POST',
					`/patients/${outsider.id}/ask`,
					{
						csrf: session.csrf,
						question: 'Is the patient taking apixaban?',
					},
				)
				exchanges.push({
					...probeAsk.exchange,
					clinician: n,
					kind: 'probe-ask',
					patientId: outsider.id,
					shown: shownIn(probeAsk.body),
				})
			}
		}
	}

	/** A browser's request with the session's cookie: forms are same-origin posts. */
	async function request(
		at: 0 | 1,
		session: HttpSession,
		method: 'GET' | 'POST',
		pathname: string,
		form?: Record<string, string>,
	): Promise<{ exchange: Omit<Exchange, 'clinician' | 'kind' | 'patientId'>; body: string }> {
		const base = instances[at]?.base ?? ''
		const response = await fetch(`${base}${pathname}`, {
			method,
			redirect: 'manual',
			signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
			headers: {
				cookie: session.cookie,
				'sec-fetch-site': 'same-origin',
				...(form ? { 'content-type': 'application/x-www-form-urlencoded', origin: base } : {}),
			},
			...(form ? { body: new URLSearchParams(form) } : {}),
		})
		const body = await response.text()
		return {
			exchange: {
				instance: at,
				status: response.status,
				requestId: response.headers.get('x-request-id') ?? '',
			},
			body,
		}
	}

	const shownIn = (body: string) =>
		patients.filter((p) => body.includes(p.mrn) || body.includes(p.familyName)).map((p) => p.id)
	const patientIdsIn = (body: string) => [
		...new Set(body.match(/(?<=\/patients\/)[0-9a-f-]{36}/g) ?? []),
	]

	const byRequest = () => {
		const map = new Map<string, LedgerEntry[]>()
		for (const e of ledger) map.set(e.requestId, [...(map.get(e.requestId) ?? []), e])
		return map
	}

	test('the clinicians were served on both instances, with no failure status', () => {
		const count = (kind: Kind, status?: number) =>
			exchanges.filter((e) => e.kind === kind && (status === undefined || e.status === status))
				.length
		const summary = Object.fromEntries(
			(['sign-in', 'list', 'chart', 'ask', 'decide', 'probe-chart', 'probe-ask'] as const).map(
				(k) => [k, count(k)],
			),
		)
		console.info(`scale-out drive: ${exchanges.length} requests`, summary)
		expect(count('sign-in')).toBe(VIRTUAL_CLINICIANS)
		for (const kind of ['list', 'chart', 'ask', 'decide'] as const) {
			expect(count(kind), kind).toBeGreaterThanOrEqual(VIRTUAL_CLINICIANS)
			expect(count(kind, 200), kind).toBe(count(kind))
		}
		expect(count('probe-chart')).toBeGreaterThan(0)
		expect(exchanges.filter((e) => e.kind.startsWith('probe') && e.status !== 403)).toEqual([])
		// Both instances served asks and decisions, and answers made on one were decided on the other.
		for (const at of [0, 1])
			for (const kind of ['ask', 'decide'] as const)
				expect(exchanges.some((e) => e.kind === kind && e.instance === at)).toBe(true)
		const askedOn = new Map(exchanges.filter((e) => e.kind === 'ask').map((e) => [e.answerId, e]))
		expect(
			exchanges.some(
				(e) => e.kind === 'decide' && askedOn.get(e.answerId)?.instance !== e.instance,
			),
		).toBe(true)
		expect(exchanges.filter((e) => e.kind === 'ask' && !e.completed)).toEqual([])
		expect(new Set(exchanges.map((e) => e.requestId)).size).toBe(exchanges.length)
	})

	test('npm run audit -- verify exits 0 on the chain both instances wrote', () => {
		expect(verify.code, verify.output).toBe(0)
		const verified = Number(/Ledger intact: (\d+) entries/.exec(verify.output)?.[1] ?? -1)
		expect(verified).toBeGreaterThan(0)
		// The CLI records its own reading after it has verified.
		expect(verified).toBeLessThanOrEqual(seqs.length)
	})

	test('one chain without gaps: sequence numbers 1..N, each once', () => {
		console.info(`scale-out ledger: ${seqs.length} entries; ${verify.output.trim()}`)
		expect(seqs.length).toBeGreaterThan(exchanges.length)
		expect(seqs).toEqual(Array.from({ length: seqs.length }, (_, i) => i + 1))
		expect(ledger).toHaveLength(seqs.length)
	})

	test('every request that was served has its ledger record, naming its patient and answer', () => {
		const records = byRequest()
		const missing: string[] = []
		const has = (e: Exchange, what: string, match: (r: LedgerEntry) => boolean) => {
			if (!(records.get(e.requestId) ?? []).some(match))
				missing.push(`${e.kind} ${e.requestId} on ${e.instance}: no ${what}`)
		}
		for (const e of exchanges) {
			const mine = (r: LedgerEntry) => r.actor.userId === clinicianId
			const about = (r: LedgerEntry) => r.resource.patientId === e.patientId
			switch (e.kind) {
				case 'sign-in':
					has(e, 'auth.sign_in', (r) => r.action === 'auth.sign_in' && mine(r))
					break
				case 'list':
					has(e, 'list read', (r) => r.action === 'phi.read' && r.resource.type === 'patient_list')
					break
				case 'chart':
					has(
						e,
						'chart read',
						(r) => r.action === 'phi.read' && r.component === 'chart' && about(r),
					)
					break
				case 'ask':
					has(
						e,
						'copilot read',
						(r) => r.action === 'phi.read' && r.component === 'copilot' && about(r),
					)
					has(e, 'inference', (r) => r.action === 'inference' && about(r))
					has(
						e,
						'answer.render',
						(r) => r.action === 'answer.render' && r.resource.id === e.answerId && about(r),
					)
					break
				case 'decide':
					has(
						e,
						'answer.decision',
						(r) =>
							r.action === 'answer.decision' &&
							r.resource.id === e.answerId &&
							r.clinicianDecision?.decision === e.decision &&
							about(r),
					)
					break
				case 'probe-chart':
				case 'probe-ask':
					has(e, 'access.denied', (r) => r.action === 'access.denied' && about(r) && mine(r))
					break
			}
		}
		expect(missing).toEqual([])
	})

	test('no ledger record of the clinician without a request, and one session per clinician', () => {
		const served = new Set(exchanges.map((e) => e.requestId))
		expect(
			ledger.filter((r) => r.actor.userId === clinicianId && !served.has(r.requestId)),
		).toEqual([])
		const records = byRequest()
		const sessionsOf = (n: number) =>
			new Set(
				exchanges
					.filter((e) => e.clinician === n)
					.flatMap((e) => (records.get(e.requestId) ?? []).map((r) => r.actor.sessionId)),
			)
		const all = new Set<string | null>()
		for (let n = 0; n < VIRTUAL_CLINICIANS; n++) {
			const sessions = sessionsOf(n)
			// The session started on its home instance is the one the other instance served.
			expect(sessions.size, `clinician ${n}`).toBe(1)
			for (const s of sessions) all.add(s)
		}
		expect(all.size).toBe(VIRTUAL_CLINICIANS)
	})

	test('no cross-patient row: lists hold the care team, charts and answers their own patient', () => {
		const team = new Set(patients.filter((p) => p.onTeam).map((p) => p.id))
		expect(team.size).toBeGreaterThan(0)
		expect(patients.length).toBeGreaterThan(team.size)
		const leaks: string[] = []
		for (const e of exchanges) {
			for (const id of e.listed ?? []) if (!team.has(id)) leaks.push(`list showed ${id}`)
			// A list may show the care team; a chart, answer or decision its own patient; a refusal none.
			const allowed = (id: string) =>
				e.kind === 'list' ? team.has(id) : !e.kind.startsWith('probe') && id === e.patientId
			for (const id of e.shown ?? [])
				if (!allowed(id)) leaks.push(`${e.kind} ${e.requestId} (${e.patientId}) showed ${id}`)
			for (const chunk of e.cited?.chunkIds ?? [])
				if (chunkPatient.get(chunk) !== e.patientId)
					leaks.push(`answer about ${e.patientId} cited chunk ${chunk}`)
			for (const doc of e.cited?.documentIds ?? [])
				if (documentPatient.get(doc) !== e.patientId)
					leaks.push(`answer about ${e.patientId} cited document ${doc}`)
		}
		expect(leaks).toEqual([])
		// The checks above saw citations, charts and lists naming patients (a check over nothing
		// proves nothing).
		expect(exchanges.some((e) => (e.cited?.chunkIds.length ?? 0) > 0)).toBe(true)
		expect(exchanges.some((e) => e.kind === 'chart' && e.shown?.length === 1)).toBe(true)
		expect(exchanges.some((e) => e.kind === 'list' && (e.shown?.length ?? 0) > 1)).toBe(true)
		// Refused patients: no answer was saved for them, by any instance.
		const refused = new Set(patients.filter((p) => !p.onTeam).map((p) => p.id))
		expect(
			ledger.filter((r) => r.action === 'answer.render' && refused.has(r.resource.patientId ?? '')),
		).toEqual([])
	})

	test('every job is done exactly once by the two workers', () => {
		expect(jobs).not.toBeNull()
		expect(jobs?.sent.length).toBeGreaterThan(0)
		expect(jobs?.notDone).toEqual([])
		expect(jobs?.retried).toEqual([])
		expect(jobs?.failed).toEqual([])
		// A retention run records one ledger.purge under its job's id: one record per job sent
		// proves each ran once, whichever worker took it.
		expect(jobs?.retention.length).toBeGreaterThan(0)
		const purges = ledger.filter((e) => e.action === 'ledger.purge')
		for (const id of jobs?.retention ?? [])
			expect(purges.filter((e) => e.requestId === `job-${id}`)).toHaveLength(1)
	})
})
