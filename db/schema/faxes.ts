import { sql } from 'drizzle-orm'
import {
	boolean,
	customType,
	index,
	integer,
	jsonb,
	pgTable,
	real,
	text,
	timestamp,
	uniqueIndex,
	uuid,
	primaryKey,
} from 'drizzle-orm/pg-core'
import { checkIn, createdAt, id, valuesOf } from './columns.ts'
import { documents } from './documents.ts'
import { patients } from './patients.ts'
import { users } from './users.ts'

/** Raw bytes (a fax as received, a page image): `bytea`, read and written as a Buffer. */
export const bytea = customType<{ data: Buffer; driverData: Buffer | Uint8Array }>({
	dataType: () => 'bytea',
	fromDriver: (value) => (Buffer.isBuffer(value) ? value : Buffer.from(value)),
})

/** The intake classifier's labels (DESIGN.md "Fax document types"). */
export const FAX_TYPES = {
	referral: 'referral',
	consultNote: 'consult_note',
	historyAndPhysical: 'history_and_physical',
	progressNote: 'progress_note',
	dischargeSummary: 'discharge_summary',
	labResult: 'lab_result',
	imagingReport: 'imaging_report',
	priorAuthorization: 'prior_authorization',
	pharmacyRequest: 'pharmacy_request',
	recordsRequest: 'records_request',
	insuranceCorrespondence: 'insurance_correspondence',
	junk: 'junk',
} as const
export type FaxType = (typeof FAX_TYPES)[keyof typeof FAX_TYPES]
export const FAX_TYPE_VALUES = valuesOf(FAX_TYPES)

export const FAX_FILE_KINDS = { pdf: 'pdf', tiff: 'tiff', png: 'png', jpeg: 'jpeg' } as const
export type FaxFileKind = (typeof FAX_FILE_KINDS)[keyof typeof FAX_FILE_KINDS]

/**
 * Where a fax is in its life: `received` (stored, its read job queued) → `reading` (pages split,
 * normalized and read; `pagesRead` of `pageCount`) → `analyzing` (classified and matched) →
 * `filed` (automatically or by a person) or `waiting_review`; a person can also mark it
 * `rejected` (junk or misdirected, with a reason). `failed`: a page or step failed; the original
 * is kept, `errorCode` says why, and it can be retried.
 */
export const FAX_STATUSES = {
	received: 'received',
	reading: 'reading',
	analyzing: 'analyzing',
	waitingReview: 'waiting_review',
	filed: 'filed',
	rejected: 'rejected',
	failed: 'failed',
} as const
export type FaxStatus = (typeof FAX_STATUSES)[keyof typeof FAX_STATUSES]

export const FAX_SOURCES = { upload: 'upload', folder: 'folder' } as const
export type FaxSource = (typeof FAX_SOURCES)[keyof typeof FAX_SOURCES]

/** Why a fax waits for a person (or was filed without one). */
export const ROUTE_REASONS = {
	autoFiled: 'auto_filed',
	typeUncertain: 'type_uncertain',
	matchNotCertain: 'match_not_certain',
	noMatch: 'no_match',
	junk: 'junk',
	analysisFailed: 'analysis_failed',
	noText: 'no_text',
} as const
export type RouteReason = (typeof ROUTE_REASONS)[keyof typeof ROUTE_REASONS]

export const REJECT_REASONS = { junk: 'junk', misdirected: 'misdirected' } as const
export type RejectReason = (typeof REJECT_REASONS)[keyof typeof REJECT_REASONS]

/** One scored patient for a fax (ids and field outcomes only: no demographics are copied here). */
export type StoredCandidate = {
	patientId: string
	score: number
	grade: 'certain' | 'probable' | 'possible'
	evidence: {
		field: string
		outcome: 'agree' | 'partial' | 'disagree' | 'missing'
		weight: number
	}[]
}

/** A span of the fax's text (all pages joined by form feeds) that names the patient. */
export type FoundSpan = { start: number; end: number; field: string }

/**
 * A fax as received (PHI until filed, and after). The original is kept byte for byte with its
 * SHA-256, so the same file twice is one fax. `fileName` is the sender's name for the file: it
 * can itself hold a patient's name, so it is shown to intake staff only.
 */
