import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { openDatabase, type DatabaseHandle } from '#db/client.ts'
import { LEDGER_MIGRATIONS_FOLDER, migrateDatabase } from '#db/migrate.ts'
import { generateSigningKey, signingKeyFrom } from '../audit/checkpoint.ts'
import { createLedger, type Ledger } from '../audit/ledger.ts'
import { createLedgerStore } from '../audit/ledger-store.ts'
import { newDataKey } from '../audit/payload-crypto.ts'
import { createLogger } from '../log.ts'
import { createGatewayFromConfig, type Gateway } from './index.ts'

const PATIENT = '3f0b6a8e-1c2d-4e5f-8a9b-0c1d2e3f4a5b'
const CLINICIAN = {
	userId: '11111111-2222-4333-8444-555555555555',
	role: 'clinician' as const,
	sessionId: 's1',
}

describe('the gateway as the app builds it, recording into the real ledger', () => {
	let handle: DatabaseHandle
	let ledger: Ledger
	let gateway: Gateway
	beforeAll(async () => {
		handle = await openDatabase({ kind: 'embedded' })
		await migrateDatabase(handle, LEDGER_MIGRATIONS_FOLDER)
		ledger = createLedger({
			store: createLedgerStore(handle.db),
			keys: { signing: signingKeyFrom(generateSigningKey()), master: newDataKey() },
			checkpointEvery: 100,
			checkpointSeconds: 3600,
			log: createLogger('silent'),
		})
		gateway = createGatewayFromConfig(
			{ raw: {} as never },
			{ audit: ledger, log: createLogger('silent') },
		)
	})
	afterAll(async () => {
		await ledger.close()
		await handle.close()
	})

	test('an answer returns the sequence number of its inference entry, and the ledger verifies', async () => {
		const result = await gateway.answer({
			actor: CLINICIAN,
			requestId: 'req-int-1',
			patientId: PATIENT,
			question: 'What was the potassium?',
			sources: [{ id: 'c1', text: 'Potassium was 5.1 mmol/L on 2026-10-02.' }],
		})
		const [row] = await createLedgerStore(handle.db).search({ limit: 1, action: 'inference' })
		expect(row?.seq).toBe(result.auditSeq)
		expect(row?.entry).toMatchObject({
			component: 'gateway',
			inference: { endpoint: 'local-extractive-answerer', citations: [{ sources: ['c1'] }] },
		})
		expect(await ledger.verify({ actor: CLINICIAN, requestId: 'req-int-2' })).toMatchObject({
			ok: true,
		})
	})

	test('a document is classified by the committed local model', async () => {
		const result = await gateway.classifyDocument({
			actor: { ...CLINICIAN, role: 'intake' },
			requestId: 'req-int-3',
			text: 'DISCHARGE SUMMARY. Admission date and discharge date. Discharge diagnoses: pneumonia. Discharge medications: amoxicillin. Follow up with primary care in one week.',
		})
		expect(result.label).toBe('discharge_summary')
		expect(result.model.label).toMatch(/^local deterministic/)
		const [row] = await createLedgerStore(handle.db).search({ limit: 1, action: 'inference' })
		expect(row?.seq).toBe(result.auditSeq)
		expect(row?.entry).toMatchObject({
			policy: 'gateway.classify.deidentified',
			inference: { envelope: 'deidentified', model: 'fax-type-classifier' },
		})
	})

	test('a fax cover sheet alone is junk, and the identifiers on it never reach the ledger', async () => {
		const result = await gateway.classifyDocument({
			actor: { ...CLINICIAN, role: 'intake' },
			requestId: 'req-int-4',
			text: 'FAX COVER SHEET\nTo: Dr. Ines Marlowe  Fax: (555) 301-4477\nFrom: Lakeview Family Practice\nDate: 03/14/2026  Pages (including cover): 1\nRe: Tobias Grell DOB 07/19/1958\nCONFIDENTIALITY NOTICE: If you have received this fax in error, please notify the sender.',
		})
		expect(result).toMatchObject({ label: 'junk', coverSheetOnly: true })
		const [row] = await createLedgerStore(handle.db).search({ limit: 1, action: 'inference' })
		expect(JSON.stringify(row?.entry)).not.toMatch(/Grell|Marlowe|1958/)
	})
})
