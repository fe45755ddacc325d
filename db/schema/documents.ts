import { index, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core'
import { createdAt, id, valuesOf, checkIn } from './columns.ts'
import { patients } from './patients.ts'

/** Kinds of chart documents. Structured FHIR data becomes readable documents of the last six. */
export const DOCUMENT_TYPES = {
	historyAndPhysical: 'history_and_physical',
	progressNote: 'progress_note',
	dischargeSummary: 'discharge_summary',
	referral: 'referral',
	consult: 'consult',
	labReport: 'lab_report',
	radiologyReport: 'radiology_report',
	other: 'other',
	problemList: 'problem_list',
	medicationList: 'medication_list',
	allergyList: 'allergy_list',
	labTimeline: 'lab_timeline',
	immunizationList: 'immunization_list',
	encounterSummary: 'encounter_summary',
} as const
export type DocumentType = (typeof DOCUMENT_TYPES)[keyof typeof DOCUMENT_TYPES]
export const DOCUMENT_TYPE_VALUES = valuesOf(DOCUMENT_TYPES)

/**
 * A chart document of one patient (PHI). `sourceSystem` + `sourceId` identify it in the system it
 * came from (an EHR's DocumentReference id, a fax id); `contentHash` (SHA-256 of the text) makes
 * ingestion idempotent. `fhirIds` lists the FHIR resources the document was made from, so a
 * citation can name them.
 */
export const documents = pgTable(
	'documents',
	{
		id: id(),
		patientId: uuid('patient_id')
			.notNull()
			.references(() => patients.id, { onDelete: 'cascade' }),
		sourceSystem: text('source_system').notNull(),
		sourceId: text('source_id').notNull(),
		type: text('type', { enum: DOCUMENT_TYPE_VALUES }).notNull(),
		title: text('title').notNull(),
		authoredAt: timestamp('authored_at', { withTimezone: true, precision: 3 }),
		contentHash: text('content_hash').notNull(),
		text: text('text').notNull(),
		fhirIds: jsonb('fhir_ids').$type<string[]>().notNull().default([]),
		createdAt: createdAt(),
	},
	(t) => [
		uniqueIndex('documents_source_key').on(t.sourceSystem, t.sourceId),
		index('documents_patient_authored_idx').on(t.patientId, t.authoredAt),
		checkIn('documents_type_check', t.type, DOCUMENT_TYPES),
	],
)

export type ChartDocument = typeof documents.$inferSelect
export type NewChartDocument = typeof documents.$inferInsert
