/**
 * A separate process appending to a shared ledger database over the wire protocol, for the
 * concurrency test: `tsx tests/helpers/ledger-writer.ts URL WRITERS EVENTS SIGNING_KEY MASTER_KEY`.
 * Prints the sequence numbers the ledger gave its entries, as JSON, on stdout.
 */
import { openDatabase } from '#db/client.ts'
import { signingKeyFrom } from '#server/audit/checkpoint.ts'
import { createLedger } from '#server/audit/ledger.ts'
import { createLedgerStore } from '#server/audit/ledger-store.ts'
import { createLogger } from '#server/log.ts'
import { syntheticEvent } from './ledger-events.ts'

const [url, writers, events, signingKey, masterKey] = process.argv.slice(2)
const handle = await openDatabase({ kind: 'server', url: String(url), poolMax: Number(writers) })
const ledger = createLedger({
	store: createLedgerStore(handle.db),
	keys: {
		signing: signingKeyFrom(String(signingKey)),
		master: Buffer.from(String(masterKey), 'base64'),
	},
	checkpointEvery: 1_000,
	checkpointSeconds: 3_600,
	log: createLogger('silent'),
})
const seqs: number[] = []
await Promise.all(
	Array.from({ length: Number(writers) }, async (_, w) => {
		for (let i = 0; i < Number(events); i++) {
			seqs.push(await ledger.append(syntheticEvent(i, `p${process.pid}-w${w}`)))
		}
	}),
)
await ledger.close()
await handle.close()
process.stdout.write(JSON.stringify({ seqs }) + '\n')
