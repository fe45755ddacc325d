import { startJobQueue } from '#server/jobs/queue.ts'
import { createLogger } from '#server/log.ts'
import { runTsx, type ChildRun } from './app-process.ts'
import { asSuperuser, type TestDatabases } from './test-database.ts'

/**
 * The scale-out test's parts that are not its story (tests/server/scale-out.int.test.ts): reading
 * an answer stream, and the job workers — two `npm run worker` processes, jobs sent as an app
 * instance sends them (client mode), and their states read from pg-boss's table as the test
 * server's superuser.
 */

/** `npm run worker`'s entry. */
const WORKER_ENTRY = 'server/jobs/worker.cli.ts'

/** The answer stream's draft id, its citations, and whether it ended with the saved draft. */
export function parseStream(body: string) {
	const chunkIds = new Set<string>()
	const documentIds = new Set<string>()
	let answerId: string | null = null
	let completed = false
	for (const block of body.split('\n\n')) {
		const data = block.replace(/^data: /, '').trim()
		if (!data) continue
		const event = JSON.parse(data) as {
			type: string
			sentence?: { citations: Array<{ chunkId: string; documentId: string }> }
			answer?: {
				id: string
				sentences: Array<{ citations: Array<{ chunkId: string; documentId: string }> }>
			}
		}
		const citations = [
			...(event.sentence?.citations ?? []),
			...(event.answer?.sentences.flatMap((s) => s.citations) ?? []),
		]
		for (const c of citations) {
			chunkIds.add(c.chunkId)
			documentIds.add(c.documentId)
		}
		if (event.type === 'done' && event.answer) {
			answerId = event.answer.id
			completed = true
		}
		if (event.type === 'error') completed = false
	}
	return { answerId, completed, cited: { chunkIds: [...chunkIds], documentIds: [...documentIds] } }
}

/** One `npm run worker` process. */
export function startWorker(n: number, env: Record<string, string>): ChildRun {
	return runTsx(`worker ${n}`, WORKER_ENTRY, [], env)
}

/**
 * Sends a ledger.checkpoint and a ledger.retention job about once a second while the clinicians
 * write, as an app instance would (client mode). Both queues hold one job at a time, so a send
 * while one is queued or running is refused (null): the queue's policy, not a lost job. Returns
 * the ids sent, by kind.
 */
export async function enqueueJobsDuring(
	env: Record<string, string>,
	ms: number,
): Promise<SentJobs> {
	const queue = await startJobQueue({
		target: { connectionString: env.DATABASE_URL ?? '', poolMax: 2 },
		mode: 'client',
		concurrency: 1,
		log: createLogger('silent'),
	})
	const sent: SentJobs = { checkpoint: [], retention: [] }
	try {
		for (const until = Date.now() + ms; Date.now() < until;) {
			const checkpoint = await queue.send('ledger.checkpoint', {})
			if (checkpoint) sent.checkpoint.push(checkpoint)
			const retention = await queue.send('ledger.retention', {})
			if (retention) sent.retention.push(retention)
			await new Promise((resolve) => setTimeout(resolve, 1_000))
		}
	} finally {
		await queue.stop()
	}
	return sent
}

export type SentJobs = { checkpoint: string[]; retention: string[] }
type JobRow = { id: string; name: string; state: string; retry_count: number }
export type JobCheck = {
	sent: string[]
	retention: string[]
	notDone: JobRow[]
	retried: JobRow[]
	failed: JobRow[]
}

/**
 * Waits (bounded) until every job sent has finished, then reads every job of the run: each sent
 * one completed, none retried (a retry is a second run), none failed.
 */
export async function checkJobs(jobsSent: SentJobs, databases: TestDatabases): Promise<JobCheck> {
	const sent = [...jobsSent.checkpoint, ...jobsSent.retention]
	const read = () =>
		asSuperuser(
			async (client) =>
				(
					await client.query<JobRow>(
						"select id, name, state, retry_count from pgboss.job where name not like '\\_\\_%'",
					)
				).rows,
			databases.names?.operational,
		)
	let rows = await read()
	for (const deadline = Date.now() + 120_000; Date.now() < deadline; rows = await read()) {
		const open = rows.filter((r) => sent.includes(r.id) && r.state !== 'completed')
		if (open.length === 0 && sent.every((id) => rows.some((r) => r.id === id))) break
		await new Promise((resolve) => setTimeout(resolve, 1_000))
	}
	return {
		sent,
		retention: jobsSent.retention,
		notDone: sent
			.map(
				(id) =>
					rows.find((r) => r.id === id) ?? { id, name: '?', state: 'missing', retry_count: 0 },
			)
			.filter((r) => r.state !== 'completed'),
		retried: rows.filter((r) => r.retry_count > 0),
		failed: rows.filter((r) => r.state === 'failed'),
	}
}
