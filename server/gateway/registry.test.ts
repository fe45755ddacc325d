import { describe, expect, test } from 'vitest'
import { GATEWAY_ERRORS } from './errors.ts'
import { assertEndpointAllowed, LOCAL_REGISTRY, parseRegistry, type Registry } from './registry.ts'

const remote = {
	id: 'azure-gpt',
	provider: 'openai-compatible',
	baseUrl: 'https://hospital.openai.azure.com/openai/v1',
	model: 'gpt-4o',
	region: 'eastus2',
	baaCovered: true,
	envelope: 'phi',
	retention: 'store-false',
	apiKey: 'AZURE_OPENAI_API_KEY',
}
const bedrock = {
	id: 'bedrock-claude',
	provider: 'bedrock',
	model: 'anthropic.claude-3-5-sonnet-20240620-v1:0',
	region: 'us-east-1',
	baaCovered: true,
	envelope: 'phi',
	retention: 'contract',
}
const registryWith = (endpoint: Record<string, unknown>, envelope = 'phi') => ({
	endpoints: [endpoint, ...LOCAL_REGISTRY.endpoints],
	routes: {
		...LOCAL_REGISTRY.routes,
		answer: { envelope, endpoints: [String(endpoint.id)] },
	},
})
const problemsOf = (input: unknown): string => {
	try {
		parseRegistry(input)
	} catch (error) {
		expect(error).toMatchObject({ code: GATEWAY_ERRORS.configInvalid })
		return (error as Error).message
	}
	throw new Error('expected the registry to be refused')
}

describe('the registry is refused at boot, naming the problem, when', () => {
	test('a PHI endpoint has no BAA', () => {
		expect(problemsOf(registryWith({ ...remote, baaCovered: false }))).toContain(
			'not covered by a BAA',
		)
	})
	test('a PHI feature is routed to a de-identified endpoint', () => {
		expect(problemsOf(registryWith({ ...remote, envelope: 'deidentified' }))).toContain(
			'not a PHI endpoint',
		)
	})
	test('a PHI endpoint enforces no zero retention', () => {
		expect(problemsOf(registryWith({ ...remote, retention: 'none' }))).toContain(
			'no zero data retention',
		)
	})
	test('an OpenAI-compatible PHI endpoint relies on anything but store: false', () => {
		expect(problemsOf(registryWith({ ...remote, retention: 'contract' }))).toContain('store-false')
	})
	test('an OpenAI-compatible endpoint has no base URL', () => {
		const { baseUrl: _omitted, ...rest } = remote
		expect(problemsOf(registryWith(rest))).toContain('needs a baseUrl')
	})
	test('a Bedrock endpoint has no region', () => {
		expect(problemsOf(registryWith({ ...bedrock, region: null }))).toContain('needs a region')
	})
	test('a Bedrock endpoint claims a store flag it does not have', () => {
		expect(problemsOf(registryWith({ ...bedrock, retention: 'store-false' }))).toContain(
			'no store flag',
		)
	})
	test('embeddings are routed to Bedrock (not the 384 dimensions of the chunk store)', () => {
		const input = registryWith(bedrock)
		input.routes = {
			...input.routes,
			embed: { envelope: 'phi', endpoints: [bedrock.id], fallbackToLocal: false },
		}
		expect(problemsOf(input)).toContain('384 dimensions')
	})
	test('a route names an endpoint that does not exist', () => {
		const input = { ...LOCAL_REGISTRY, routes: { ...LOCAL_REGISTRY.routes } }
		input.routes.answer = { envelope: 'phi', endpoints: ['nowhere'], fallbackToLocal: false }
		expect(problemsOf(input)).toContain('names no endpoint (nowhere)')
	})
	test('two endpoints share an id', () => {
		expect(
			problemsOf({
				...LOCAL_REGISTRY,
				endpoints: [...LOCAL_REGISTRY.endpoints, LOCAL_REGISTRY.endpoints[0]],
			}),
		).toContain('duplicate')
	})
	test('a field outside the schema is present', () => {
		expect(problemsOf(registryWith({ ...remote, storePrompts: true }))).toContain('endpoints.0')
	})
	test('a route is missing for a feature', () => {
		const { embed: _missing, ...routes } = LOCAL_REGISTRY.routes
		expect(problemsOf({ ...LOCAL_REGISTRY, routes })).toContain('routes.embed')
	})
	test('the message never carries an API key value, only the name of the setting', () => {
		const message = problemsOf(registryWith({ ...remote, baaCovered: false }))
		expect(message).not.toContain('sk-')
	})
})

describe('the call-time check refuses, with GATEWAY_ENDPOINT_NOT_ALLOWED,', () => {
	const valid: Registry = parseRegistry(registryWith(remote))
	test('an endpoint that is not in the registry', () => {
		expect(() => assertEndpointAllowed(valid, 'answer', 'elsewhere')).toThrow(
			expect.objectContaining({ code: GATEWAY_ERRORS.endpointNotAllowed }),
		)
	})
	test('an endpoint that is not on the feature route', () => {
		expect(() => assertEndpointAllowed(valid, 'answer', 'local-hashed-embedder')).toThrow(
			expect.objectContaining({ code: GATEWAY_ERRORS.endpointNotAllowed }),
		)
	})
	test('an endpoint whose BAA was withdrawn after boot', () => {
		const changed: Registry = structuredClone(valid)
		const endpoint = changed.endpoints.find((e) => e.id === 'azure-gpt')
		if (endpoint) endpoint.baaCovered = false
		expect(() => assertEndpointAllowed(changed, 'answer', 'azure-gpt')).toThrow(
			expect.objectContaining({ code: GATEWAY_ERRORS.endpointNotAllowed }),
		)
	})
	test('and allows a routed, BAA-covered, zero-retention endpoint (positive control)', () => {
		expect(assertEndpointAllowed(valid, 'answer', 'azure-gpt').model).toBe('gpt-4o')
	})
})

describe('the built-in local registry', () => {
	test('serves every feature in this process, labelled as local deterministic', () => {
		for (const endpoint of LOCAL_REGISTRY.endpoints) {
			expect(endpoint.provider).toBe('local')
			expect(endpoint.retention).toBe('in-process')
			expect(endpoint.label).toMatch(/^local deterministic/)
		}
	})
})
