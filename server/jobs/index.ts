/**
 * The job queue (pg-boss, ADR 032). The migrator step calls installJobQueue and runs
 * jobQueueGrantsSql for each non-owner login; processes start it through startJobs
 * (createServices) and `npm run worker` (worker.cli.ts).
 */
export { installJobQueue, jobQueueGrantsSql, type JobQueueTarget } from './install.ts'
export { JOB_KINDS, JOB_KIND_VALUES, isJobKind, type JobKind, type JobPayload } from './kinds.ts'
export {
	JOB_STATES,
	type FailedJob,
	type JobQueue,
	type JobsOverview,
	type JobState,
	type QueueCounts,
} from './queue.ts'
export { startJobs, type JobsMode } from './start.ts'
