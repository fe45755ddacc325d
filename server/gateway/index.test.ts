import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { parseConfig } from '../config/index.ts'
import { createLogger } from '../log.ts'
import { GATEWAY_ERRORS } from './errors.ts'
import { createGatewayFromConfig } from './index.ts'
import { LOCAL_REGISTRY } from './registry.ts'

/** The registry file of a process naming a Bedrock endpoint for answers. */
const BEDROCK_REGISTRY = {
	endpoints: [
		{
			id: 'bedrock-claude',
			provider: 'bedrock',
			model: 'anthropic.claude-3-5-sonnet-20240620-v1:0',
			region: 'us-east-1',
			baaCovered: true,
			envelope: 'phi',
			retention: 'contract',
		},
		...LOCAL_REGISTRY.endpoints,
	],
	routes: {
		...LOCAL_REGISTRY.routes,
		answer: { envelope: 'phi', endpoints: ['bedrock-claude'], fallbackToLocal: true },
	},
}

let dir: string
let file: string
beforeAll(async () => {
	dir = await mkdtemp(path.join(os.tmpdir(), 'chartside-registry-'))
	file = path.join(dir, 'gateway.json')
	await writeFile(file, JSON.stringify(BEDROCK_REGISTRY))
})
afterAll(async () => {
	await rm(dir, { recursive: true, force: true })
})

const build = (env: Record<string, string>) =>
	createGatewayFromConfig(parseConfig({ DATA_DIR: dir, GATEWAY_CONFIG: file, ...env }), {
		audit: { append: async () => 1 },
		log: createLogger('silent'),
	})

describe('a process whose registry names a Bedrock endpoint', () => {
	test('without AWS keys: refused when the gateway is built (boot stops)', () => {
		expect(() => build({})).toThrow(expect.objectContaining({ code: GATEWAY_ERRORS.configInvalid }))
	})

	test('with AWS keys: built, and the endpoint serves answers', () => {
		const gateway = build({
			AWS_ACCESS_KEY_ID: 'AKIDEXAMPLETESTONLY',
			AWS_SECRET_ACCESS_KEY: 'test-secret-not-real',
		})
		expect(gateway.registry.routes.answer.endpoints).toEqual(['bedrock-claude'])
	})
})
