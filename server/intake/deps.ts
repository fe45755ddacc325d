import type { Database } from '#db/client.ts'
import type { AuditSink } from '../audit/sink.ts'
import type { DocumentsService } from '../documents/index.ts'
import type { Gateway } from '../gateway/index.ts'
import type { Logger } from '../log.ts'
import type { IntakeLimits } from './files/index.ts'
import type { OcrEngine } from './ocr/index.ts'

/** What the intake service works with (createServices builds it; tests build their own). */
export type IntakeDeps = {
	/** The operational store on the system path `intake` (server/auth/system-access.ts). */
	db: Database
	audit: AuditSink
	gateway: Pick<Gateway, 'classifyDocument'>
	/** Filing and unfiling go through the documents service, like any chart document. */
	documents: DocumentsService
	limits: IntakeLimits & { maxFiles: number }
	/** 0.5..1: the classifier confidence a fax needs to file itself (with a certain match). */
	autoFileMinConfidence: number
	/** The OCR engine, started on first use (a worker holds ~250 MB). */
	ocr: () => Promise<OcrEngine>
	/** Queues a fax's read job (the job queue), or runs it at once where there is no queue. */
	schedule: (faxId: string) => Promise<void>
	log: Logger
}
