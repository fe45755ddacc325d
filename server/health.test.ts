import { describe, expect, test } from 'vitest'
import { checkHealth } from './health.ts'

const up = { ping: () => Promise.resolve() }
const down = { ping: () => Promise.reject(new Error('connection refused: host db.internal')) }
const hung = { ping: () => new Promise<void>(() => {}) }

describe('health', () => {
	test('is ok when both stores answer', async () => {
		expect(await checkHealth({ database: up, ledgerStore: up })).toEqual({
			status: 'ok',
			checks: { database: 'ok', ledgerStore: 'ok' },
		})
	})
	test('is degraded, naming the ledger store, when it refuses', async () => {
		expect(await checkHealth({ database: up, ledgerStore: down })).toEqual({
			status: 'degraded',
			checks: { database: 'ok', ledgerStore: 'unreachable' },
		})
	})
	test('is degraded, naming the database, when it does not answer in time', async () => {
		const health = await checkHealth({ database: hung, ledgerStore: up }, { timeoutMs: 20 })
		expect(health.checks).toEqual({ database: 'unreachable', ledgerStore: 'ok' })
	})
	test('never carries the error text', async () => {
		const health = await checkHealth({ database: down, ledgerStore: down })
		expect(JSON.stringify(health)).not.toContain('db.internal')
	})
})
