import { z } from 'zod'
import { ROLE_VALUES } from '#db/schema/users.ts'

/**
 * The ledger's fixed vocabulary. Every event says who (actor), through which part of Chartside
 * (component), did what (action) to what (resource), whether policy allowed it and which policy
 * decided, how it ended (outcome), and under which request. Inference events add the model's
 * identity and fingerprints; decision events add the clinician's decision. Nothing outside this
 * vocabulary reaches the ledger: an event that does not parse is refused, and the caller fails
 * closed.
 *
 * PHI never sits in an event in clear. Anything that may carry it (a break-glass reason, an
 * override's free text, a prompt kept by policy) goes in `sensitive` and is encrypted with the
 * patient's data key before it is hashed (server/audit/payload-crypto.ts).
 */
/** The actor of work no signed-in user does: ingestion, boot, refusals before a session exists. */
export const SYSTEM_ACTOR = { userId: null, role: null, sessionId: null } as const

export const AUDIT_ACTIONS = {
	phiRead: 'phi.read',
	accessDenied: 'access.denied',
	breakGlass: 'access.break_glass',
	signIn: 'auth.sign_in',
	signInRefused: 'auth.sign_in_refused',
	signOut: 'auth.sign_out',
	sessionExpired: 'auth.session_expired',
	careTeamChange: 'care_team.change',
	inference: 'inference',
	/** A streamed inference is about to show its first sentence; its `inference` record follows. */
	inferenceStreamOpened: 'inference.stream_opened',
	answerRender: 'answer.render',
	answerDecision: 'answer.decision',
	documentIngest: 'document.ingest',
	/** A chart document and its chunks deleted (server/documents). */
	documentRemove: 'document.remove',
	patientDelete: 'patient.delete',
	/** Any query, export or view of the ledger. */
	ledgerRead: 'ledger.read',
	/** A verification run and its verdict (the admin page shows the last one). */
	ledgerVerify: 'ledger.verify',
	/** A patient's ledger key destroyed (crypto-shredding). */
	ledgerShred: 'ledger.shred',
	/** Entries older than the retention period blanked, hashes kept. */
	ledgerPurge: 'ledger.purge',
	/** An administrator put a failed background job back in its queue (server/jobs). */
	jobRetry: 'job.retry',
	/** A fax received (uploaded or picked up from a folder), or recognized as one already held. */
	faxReceive: 'fax.receive',
	/** A fax's pages split, normalized and read (text layer or OCR), or a page that failed. */
	faxRead: 'fax.read',
	/** A fax classified and matched, and where it went: filed, or the review queue with why. */
	faxRoute: 'fax.route',
	/** A person's decision on a fax: confirm (with a corrected type, patient, split), reject, retry. */
	faxDecision: 'fax.decision',
	/** A fax (or a page range of it) filed as a chart document. */
	faxFile: 'fax.file',
	/** A filed fax taken out of the chart it was filed to (wrong patient), before filing it again. */
	faxUnfile: 'fax.unfile',
} as const
export type AuditAction = (typeof AUDIT_ACTIONS)[keyof typeof AUDIT_ACTIONS]

export const AUDIT_COMPONENTS = {
	auth: 'auth',
	chart: 'chart',
	careTeams: 'care-teams',
	gateway: 'gateway',
	copilot: 'copilot',
	ingest: 'ingest',
	intake: 'intake',
	audit: 'audit',
	retention: 'retention',
	jobs: 'jobs',
} as const
export type AuditComponent = (typeof AUDIT_COMPONENTS)[keyof typeof AUDIT_COMPONENTS]

export const RESOURCE_TYPES = [
	'patient',
	'patient_list',
	'roster',
	'route',
	'session',
	'care_team',
	'ledger',
	'document',
	'answer',
	'model_endpoint',
	'job',
	'fax',
] as const
export type ResourceType = (typeof RESOURCE_TYPES)[number]

export const OUTCOMES = ['success', 'failed', 'denied'] as const
export type Outcome = (typeof OUTCOMES)[number]

export const CLINICIAN_DECISIONS = ['accept', 'edit', 'override'] as const

