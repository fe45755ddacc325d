import { z } from 'zod'
import { GATEWAY_ERRORS, GatewayError } from './errors.ts'

/**
 * The endpoint registry and feature routing: which models exist, what each may receive, and which
 * feature goes where. It is validated at boot (a PHI feature routed to an endpoint without a BAA,
 * or without zero data retention, stops the process) and the router checks the same rules again at
 * call time, so a registry changed at run time cannot open a path the boot check would refuse.
 */
export const FEATURES = ['answer', 'summarize', 'classify', 'embed'] as const
export type Feature = (typeof FEATURES)[number]

export const ENVELOPES = ['phi', 'deidentified'] as const
export type Envelope = (typeof ENVELOPES)[number]

export const PROVIDER_KINDS = ['local', 'openai-compatible', 'bedrock'] as const
export type ProviderKind = (typeof PROVIDER_KINDS)[number]

/** How an endpoint keeps no copy of what it is sent. */
export const RETENTION_MODES = {
	/** Runs in this process: nothing leaves it. */
	inProcess: 'in-process',
	/** `store: false` on every Chat Completions request (OpenAI, Azure OpenAI). */
	storeFalse: 'store-false',
	/** The vendor's zero-retention terms under the BAA (Bedrock does not store prompts). */
	contract: 'contract',
	/** Nothing guarantees it: such an endpoint may never receive PHI. */
	none: 'none',
} as const
export type RetentionMode = (typeof RETENTION_MODES)[keyof typeof RETENTION_MODES]

const id = z
	.string()
	.regex(/^[a-z0-9][a-z0-9._-]{0,63}$/, 'lower-case letters, digits, . _ - (at most 64)')

const endpointSchema = z.strictObject({
	id,
	provider: z.enum(PROVIDER_KINDS),
	/** OpenAI-compatible base URL (…/v1) or Bedrock endpoint override. */
	baseUrl: z.url({ protocol: /^https?$/ }).optional(),
	/** Azure OpenAI deployment, when it differs from the model name. */
	deployment: z.string().max(200).optional(),
	model: z.string().min(1).max(200),
	/** The version the registry expects; the provider's reported version wins when it sends one. */
	modelVersion: z.string().max(200).nullable().default(null),
	region: z.string().max(100).nullable().default(null),
	baaCovered: z.boolean(),
	envelope: z.enum(ENVELOPES),
	retention: z.enum(Object.values(RETENTION_MODES) as [RetentionMode, ...RetentionMode[]]),
	/** Name of the configuration value holding the API key (never the key itself). */
	apiKey: z.string().max(100).optional(),
	maxInputTokens: z.number().int().min(1).max(1_000_000).default(16_000),
	maxOutputTokens: z.number().int().min(1).max(100_000).default(1_024),
	timeoutMs: z.number().int().min(100).max(300_000).default(30_000),
	/**
	 * What the ledger keeps of each call: fingerprints only (default), or also the prompt as sent and
	 * the output as shown, encrypted under the patient's key (crypto-shredded with it).
	 */
	keepPayloads: z.enum(['fingerprints', 'encrypted']).default('fingerprints'),
	/** Shown in the UI and the ledger. */
	label: z.string().max(200).optional(),
})
export type Endpoint = z.output<typeof endpointSchema>

const routeSchema = z.strictObject({
	envelope: z.enum(ENVELOPES),
	/** Tried in order; the first that answers serves the request. */
	endpoints: z.array(id).min(1).max(8),
	/** When every endpoint fails, the local deterministic provider answers (and says so). */
	fallbackToLocal: z.boolean().default(false),
})
export type Route = z.output<typeof routeSchema>

export const registrySchema = z
	.strictObject({
		endpoints: z.array(endpointSchema).min(1),
		routes: z.strictObject({
			answer: routeSchema,
			summarize: routeSchema,
			classify: routeSchema,
			embed: routeSchema,
		}),
	})
	.superRefine((registry, ctx) => {
		const seen = new Set<string>()
		registry.endpoints.forEach((endpoint, i) => {
			if (seen.has(endpoint.id))
				ctx.addIssue({ code: 'custom', path: ['endpoints', i, 'id'], message: 'is a duplicate' })
			seen.add(endpoint.id)
			for (const problem of endpointProblems(endpoint))
				ctx.addIssue({ code: 'custom', path: ['endpoints', i], message: problem })
		})
		for (const feature of FEATURES) {
			const route = registry.routes[feature]
			route.endpoints.forEach((endpointId, i) => {
				const endpoint = registry.endpoints.find((e) => e.id === endpointId)
				const path = ['routes', feature, 'endpoints', i]
				if (!endpoint) {
					ctx.addIssue({ code: 'custom', path, message: `names no endpoint (${endpointId})` })
					return
				}
				const problem = routeProblem(route.envelope, endpoint)
				if (problem) ctx.addIssue({ code: 'custom', path, message: problem })
				// Titan embeds in 256/512/1,024/1,536 dimensions; the chunk store holds 384.
				if (feature === 'embed' && endpoint.provider === 'bedrock')
					ctx.addIssue({
						code: 'custom',
						path,
						message: `routes embeddings to ${endpoint.id}, but Bedrock's embedders do not make the 384 dimensions the chunk store holds`,
					})
			})
		}
	})
export type Registry = z.output<typeof registrySchema>

