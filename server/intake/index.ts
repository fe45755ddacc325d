import type { AuditSink } from '../audit/sink.ts'
import type { PatientData } from '../auth/patient-data.ts'
import type { Actor } from '../auth/scope.ts'
import type { Logger } from '../log.ts'
import { confirmFax, refileFax, rejectFax, retryFax, type RefileReason } from './decide.ts'
import type { IntakeDeps } from './deps.ts'
import type { FilingPlan } from './file.ts'
import { faxStatus, processFax } from './process.ts'
import { receiveFax, recordRefusedFile, type IncomingFile } from './receive.ts'
import {
	listRecentFaxes,
	listReviewQueue,
	readFaxForReview,
	readFaxPageImage,
	searchPatients,
} from './review.ts'
import type { RejectReason } from '#db/schema/faxes.ts'
import type { IntakeActor } from './record.ts'

export type { IntakeDeps } from './deps.ts'
export type { FilingPlan } from './file.ts'
export type { Receipt, IncomingFile } from './receive.ts'
export type { FaxRow, FaxReview, CandidateView, PatientHit } from './review.ts'
export { isInWork } from './review.ts'
export { REFILE_REASONS, type RefileReason } from './decide.ts'
export { IntakeError, INTAKE_ERRORS } from './errors.ts'
export * from './fax-types.ts'

/**
 * The intake service (DESIGN.md: server/intake): receive faxes, read them in the background,
 * classify, match and route them, and the review queue's reads and decisions. Writes run on the
 * intake system path; reads for people go through their request's PatientData.
 */
export type IntakeService = ReturnType<typeof createIntakeService>

export function createIntakeService(deps: IntakeDeps) {
	const readers = { audit: deps.audit as AuditSink, log: deps.log as Logger }
	return {
		limits: deps.limits,
		receive: (
			file: IncomingFile,
			options: { actor: IntakeActor; source: 'upload' | 'folder'; requestId: string },
		) => receiveFax(deps, file, options),
		/** A file refused while it streamed in (over the size cap), recorded by its code. */
		recordRefused: (
			refused: { code: string; bytes: number },
			options: { actor: IntakeActor; source: 'upload' | 'folder'; requestId: string },
		) => recordRefusedFile(deps, refused, options),
		/** The read job's work (JOB_KINDS.intakeRead). */
		process: (
			faxId: string,
			attempt: { requestId: string; signal?: AbortSignal; lastAttempt: boolean },
		) => processFax(deps, faxId, attempt),
		/** Where a fax is (status, codes, counts; no content), for the intake command's report. */
		statusOf: (faxId: string) => faxStatus(deps, faxId),
		recent: (data: PatientData) => listRecentFaxes(data),
		queue: (data: PatientData) => listReviewQueue(data),
		review: (data: PatientData, faxId: string, requestId: string) =>
			readFaxForReview(data, readers, faxId, requestId),
		pageImage: (data: PatientData, ref: { faxId: string; page: number }, requestId: string) =>
			readFaxPageImage(data, readers, ref, requestId),
		searchPatients: (data: PatientData, query: string, requestId: string) =>
			searchPatients(data, readers, query, requestId),
		confirm: (faxId: string, plans: FilingPlan[], context: { actor: Actor; requestId: string }) =>
			confirmFax(deps, faxId, plans, context),
		reject: (
			faxId: string,
			input: { reason: RejectReason; note: string },
			context: { actor: Actor; requestId: string },
		) => rejectFax(deps, faxId, input, context),
		retry: (faxId: string, context: { actor: Actor; requestId: string }) =>
			retryFax(deps, faxId, context),
		refile: (
			faxId: string,
			input: { reason: RefileReason },
			context: { actor: Actor; requestId: string },
		) => refileFax(deps, faxId, input, context),
	}
}
