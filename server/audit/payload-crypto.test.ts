import { describe, expect, test } from 'vitest'
import { buildChain, verifyChain } from './chain.ts'
import {
	decryptPayload,
	encryptPayload,
	newDataKey,
	unwrapDataKey,
	wrapDataKey,
} from './payload-crypto.ts'

const master = newDataKey()
const PATIENT = '3f2b8c1e-9d4a-4c55-8e21-0a6b7c8d9e0f'
const CONTEXT = 'entry:req-1:answer.decision'
const REASON = { reasonText: 'Synthetic override reason: dose differs from the discharge summary' }

describe('ledger payload encryption', () => {
	test('round-trips a payload through a wrapped per-patient key', () => {
		const dataKey = newDataKey()
		const wrapped = wrapDataKey(dataKey, master, PATIENT)
		const payload = encryptPayload(REASON, dataKey, CONTEXT)
		expect(payload.ct).not.toContain('discharge')
		expect(decryptPayload(payload, unwrapDataKey(wrapped, master, PATIENT), CONTEXT)).toEqual(
			REASON,
		)
	})

	test('after the patient’s key is destroyed, the payload is gone but the chain still verifies', () => {
		const dataKey = newDataKey()
		const entries = [
			{
				action: 'answer.decision',
				patient: PATIENT,
				payload: encryptPayload(REASON, dataKey, CONTEXT),
			},
			{ action: 'patient.delete', patient: PATIENT },
		]
		const chain = buildChain(entries)
		// Crypto-shredding: the wrapped key is deleted; nothing in the entries changes.
		const shreddedKey = null
		expect(verifyChain(chain)).toMatchObject({ ok: true, size: 2 })
		expect(() => decryptPayload(entries[0]!.payload!, shreddedKey, CONTEXT)).toThrow(
			expect.objectContaining({ code: 'AUDIT_PAYLOAD_SHREDDED' }),
		)
	})
})

describe('ledger payload decryption refuses', () => {
	const dataKey = newDataKey()
	const payload = encryptPayload(REASON, dataKey, CONTEXT)
	const unreadable = expect.objectContaining({ code: 'AUDIT_PAYLOAD_UNREADABLE' })
	test('a tampered ciphertext', () => {
		const ct = Buffer.from(payload.ct, 'base64')
		ct[0] = (ct[0] ?? 0) ^ 1
		expect(() =>
			decryptPayload({ ...payload, ct: ct.toString('base64') }, dataKey, CONTEXT),
		).toThrow(unreadable)
	})
	test('a payload replayed into another entry', () => {
		expect(() => decryptPayload(payload, dataKey, 'entry:req-2:answer.decision')).toThrow(
			unreadable,
		)
	})
	test('another patient’s key', () => {
		expect(() => decryptPayload(payload, newDataKey(), CONTEXT)).toThrow(unreadable)
	})
	test('a wrapped key moved to another patient', () => {
		const wrapped = wrapDataKey(dataKey, master, PATIENT)
		expect(() => unwrapDataKey(wrapped, master, '00000000-0000-4000-8000-000000000000')).toThrow(
			unreadable,
		)
	})
	test('a wrapped key under another master key', () => {
		const wrapped = wrapDataKey(dataKey, master, PATIENT)
		expect(() => unwrapDataKey(wrapped, newDataKey(), PATIENT)).toThrow(unreadable)
	})
	test('a key of the wrong length', () => {
		expect(() => encryptPayload(REASON, Buffer.alloc(16), CONTEXT)).toThrow(
			expect.objectContaining({ code: 'AUDIT_KEY_INVALID' }),
		)
	})
})