const values = <T extends Record<string, string>>(o: T) =>
	Object.values(o) as [T[keyof T], ...T[keyof T][]]

const id = z.string().min(1).max(200)
const text = (max: number) => z.string().max(max)
const fingerprint = z.string().regex(/^sha256:[0-9a-f]{64}$/)
/**
 * Non-PHI details: short scalars only (counts, filters, verdicts). `recordedAt` is reserved: in an
 * entry's canonical JSON the only `"recordedAt":"…"` is then the top-level one, which lets verify
 * check the stored time column against the hashed text without parsing every entry.
 */
const details = z
	.record(
		z
			.string()
			.max(64)
			.refine((k) => k !== 'recordedAt', 'recordedAt is reserved'),
		z.union([text(500), z.number().finite(), z.boolean(), z.null()]),
	)
	.refine((d) => Object.keys(d).length <= 32, 'too many details')

const inference = z.strictObject({
	endpoint: id,
	provider: id,
	model: id,
	modelVersion: text(200).nullable(),
	region: text(100).nullable(),
	envelope: z.enum(['phi', 'deidentified']),
	prompt: z.strictObject({ id, version: id }),
	promptFingerprint: fingerprint,
	outputFingerprint: fingerprint.nullable(),
	retrievedChunkIds: z.array(id).max(500),
	citations: z.array(z.strictObject({ sentence: z.number().int().min(0), sources: z.array(id) })),
	guards: z.array(
		z.strictObject({
			guard: id,
			verdict: z.enum(['pass', 'flag', 'block', 'error']),
			score: z.number().finite().nullable(),
		}),
	),
	tokens: z.strictObject({ input: z.number().int().min(0), output: z.number().int().min(0) }),
	latencyMs: z.number().finite().min(0),
})

const clinicianDecision = z.strictObject({
	decision: z.enum(CLINICIAN_DECISIONS),
	reasonCode: text(64).nullable(),
	editedTextFingerprint: fingerprint.nullable(),
})

export const auditEventSchema = z.strictObject({
	/** When it happened (ISO 8601, UTC, milliseconds). */
	at: z.iso.datetime({ precision: 3 }),
	requestId: id,
	component: z.enum(values(AUDIT_COMPONENTS)),
	action: z.enum(values(AUDIT_ACTIONS)),
	actor: z.strictObject({
		userId: id.nullable(),
		role: z.enum(ROLE_VALUES).nullable(),
		sessionId: id.nullable(),
	}),
	resource: z.strictObject({
		type: z.enum(RESOURCE_TYPES),
		id,
		patientId: z.uuid().optional(),
	}),
	decision: z.enum(['allow', 'deny']),
	policy: id,
	outcome: z.enum(OUTCOMES),
	details: details.optional(),
	inference: inference.optional(),
	clinicianDecision: clinicianDecision.optional(),
	/** PHI-bearing payload, encrypted under the patient's key before it is hashed and stored. */
	sensitive: z.strictObject({ patientId: z.uuid(), value: z.json() }).optional(),
})

/** What a caller records. */
export type AuditEvent = z.infer<typeof auditEventSchema>
export type InferenceRecord = z.infer<typeof inference>
export type ClinicianDecisionRecord = z.infer<typeof clinicianDecision>

/** What the `sensitive` part of an event becomes inside the ledger. */
export type StoredPayload =
	| { patientId: string; alg: 'A256GCM'; iv: string; ct: string; tag: string }
	/** The patient's key had already been destroyed: the payload was dropped, never stored. */
	| { patientId: string; withheld: 'patient_key_destroyed' }

/**
 * An entry as hashed and stored: the event, its PHI replaced by ciphertext, and the time the
 * ledger database recorded it (read from its clock inside the append; verify checks the stored
 * column against it).
 */
export type LedgerEntry = Omit<AuditEvent, 'sensitive'> & {
	v: 1
	recordedAt?: string
	payload?: StoredPayload
}

/** The associated data that binds a payload to its entry (it cannot be moved to another). */
export const payloadContext = (e: Pick<AuditEvent, 'at' | 'requestId' | 'action'>) =>
	`${e.requestId}|${e.action}|${e.at}`