export const faxes = pgTable(
	'faxes',
	{
		id: id(),
		contentHash: text('content_hash').notNull(),
		original: bytea('original').notNull(),
		fileKind: text('file_kind', { enum: valuesOf(FAX_FILE_KINDS) }).notNull(),
		fileName: text('file_name').notNull(),
		byteSize: integer('byte_size').notNull(),
		pageCount: integer('page_count').notNull(),
		pagesRead: integer('pages_read').notNull().default(0),
		source: text('source', { enum: valuesOf(FAX_SOURCES) }).notNull(),
		receivedBy: uuid('received_by').references(() => users.id),
		receivedAt: createdAt(),
		status: text('status', { enum: valuesOf(FAX_STATUSES) })
			.notNull()
			.default('received'),
		/** An INTAKE_ code while `failed` (or a page failed); null otherwise. */
		errorCode: text('error_code'),
		proposedType: text('proposed_type', { enum: FAX_TYPE_VALUES }),
		typeConfidence: real('type_confidence'),
		/** The classifier's model identity as the gateway reported it. */
		classifierModel: text('classifier_model'),
		candidates: jsonb('candidates').$type<StoredCandidate[]>().notNull().default([]),
		/** Where the demographics were found in the text, for highlighting on the review screen. */
		foundSpans: jsonb('found_spans').$type<FoundSpan[]>().notNull().default([]),
		routeReason: text('route_reason', { enum: valuesOf(ROUTE_REASONS) }),
		rejectReason: text('reject_reason', { enum: valuesOf(REJECT_REASONS) }),
		rejectNote: text('reject_note'),
		decidedBy: uuid('decided_by').references(() => users.id),
		decidedAt: timestamp('decided_at', { withTimezone: true, precision: 3 }),
		updatedAt: timestamp('updated_at', { withTimezone: true, precision: 3 }).notNull().defaultNow(),
	},
	(t) => [
		uniqueIndex('faxes_content_hash_key').on(t.contentHash),
		index('faxes_status_received_idx').on(t.status, t.receivedAt),
		checkIn('faxes_file_kind_check', t.fileKind, FAX_FILE_KINDS),
		checkIn('faxes_source_check', t.source, FAX_SOURCES),
		checkIn('faxes_status_check', t.status, FAX_STATUSES),
		checkIn('faxes_proposed_type_check', t.proposedType, FAX_TYPES),
		checkIn('faxes_route_reason_check', t.routeReason, ROUTE_REASONS),
		checkIn('faxes_reject_reason_check', t.rejectReason, REJECT_REASONS),
	],
)

export const FAX_TEXT_SOURCES = { textLayer: 'text_layer', ocr: 'ocr' } as const
export type FaxTextSource = (typeof FAX_TEXT_SOURCES)[keyof typeof FAX_TEXT_SOURCES]

/** One page of a fax: the normalized image shown on the review screen, and its text. */
export const faxPages = pgTable(
	'fax_pages',
	{
		faxId: uuid('fax_id')
			.notNull()
			.references(() => faxes.id, { onDelete: 'cascade' }),
		/** 1-based, as people count pages. */
		page: integer('page').notNull(),
		image: bytea('image').notNull(),
		width: integer('width').notNull(),
		height: integer('height').notNull(),
		text: text('text').notNull(),
		/** 0..1; 1 for a PDF's own text layer. */
		confidence: real('confidence').notNull(),
		textSource: text('text_source', { enum: valuesOf(FAX_TEXT_SOURCES) }).notNull(),
		createdAt: createdAt(),
	},
	(t) => [
		primaryKey({ columns: [t.faxId, t.page] }),
		checkIn('fax_pages_text_source_check', t.textSource, FAX_TEXT_SOURCES),
	],
)

/**
 * A chart document made from a fax (all of it, or a page range when a person split it). A refiled
 * fax keeps its first filing with `removedAt` set: its chart document is deleted, this row says
 * where it was and who moved it.
 */
export const faxFilings = pgTable(
	'fax_filings',
	{
		id: id(),
		faxId: uuid('fax_id')
			.notNull()
			.references(() => faxes.id, { onDelete: 'cascade' }),
		firstPage: integer('first_page').notNull(),
		lastPage: integer('last_page').notNull(),
		type: text('type', { enum: FAX_TYPE_VALUES }).notNull(),
		patientId: uuid('patient_id')
			.notNull()
			.references(() => patients.id, { onDelete: 'cascade' }),
		documentId: uuid('document_id').references(() => documents.id, { onDelete: 'set null' }),
		automatic: boolean('automatic').notNull(),
		filedBy: uuid('filed_by').references(() => users.id),
		filedAt: createdAt(),
		removedAt: timestamp('removed_at', { withTimezone: true, precision: 3 }),
		removedBy: uuid('removed_by').references(() => users.id),
	},
	(t) => [
		index('fax_filings_fax_idx').on(t.faxId),
		index('fax_filings_patient_idx')
			.on(t.patientId)
			.where(sql`${t.removedAt} is null`),
		checkIn('fax_filings_type_check', t.type, FAX_TYPES),
	],
)

export type Fax = typeof faxes.$inferSelect
export type FaxPage = typeof faxPages.$inferSelect
export type FaxFiling = typeof faxFilings.$inferSelect
