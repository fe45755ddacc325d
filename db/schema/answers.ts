import { boolean, index, jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core'
import { createdAt, id, valuesOf, checkIn } from './columns.ts'
import { documents } from './documents.ts'
import { patients } from './patients.ts'
import { users } from './users.ts'

export const ANSWER_KINDS = { question: 'question', summary: 'summary' } as const
export type AnswerKind = (typeof ANSWER_KINDS)[keyof typeof ANSWER_KINDS]

/** An answer is a draft until a clinician decides on it; the decision is the system of record. */
export const ANSWER_STATUSES = {
	draft: 'draft',
	accepted: 'accepted',
	edited: 'edited',
	overridden: 'overridden',
} as const
export type AnswerStatus = (typeof ANSWER_STATUSES)[keyof typeof ANSWER_STATUSES]

export const DECISIONS = { accept: 'accept', edit: 'edit', override: 'override' } as const
export type Decision = (typeof DECISIONS)[keyof typeof DECISIONS]

export const OVERRIDE_REASONS = {
	incorrect: 'incorrect',
	unsupported: 'unsupported_by_chart',
	incomplete: 'incomplete',
	unsafe: 'unsafe',
	notRelevant: 'not_relevant',
	other: 'other',
} as const
export type OverrideReason = (typeof OVERRIDE_REASONS)[keyof typeof OVERRIDE_REASONS]

/** One cited sentence of an answer. */
export type AnswerSentence = {
	text: string
	chunkIds: string[]
	supported: boolean
}

/** The model that produced an answer, as the gateway reported it. */
export type ModelIdentity = {
	endpointId: string
	provider: string
	model: string
	version: string
	/** As shown to the clinician ("local deterministic (…)" for the embedded default). */
	label?: string
	local?: boolean
	/** The local model answered because every configured endpoint failed. */
	fallback?: boolean
}

/** A model-drafted answer to a question, or a summary of a document (PHI). */
export const answers = pgTable(
	'answers',
	{
		id: id(),
		patientId: uuid('patient_id')
			.notNull()
			.references(() => patients.id, { onDelete: 'cascade' }),
		userId: uuid('user_id')
			.notNull()
			.references(() => users.id),
		kind: text('kind', { enum: valuesOf(ANSWER_KINDS) }).notNull(),
		question: text('question'),
		documentId: uuid('document_id').references(() => documents.id, { onDelete: 'cascade' }),
		sentences: jsonb('sentences').$type<AnswerSentence[]>().notNull(),
		/** True when the model answered "not found in the chart" rather than a cited answer. */
		notFoundInChart: boolean('not_found_in_chart').notNull().default(false),
		model: jsonb('model').$type<ModelIdentity>().notNull(),
		promptId: text('prompt_id').notNull(),
		promptVersion: text('prompt_version').notNull(),
		auditId: text('audit_id'),
		status: text('status', { enum: valuesOf(ANSWER_STATUSES) })
			.notNull()
			.default('draft'),
		createdAt: createdAt(),
	},
	(t) => [
		index('answers_patient_created_idx').on(t.patientId, t.createdAt),
		checkIn('answers_kind_check', t.kind, ANSWER_KINDS),
		checkIn('answers_status_check', t.status, ANSWER_STATUSES),
	],
)

/** A clinician's accept / edit / override of an answer. */
export const decisions = pgTable(
	'decisions',
	{
		id: id(),
		answerId: uuid('answer_id')
			.notNull()
			.references(() => answers.id, { onDelete: 'cascade' }),
		patientId: uuid('patient_id')
			.notNull()
			.references(() => patients.id, { onDelete: 'cascade' }),
		userId: uuid('user_id')
			.notNull()
			.references(() => users.id),
		decision: text('decision', { enum: valuesOf(DECISIONS) }).notNull(),
		reasonCode: text('reason_code', { enum: valuesOf(OVERRIDE_REASONS) }),
		reasonText: text('reason_text'),
		finalText: text('final_text'),
		auditId: text('audit_id'),
		decidedAt: timestamp('decided_at', { withTimezone: true, precision: 3 }).notNull().defaultNow(),
	},
	(t) => [
		index('decisions_answer_idx').on(t.answerId),
		checkIn('decisions_decision_check', t.decision, DECISIONS),
		checkIn('decisions_reason_code_check', t.reasonCode, OVERRIDE_REASONS),
	],
)

export type Answer = typeof answers.$inferSelect
export type DecisionRow = typeof decisions.$inferSelect
