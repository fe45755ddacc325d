import { createHash } from 'node:crypto'
import { readdir, readFile } from 'node:fs/promises'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { and, eq, inArray } from 'drizzle-orm'
import type { Database } from '#db/client.ts'
import { careTeamMembers, documents, patients, users, type Sex } from '#db/schema/index.ts'
import { DEMO_USERS, DEV_IDP_ISSUER_ID } from '#server/auth/demo-users.ts'
import { documentTypeFromLoinc } from '../fhir/document-types.ts'
import {
	bundleResource,
	careTeamResource,
	documentReferenceResource,
	encounterResource,
	patientResource,
	practitionerResource,
	referencedId,
} from '../fhir/resources.ts'
import { MRN_SYSTEM } from './fhir-bundle.ts'

export const DEMO_BUNDLES_DIR = fileURLToPath(new URL('./bundles', import.meta.url))
export const DEMO_SOURCE_SYSTEM = 'chartside-demo-ehr'

export type SeedSummary = {
	users: number
	patients: number
	documents: number
	careTeamMembers: number
}

/**
 * Loads the synthetic demo hospital: demo users, and from the committed FHIR bundles the patients,
 * their notes and their care teams. Idempotent: rows that exist are left alone, so running it
 * again inserts nothing. Returns how many rows it inserted.
 */
export async function seedDemo(db: Database, bundlesDir = DEMO_BUNDLES_DIR): Promise<SeedSummary> {
	const summary: SeedSummary = { users: 0, patients: 0, documents: 0, careTeamMembers: 0 }

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
		const raw: unknown = JSON.parse(await readFile(path.join(bundlesDir, file), 'utf8'))
		const counts = await seedBundle(db, raw, file)
		summary.patients += counts.patients
		summary.documents += counts.documents
		summary.careTeamMembers += counts.careTeamMembers
	}
	return summary
}

async function seedBundle(db: Database, raw: unknown, file: string) {
	const bundle = bundleResource.parse(raw)
	const resources = bundle.entry.map((e) => e.resource)
	const patient = patientResource.parse(resources.find((r) => r.resourceType === 'Patient'))
	const name = patient.name?.find((n) => n.use === 'official') ?? patient.name?.[0]
	const mrn = patient.identifier?.find((i) => i.system === MRN_SYSTEM)?.value
	if (!mrn || !name?.family || !name.given?.[0]) {
		throw new Error(`Demo bundle ${file}: Patient lacks an MRN or a name`)
	}

	return db.transaction(async (tx) => {
		const counts = { patients: 0, documents: 0, careTeamMembers: 0 }
		const inserted = await tx
			.insert(patients)
			.values({
				fhirId: patient.id,
				mrn,
				givenName: name.given?.join(' ') ?? '',
				familyName: name.family ?? '',
				birthDate: patient.birthDate,
				sex: toSex(patient.gender),
			})
			.onConflictDoNothing()
			.returning({ id: patients.id })
		counts.patients = inserted.length
		const [row] = await tx
			.select({ id: patients.id })
			.from(patients)
			.where(eq(patients.fhirId, patient.id))
		if (!row) throw new Error(`Demo bundle ${file}: patient row missing after insert`)

		for (const resource of resources.filter((r) => r.resourceType === 'DocumentReference')) {
			const doc = documentReferenceResource.parse(resource)
			const attachment = doc.content[0]?.attachment
			if (!attachment?.data) continue
			const text = Buffer.from(attachment.data, 'base64').toString('utf8')
			const result = await tx
				.insert(documents)
				.values({
					patientId: row.id,
					sourceSystem: DEMO_SOURCE_SYSTEM,
					sourceId: `DocumentReference/${doc.id}`,
					type: documentTypeFromLoinc(doc.type?.coding?.map((c) => c.code) ?? []),
					title: doc.description ?? attachment.title ?? doc.type?.text ?? 'Clinical note',
					authoredAt: doc.date ? new Date(doc.date) : null,
					contentHash: createHash('sha256').update(text).digest('hex'),
					text,
					fhirIds: [doc.id],
				})
				.onConflictDoNothing()
				.returning({ id: documents.id })
			counts.documents += result.length
		}

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
		return counts
	})
}

function toSex(gender: string | undefined): Sex {
	return gender === 'female' || gender === 'male' || gender === 'other' ? gender : 'unknown'
}