/** What makes an endpoint unusable whatever it is routed to. */
function endpointProblems(endpoint: Endpoint): string[] {
	const problems: string[] = []
	if (endpoint.envelope === 'phi' && !endpoint.baaCovered)
		problems.push('receives PHI (envelope "phi") but is not covered by a BAA')
	if (endpoint.envelope === 'phi' && endpoint.retention === RETENTION_MODES.none)
		problems.push('receives PHI but enforces no zero data retention')
	if (endpoint.provider === 'local' && endpoint.retention !== RETENTION_MODES.inProcess)
		problems.push('is local, so its retention is "in-process"')
	if (endpoint.provider !== 'local' && endpoint.retention === RETENTION_MODES.inProcess)
		problems.push('is remote, so its retention cannot be "in-process"')
	if (endpoint.provider === 'openai-compatible' && !endpoint.baseUrl)
		problems.push('is OpenAI-compatible and needs a baseUrl')
	if (
		endpoint.provider === 'openai-compatible' &&
		endpoint.envelope === 'phi' &&
		endpoint.retention !== RETENTION_MODES.storeFalse
	)
		problems.push('is OpenAI-compatible and receives PHI: its retention must be "store-false"')
	if (endpoint.provider === 'bedrock' && !endpoint.region)
		problems.push('is Bedrock and needs a region')
	if (endpoint.provider === 'bedrock' && endpoint.retention === RETENTION_MODES.storeFalse)
		problems.push('is Bedrock, which has no store flag: its retention is "contract" (or "none")')
	if (endpoint.provider === 'bedrock' && endpoint.deployment)
		problems.push('is Bedrock, where a deployment means nothing: name the model id')
	return problems
}

/** Why an endpoint may not serve a route of this envelope, or null. */
function routeProblem(envelope: Envelope, endpoint: Endpoint): string | null {
	if (envelope === 'phi' && endpoint.envelope !== 'phi')
		return `routes PHI to ${endpoint.id}, which is not a PHI endpoint`
	if (envelope === 'phi' && !endpoint.baaCovered)
		return `routes PHI to ${endpoint.id}, which has no BAA`
	return null
}

/**
 * The call-time check: the same rules as at boot, on the registry in force now. Throws
 * GATEWAY_ENDPOINT_NOT_ALLOWED naming no PHI, only ids.
 */
export function assertEndpointAllowed(
	registry: Registry,
	feature: Feature,
	endpointId: string,
): Endpoint {
	const route = registry.routes[feature]
	const endpoint = registry.endpoints.find((e) => e.id === endpointId)
	if (!endpoint || !route.endpoints.includes(endpointId))
		throw new GatewayError(
			GATEWAY_ERRORS.endpointNotAllowed,
			`Endpoint ${endpointId} is not allowed for ${feature}.`,
		)
	const problem = routeProblem(route.envelope, endpoint) ?? endpointProblems(endpoint)[0] ?? null
	if (problem) throw new GatewayError(GATEWAY_ERRORS.endpointNotAllowed, `Endpoint ${problem}.`)
	return endpoint
}

/** Parses a registry (a GATEWAY_CONFIG file's JSON), naming each problem by path, never by value. */
export function parseRegistry(input: unknown): Registry {
	const result = registrySchema.safeParse(input)
	if (result.success) return result.data
	const problems = result.error.issues
		.map((i) => `${i.path.join('.') || '(registry)'}: ${i.message}`)
		.join('; ')
	throw new GatewayError(
		GATEWAY_ERRORS.configInvalid,
		`The gateway registry is invalid: ${problems}`,
	)
}

/** The embedded default: every feature served in this process by the local deterministic models. */
export const LOCAL_ENDPOINT_IDS = {
	answer: 'local-extractive-answerer',
	summarize: 'local-extractive-summarizer',
	classify: 'local-fax-type-classifier',
	embed: 'local-hashed-embedder',
} as const satisfies Record<Feature, string>

export const LOCAL_REGISTRY: Registry = parseRegistry({
	endpoints: [
		{
			id: LOCAL_ENDPOINT_IDS.answer,
			provider: 'local',
			model: 'extractive-answerer',
			modelVersion: '1',
			baaCovered: true,
			envelope: 'phi',
			retention: RETENTION_MODES.inProcess,
			label: 'local deterministic (extractive answerer)',
		},
		{
			id: LOCAL_ENDPOINT_IDS.summarize,
			provider: 'local',
			model: 'extractive-summarizer',
			modelVersion: '1',
			baaCovered: true,
			envelope: 'phi',
			retention: RETENTION_MODES.inProcess,
			label: 'local deterministic (extractive summarizer)',
		},
		{
			id: LOCAL_ENDPOINT_IDS.classify,
			provider: 'local',
			model: 'fax-type-classifier',
			modelVersion: '1',
			baaCovered: true,
			envelope: 'deidentified',
			retention: RETENTION_MODES.inProcess,
			label: 'local deterministic (fax-type classifier)',
		},
		{
			id: LOCAL_ENDPOINT_IDS.embed,
			provider: 'local',
			model: 'hashed-embedder',
			modelVersion: '1',
			baaCovered: true,
			envelope: 'phi',
			retention: RETENTION_MODES.inProcess,
			label: 'local deterministic (hashed-feature embedder)',
		},
	],
	routes: {
		answer: { envelope: 'phi', endpoints: [LOCAL_ENDPOINT_IDS.answer] },
		summarize: { envelope: 'phi', endpoints: [LOCAL_ENDPOINT_IDS.summarize] },
		// Classification is structured work: it sees de-identified text only, the local model too
		// (decision 037).
		classify: { envelope: 'deidentified', endpoints: [LOCAL_ENDPOINT_IDS.classify] },
		embed: { envelope: 'phi', endpoints: [LOCAL_ENDPOINT_IDS.embed] },
	},
})
