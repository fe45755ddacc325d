import { and, asc, eq } from 'drizzle-orm'
import { careTeamMembers } from '#db/schema/care-team.ts'
import { patients } from '#db/schema/patients.ts'
import { users } from '#db/schema/users.ts'
import { AUDIT_ACTIONS, AUDIT_COMPONENTS, type AuditSink } from '../audit/sink.ts'
import { AppError } from '../platform/errors.ts'
import type { Logger } from '../log.ts'
import { POLICIES } from './policy.ts'
import { recordAccess } from './record-access.ts'
import type { PatientData } from './patient-data.ts'

export type CareTeamOverview = {
	clinicians: Array<{ id: string; name: string }>
	patients: Array<{ id: string; name: string; mrn: string }>
	memberships: Array<{ userId: string; patientId: string; source: string }>
}

/**
 * The admin screen's data: who is on which patient's care team. Runs as chartside_app with the
 * admin role, which row-level security lets see patients and memberships but no chart content.
 * Both operations take the request's PatientData (the admin's own session).
 */
export function createCareTeamService(options: { sink: AuditSink; log: Logger }) {
	const { sink, log } = options
	return {
		async overview(data: PatientData, requestId = 'internal'): Promise<CareTeamOverview> {
			const { actor } = data
			const overview = await data.read(async (tx) => {
				const clinicians = await tx
					.select({ id: users.id, name: users.displayName })
					.from(users)
					.where(eq(users.role, 'clinician'))
					.orderBy(asc(users.displayName))
				const rows = await tx
					.select({
						id: patients.id,
						given: patients.givenName,
						family: patients.familyName,
						mrn: patients.mrn,
					})
					.from(patients)
					.orderBy(asc(patients.familyName))
				const memberships = await tx
					.select({
						userId: careTeamMembers.userId,
						patientId: careTeamMembers.patientId,
						source: careTeamMembers.source,
					})
					.from(careTeamMembers)
				return {
					clinicians,
					patients: rows.map((r) => ({ id: r.id, name: `${r.family}, ${r.given}`, mrn: r.mrn })),
					memberships,
				}
			})
			// The roster is PHI (names, MRNs): its read is recorded before it is returned.
			await recordAccess(sink, log, {
				requestId,
				actor,
				component: AUDIT_COMPONENTS.careTeams,
				action: AUDIT_ACTIONS.phiRead,
				decision: 'allow',
				policy: POLICIES.rbac,
				resource: { type: 'roster', id: `${overview.patients.length} patients` },
			})
			return overview
		},

		async setMembership(
			data: PatientData,
			change: { userId: string; patientId: string; member: boolean },
			requestId: string,
		): Promise<void> {
			const { actor } = data
			await data.write(async (tx) => {
				const [clinician] = await tx
					.select({ id: users.id })
					.from(users)
					.where(and(eq(users.id, change.userId), eq(users.role, 'clinician')))
				const [patient] = await tx
					.select({ id: patients.id })
					.from(patients)
					.where(eq(patients.id, change.patientId))
				if (!clinician || !patient) {
					throw new AppError('CARE_TEAM_UNKNOWN_MEMBER', 'Choose a listed clinician and patient.')
				}
				const event = {
					requestId,
					actor,
					component: AUDIT_COMPONENTS.careTeams,
					action: AUDIT_ACTIONS.careTeamChange,
					decision: 'allow' as const,
					policy: POLICIES.rbac,
					resource: {
						type: 'care_team' as const,
						id: `${change.userId}:${change.patientId}`,
						patientId: change.patientId,
					},
					details: { change: change.member ? 'added' : 'removed' },
				}
				await recordAccess(sink, log, event)
				try {
					if (change.member) {
						await tx
							.insert(careTeamMembers)
							.values({ userId: change.userId, patientId: change.patientId, source: 'admin' })
							.onConflictDoNothing()
					} else {
						await tx
							.delete(careTeamMembers)
							.where(
								and(
									eq(careTeamMembers.userId, change.userId),
									eq(careTeamMembers.patientId, change.patientId),
								),
							)
					}
				} catch (error) {
					await recordAccess(sink, log, { ...event, outcome: 'failed' })
					throw error
				}
			})
		},
	}
}

export type CareTeamService = ReturnType<typeof createCareTeamService>
