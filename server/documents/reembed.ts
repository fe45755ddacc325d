import { randomUUID } from 'node:crypto'
import { and, asc, eq, gt, isNull, ne, or } from 'drizzle-orm'
import type { Database } from '#db/client.ts'
import { chunks, documents } from '#db/schema/index.ts'
import type { Registry } from '#server/gateway/registry.ts'
import { modelId, type DocumentsDeps } from './store.ts'

/**
 * The embedder the gateway's registry routes embeddings to, named as chunks record it (the same
 * name a call through the gateway reports); null when the registry routes none.
 */
export function configuredEmbedder(registry: Registry): string | null {
	const [endpointId] = registry.routes.embed.endpoints
	const endpoint = registry.endpoints.find((e) => e.id === endpointId)
	return endpoint
		? modelId({ endpoint: endpoint.id, model: endpoint.model, version: endpoint.modelVersion })
		: null
}

/**
 * Whether any chunk was embedded by another embedder than `model`, or not at all: after the
 * embedder configuration changes, the workers queue a documents.reembed job (server/jobs).
 */
export async function hasStaleEmbeddings(db: Database, model: string): Promise<boolean> {
	const [row] = await db
		.select({ id: chunks.id })
		.from(chunks)
		.where(or(isNull(chunks.embeddingModel), ne(chunks.embeddingModel, model)))
		.limit(1)
	return row !== undefined
}

/**
 * Re-embedding (`npm run ingest -- --reembed`): after the embedder changes, every chunk made by another one (or,
 * with `all`, every chunk) is embedded again through the gateway, and scanned again, in batches.
 * Each batch is its own transaction, so an interrupted run resumes where it stopped.
 */
export async function reembed(
	deps: DocumentsDeps,
	options: { all: boolean; batch?: number },
): Promise<{ chunks: number; model: string }> {
	const requestId = `reembed-${randomUUID()}`
	const probe = await deps.gateway.embed({
		texts: ['embedder identity'],
		purpose: 'query',
		requestId,
		actor: null,
	})
	const model = modelId(probe.model)
	const size = options.batch ?? 128
	let after = '00000000-0000-0000-0000-000000000000'
	let done = 0
	for (;;) {
		const stale = options.all
			? undefined
			: or(isNull(chunks.embeddingModel), ne(chunks.embeddingModel, model))
		const rows = await deps.db
			.select({
				id: chunks.id,
				text: chunks.text,
				patientId: chunks.patientId,
				title: documents.title,
			})
			.from(chunks)
			.innerJoin(documents, eq(documents.id, chunks.documentId))
			.where(and(gt(chunks.id, after), stale))
			.orderBy(asc(chunks.id))
			.limit(size)
		if (rows.length === 0) break
		after = rows.at(-1)?.id ?? after
		// One gateway call per patient in the batch, so each inference record names its patient.
		const byPatient = new Map<string, typeof rows>()
		for (const row of rows)
			byPatient.set(row.patientId, [...(byPatient.get(row.patientId) ?? []), row])
		for (const [patientId, group] of byPatient) {
			const result = await deps.gateway.embed({
				texts: group.map((r) => `${r.title}\n${r.text}`),
				purpose: 'document',
				requestId,
				actor: null,
				patientId,
			})
			await deps.db.transaction(async (tx) => {
				for (const [i, row] of group.entries()) {
					const verdict = result.injection?.[i]
					await tx
						.update(chunks)
						.set({
							embedding: result.vectors[i] ?? null,
							embeddingModel: modelId(result.model),
							...(verdict
								? { injectionFlagged: verdict.verdict === 'flag', injectionScore: verdict.score }
								: {}),
						})
						.where(eq(chunks.id, row.id))
				}
			})
			done += group.length
		}
	}
	return { chunks: done, model }
}
