import type { AnswerKind, AnswerStatus, Decision, OverrideReason } from '#db/schema/answers.ts'
import type { DocumentType } from '#db/schema/documents.ts'
import { AppError, type ErrorCode } from '../platform/errors.ts'
import type { ModelIdentity } from '../gateway/index.ts'

/**
 * The copilot's shapes: what the chart screen receives while an answer streams in, what a saved
 * answer looks like when it is reopened, and the clinician's decision on it.
 */

/** What a citation chip opens: the cited chunk and where it sits in the chart. */
export type CitationRef = {
	chunkId: string
	documentId: string
	documentTitle: string
	documentType: DocumentType
	date: string | null
	section: string | null
	fhirIds: string[]
	text: string
	injectionFlagged: boolean
}

export type AnswerSentenceView = {
	text: string
	/** Only the sentences the chart supports are shown as supported; the rest are marked. */
	supported: boolean
	citations: CitationRef[]
}

export type AnswerView = {
	id: string
	kind: AnswerKind
	question: string | null
	documentId: string | null
	status: AnswerStatus
	notFound: boolean
	sentences: AnswerSentenceView[]
	model: ModelIdentity
	fallback: boolean
	createdAt: string
	/** The clinician's decision, once made. */
	decision: {
		decision: Decision
		reasonCode: OverrideReason | null
		finalText: string | null
		decidedAt: string
	} | null
}

export type CopilotEvent =
	| { type: 'sentence'; index: number; sentence: AnswerSentenceView; model: ModelIdentity }
	| { type: 'done'; answer: AnswerView }

export type HistoryItem = {
	id: string
	kind: AnswerKind
	question: string | null
	documentTitle: string | null
	status: AnswerStatus
	notFound: boolean
	createdAt: string
}

export const COPILOT_ERRORS = {
	/** The patient or answer is outside the user's care team (the denial is recorded). */
	forbidden: 'COPILOT_FORBIDDEN',
	notFound: 'COPILOT_NOT_FOUND',
	/** A decision was already made; the first one stands. */
	alreadyDecided: 'COPILOT_ALREADY_DECIDED',
	/** An empty question, or one over 2,000 characters. */
	questionInvalid: 'COPILOT_QUESTION_INVALID',
	/** An edit without text, an override without a reason from the list, text over the cap. */
	decisionInvalid: 'COPILOT_DECISION_INVALID',
} as const satisfies Record<string, CopilotErrorCode>
export type CopilotErrorCode = Extract<ErrorCode, `COPILOT_${string}`>

/** A copilot refusal; every COPILOT_ code is one users may read (server/platform/errors.ts). */
export class CopilotError extends AppError {
	declare readonly code: CopilotErrorCode
	constructor(code: CopilotErrorCode, message: string) {
		super(code, message)
		this.name = 'CopilotError'
	}
}
