import type { Database } from '#db/client.ts'
import { seedDemo, type SeedSummary } from '#ingest/demo/seed.ts'
import type { AuditEvent } from '#server/audit/events.ts'
import { gatewayWith } from './gateway-fixtures.ts'

/**
 * The demo hospital seeded into a bare test database through the real pipeline: the local
 * deterministic gateway embeds and scans, and the ledger events land in `events` (a test without a
 * ledger store inspects them there).
 */
export async function seedDemoForTest(
	db: Database,
	bundlesDir?: string,
): Promise<SeedSummary & { events: AuditEvent[] }> {
	const events: AuditEvent[] = []
	const summary = await seedDemo(
		{
			db,
			gateway: gatewayWith(),
			audit: {
				async record(event) {
					events.push(event)
				},
			},
		},
		...(bundlesDir ? [bundlesDir] : []),
	)
	return { ...summary, events }
}
