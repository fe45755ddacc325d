import {
	AUDIT_ACTIONS,
	AUDIT_COMPONENTS,
	type AuditEvent,
	type SYSTEM_ACTOR,
} from '../audit/events.ts'
import type { InferenceRecord } from '../audit/events.ts'
import type { Actor } from '../auth/scope.ts'
import { AppError } from '../platform/errors.ts'
import { fingerprint } from '../platform/hashing.ts'
import type { Endpoint, Feature } from './registry.ts'
import type { GatewayDeps, ModelIdentity } from './types.ts'

/**
 * The gateway's inference records: one ledger entry per model call, written before anything
 * returns. A record that cannot be written is `AUDIT_WRITE_FAILED`, and the call fails with it.
 */

/** Who embeds at ingestion: no user. */

export const estimateTokens = (text: string) => Math.ceil(text.length / 4)

/** What writing a record needs: the ledger, and the log for a write that failed. */
export type RecordDeps = Pick<GatewayDeps, 'audit' | 'log'>

export const identity = (e: Endpoint, version = e.modelVersion): ModelIdentity => ({
	endpoint: e.id,
	provider: e.provider,
	model: e.model,
	version,
	label: e.label ?? `${e.provider} ${e.model}`,
	local: e.provider === 'local',
})

export async function record(
	deps: RecordDeps,
	base: { requestId: string; actor: Actor | typeof SYSTEM_ACTOR; patientId?: string },
	feature: Feature,
	outcome: AuditEvent['outcome'],
	inference: InferenceRecord,
	details: AuditEvent['details'],
	extra: { action?: AuditEvent['action']; sensitive?: AuditEvent['sensitive'] } = {},
): Promise<number> {
	try {
		return await deps.audit.append({
			at: new Date().toISOString(),
			requestId: base.requestId,
			component: AUDIT_COMPONENTS.gateway,
			action: extra.action ?? AUDIT_ACTIONS.inference,
			actor: {
				userId: base.actor.userId,
				role: base.actor.role,
				sessionId: base.actor.sessionId,
			},
			resource: {
				type: 'model_endpoint',
				id: inference.endpoint,
				...(base.patientId ? { patientId: base.patientId } : {}),
			},
			decision: 'allow',
			policy: `gateway.${feature}.${inference.envelope}`,
			outcome,
			inference,
			details,
			...(extra.sensitive ? { sensitive: extra.sensitive } : {}),
		})
	} catch (cause) {
		deps.log.error('gateway.audit_failed', { requestId: base.requestId, feature })
		throw new AppError('AUDIT_WRITE_FAILED', 'The inference could not be recorded.', { cause })
	}
}

export function inferenceOf(
	endpoint: Endpoint,
	envelope: InferenceRecord['envelope'],
): InferenceRecord {
	return {
		endpoint: endpoint.id,
		provider: endpoint.provider,
		model: endpoint.model,
		modelVersion: endpoint.modelVersion,
		region: endpoint.region,
		envelope,
		prompt: { id: 'none', version: '0' },
		promptFingerprint: fingerprint(''),
		outputFingerprint: null,
		retrievedChunkIds: [],
		citations: [],
		guards: [],
		tokens: { input: 0, output: 0 },
		latencyMs: 0,
	}
}
