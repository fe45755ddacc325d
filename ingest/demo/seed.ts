import { readdir, readFile } from 'node:fs/promises'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { and, eq, inArray } from 'drizzle-orm'
import type { Database } from '#db/client.ts'
import { careTeamMembers, patients, users } from '#db/schema/index.ts'
import { DEMO_USERS, DEV_IDP_ISSUER_ID } from '#server/auth/demo-users.ts'
import {
	bundleResource,
	careTeamResource,
	encounterResource,
	patientResource,
	practitionerResource,
	referencedId,
} from '../fhir/resources.ts'
import { loadPath } from '../loaders/index.ts'
import { ingestLoaded, type IngestDeps } from '../pipeline.ts'

export const DEMO_BUNDLES_DIR = fileURLToPath(new URL('./bundles', import.meta.url))

export type SeedSummary = {
	users: number
	patients: number
	documents: number
	chunks: number
	careTeamMembers: number
}

/**
 * Loads the synthetic demo hospital: demo users, then each committed FHIR bundle through the same
 * ingestion pipeline as any chart (loaders, chunks, embeddings and the injection scan through the
 * gateway, a ledger event per document), then the care teams the bundles name. Idempotent: a
 * second run inserts nothing. Returns how many rows it inserted.
 */
export async function seedDemo(
	deps: IngestDeps,
	bundlesDir = DEMO_BUNDLES_DIR,
): Promise<SeedSummary> {
	const { db } = deps
	const summary: SeedSummary = {
		users: 0,
		patients: 0,
		documents: 0,
		chunks: 0,
		careTeamMembers: 0,
	}

	const insertedUsers = await db
		.insert(users)
		.values(
			DEMO_USERS.map((u) => ({
				issuer: DEV_IDP_ISSUER_ID,
				subject: u.subject,
				displayName: u.displayName,
				email: u.email,
				role: u.role,
			})),
		)
		.onConflictDoNothing()
		.returning({ id: users.id })
	summary.users = insertedUsers.length

	const files = (await readdir(bundlesDir)).filter((f) => f.endsWith('.json')).sort()
	for (const file of files) {
		const full = path.join(bundlesDir, file)
		const report = await ingestLoaded(deps, await loadPath(full))
		summary.patients += report.patientsRegistered
		summary.documents += report.documents.new + report.documents.changed
		summary.chunks += report.chunks
		const raw: unknown = JSON.parse(await readFile(full, 'utf8'))
		summary.careTeamMembers += await seedCareTeam(db, raw, file)
	}
	return summary
}

/** Care-team memberships from the bundle's CareTeam and Encounter participants. */
async function seedCareTeam(db: Database, raw: unknown, file: string): Promise<number> {
	const bundle = bundleResource.parse(raw)
	const resources = bundle.entry.map((e) => e.resource)
	const patient = patientResource.parse(resources.find((r) => r.resourceType === 'Patient'))
	return db.transaction(async (tx) => {
		const counts = { careTeamMembers: 0 }
		const [row] = await tx
			.select({ id: patients.id })
			.from(patients)
			.where(eq(patients.fhirId, patient.id))
		if (!row) throw new Error(`Demo bundle ${file}: the patient was not registered`)

		// Care team: practitioners identified by the development IdP's subject claim.
		const practitionerSubjects = new Map<string, string>()
		for (const resource of resources.filter((r) => r.resourceType === 'Practitioner')) {
			const pr = practitionerResource.parse(resource)
			const subject = pr.identifier?.find((i) => i.system === DEV_IDP_ISSUER_ID)?.value
			if (subject) practitionerSubjects.set(pr.id, subject)
		}
		// Memberships come from CareTeam participants and from Encounter participants.
		const fromCareTeams = resources
			.filter((r) => r.resourceType === 'CareTeam')
			.map((r) => careTeamResource.parse(r))
			.filter((team) => team.status !== 'inactive')
			.flatMap((team) => team.participant ?? [])
			.map((p) => practitionerSubjects.get(referencedId(p.member) ?? ''))
		const fromEncounters = resources
			.filter((r) => r.resourceType === 'Encounter')
			.map((r) => encounterResource.parse(r))
			.flatMap((encounter) => encounter.participant ?? [])
			.map((p) => practitionerSubjects.get(referencedId(p.individual) ?? ''))
		const memberships = [
			...fromCareTeams.map((subject) => ({ subject, source: 'fhir_care_team' as const })),
			...fromEncounters.map((subject) => ({ subject, source: 'fhir_encounter' as const })),
		].filter((m): m is { subject: string; source: 'fhir_care_team' | 'fhir_encounter' } =>
			Boolean(m.subject),
		)
		const subjects = [...new Set(memberships.map((m) => m.subject))]
		if (subjects.length > 0) {
			const members = await tx
				.select({ id: users.id, subject: users.subject })
				.from(users)
				.where(and(eq(users.issuer, DEV_IDP_ISSUER_ID), inArray(users.subject, subjects)))
			if (members.length > 0) {
				const sourceOf = (subject: string) =>
					memberships.find((m) => m.subject === subject && m.source === 'fhir_care_team')?.source ??
					'fhir_encounter'
				const result = await tx
					.insert(careTeamMembers)
					.values(
						members.map((m) => ({ userId: m.id, patientId: row.id, source: sourceOf(m.subject) })),
					)
					.onConflictDoNothing()
					.returning({ userId: careTeamMembers.userId })
				counts.careTeamMembers += result.length
			}
		}
		return counts.careTeamMembers
	})
}
