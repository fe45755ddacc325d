import { and, asc, desc, eq, gt, ilike, or, sql } from 'drizzle-orm'
import { breakGlassGrants } from '#db/schema/break-glass.ts'
import { documents } from '#db/schema/documents.ts'
import { patients, type Sex } from '#db/schema/patients.ts'
import { AUDIT_ACTIONS, AUDIT_COMPONENTS, type AuditSink } from '../audit/sink.ts'
import { AppError } from '../platform/errors.ts'
import { isUuid } from '../platform/ids.ts'
import type { Logger } from '../log.ts'
import { POLICIES } from '../auth/policy.ts'
import { recordAccess } from '../auth/record-access.ts'
import { readPanels, type ChartPanels } from './panels.ts'
import type { PatientData } from '../auth/patient-data.ts'
import { careTeamFilter, type Actor } from '../auth/scope.ts'

export type PatientSummary = {
	id: string
	mrn: string
	name: string
	birthDate: string
	sex: Sex
	/** Set when the user sees this patient through break-glass rather than the care team. */
	breakGlassUntil: string | null
}

export type ChartView = {
	patient: PatientSummary
	documents: Array<{
		id: string
		title: string
		type: string
		authoredAt: string | null
		/** Chunks the ingest-time injection scan flagged (kept, marked, and kept out of answers). */
		flaggedChunks: number
	}>
	/** Problems, medications and recent results, from the structured record. */
	panels: ChartPanels
	breakGlass: { reason: string; expiresAt: string } | null
}

export type OpenChartResult =
	{ status: 'ok'; chart: ChartView } | { status: 'forbidden' } | { status: 'not_found' }

export type ChartServiceOptions = {
	sink: AuditSink
	log: Logger
	breakGlassMinutes: number
	/** Test-only: drop the SQL care-team filter so row-level security is the only guard. */
	bypassSqlScope?: boolean
}

/**
 * Patient lists and charts, always scoped to the acting user in SQL and again by RLS. Every
 * operation takes the request's PatientData: the actor is the handle's, never an argument.
 */
export function createChartService(options: ChartServiceOptions) {
	const { sink, log } = options
	const scope = (actor: Actor) =>
		careTeamFilter(patients.id, actor, { bypass: options.bypassSqlScope })
	// Written with explicit aliases: drizzle leaves a single-table query's own columns unqualified,
	// and an unqualified "id" inside this subquery would bind to the grant's id.
	const activeGrant = (actor: Actor) =>
		sql<string | null>`(select max(g.expires_at)::text from break_glass_grants g
			where g.patient_id = "patients"."id" and g.user_id = ${actor.userId} and g.expires_at > now()
			and "patients"."id" not in (select m.patient_id from care_team_members m where m.user_id = ${actor.userId}))`

	const summaryColumns = (actor: Actor) => ({
		id: patients.id,
		mrn: patients.mrn,
		given: patients.givenName,
		family: patients.familyName,
		birthDate: patients.birthDate,
		sex: patients.sex,
		breakGlassUntil: activeGrant(actor),
	})
	const toSummary = (r: {
		id: string
		mrn: string
		given: string
		family: string
		birthDate: string
		sex: Sex
		breakGlassUntil: string | null
	}): PatientSummary => ({
		id: r.id,
		mrn: r.mrn,
		name: `${r.family}, ${r.given}`,
		birthDate: r.birthDate,
		sex: r.sex,
		breakGlassUntil: r.breakGlassUntil,
	})

	return {
		/** The user's patients (names, MRNs, birth dates: PHI), recorded as a read of the list. */
		async listPatients(
			data: PatientData,
			search: { q?: string } = {},
			requestId = 'internal',
		): Promise<PatientSummary[]> {
			const { actor } = data
			const q = search.q?.trim().slice(0, 80)
			const rows = await data.read((tx) =>
				tx
					.select(summaryColumns(actor))
					.from(patients)
					.where(
						and(
							scope(actor),
							q
								? or(
										ilike(patients.familyName, `%${escapeLike(q)}%`),
										ilike(patients.givenName, `%${escapeLike(q)}%`),
										ilike(patients.mrn, `%${escapeLike(q)}%`),
									)
								: undefined,
						),
					)
					.orderBy(asc(patients.familyName), asc(patients.givenName))
					.limit(200),
			)
			// Recorded before anything is returned: no audit record, no list.
			await recordAccess(sink, log, {
				requestId,
				actor,
				component: AUDIT_COMPONENTS.chart,
				action: AUDIT_ACTIONS.phiRead,
				decision: 'allow',
				policy: POLICIES.careTeam,
				resource: { type: 'patient_list', id: `${rows.length} patients` },
			})
			return rows.map(toSummary)
		},

		/** Opens a chart: allowed and denied alike are recorded (fail closed on the record). */
		async openChart(
			data: PatientData,
			patientId: string,
			requestId: string,
		): Promise<OpenChartResult> {
			const { actor } = data
			if (!isUuid(patientId)) return { status: 'not_found' }
			const found = await data.read(async (tx) => {
				const [row] = await tx
					.select(summaryColumns(actor))
					.from(patients)
					.where(and(eq(patients.id, patientId), scope(actor)))
				if (!row) return null
				const docs = await tx
					.select({
						id: documents.id,
						title: documents.title,
						type: documents.type,
						authoredAt: documents.authoredAt,
						// Qualified by hand: drizzle writes an unqualified "id", which would mean the chunk's.
						flaggedChunks: sql<number>`(select count(*)::int from chunks c where c.document_id = "documents"."id" and c.injection_flagged)`,
					})
					.from(documents)
					.where(eq(documents.patientId, patientId))
					.orderBy(desc(documents.authoredAt))
				const [grant] = row.breakGlassUntil
					? await tx
							.select({ reason: breakGlassGrants.reason, expiresAt: breakGlassGrants.expiresAt })
							.from(breakGlassGrants)
							.where(
								and(
									eq(breakGlassGrants.patientId, patientId),
									eq(breakGlassGrants.userId, actor.userId),
									gt(breakGlassGrants.expiresAt, sql`now()`),
								),
							)
							.orderBy(desc(breakGlassGrants.expiresAt))
							.limit(1)
					: []
				return { row, docs, grant, panels: await readPanels(tx, patientId) }
			})
			const base = {
				requestId,
				actor,
				resource: { type: 'patient' as const, id: patientId, patientId },
			}
			if (!found) {
				if (!(await data.patientExists(patientId))) return { status: 'not_found' }
				await recordAccess(sink, log, {
					...base,
					component: AUDIT_COMPONENTS.chart,
					action: AUDIT_ACTIONS.accessDenied,
					decision: 'deny',
					policy: POLICIES.careTeam,
				})
				return { status: 'forbidden' }
			}
			await recordAccess(sink, log, {
				...base,
				component: AUDIT_COMPONENTS.chart,
				action: AUDIT_ACTIONS.phiRead,
				decision: 'allow',
				policy: found.grant ? POLICIES.breakGlass : POLICIES.careTeam,
			})
			return {
				status: 'ok',
				chart: {
					patient: toSummary(found.row),
					documents: found.docs.map((d) => ({
						...d,
						authoredAt: d.authoredAt?.toISOString() ?? null,
						flaggedChunks: Number(d.flaggedChunks),
					})),
					panels: found.panels,
					breakGlass: found.grant
						? { reason: found.grant.reason, expiresAt: found.grant.expiresAt.toISOString() }
						: null,
				},
			}
		},

		/** Emergency access to a patient outside the care team, with a typed reason, for a limited time. */
		async breakGlass(
			data: PatientData,
			patientId: string,
			reason: string,
			requestId: string,
		): Promise<{ expiresAt: Date }> {
			const { actor } = data
			const trimmed = reason.trim()
			if (trimmed.length < 10 || trimmed.length > 500) {
				throw new AppError(
					'ACCESS_BREAK_GLASS_REASON_INVALID',
					'Give a reason of 10 to 500 characters.',
				)
			}
			if (!isUuid(patientId) || !(await data.patientExists(patientId))) {
				throw new AppError('ACCESS_PATIENT_NOT_FOUND', 'No such patient.')
			}
			const event = {
				requestId,
				actor,
				component: AUDIT_COMPONENTS.chart,
				action: AUDIT_ACTIONS.breakGlass,
				decision: 'allow' as const,
				policy: POLICIES.breakGlass,
				resource: { type: 'patient' as const, id: patientId, patientId },
				sensitive: { patientId, value: { reason: trimmed } },
			}
			// Record first (no audit record, no access); if the grant then cannot be written, say so.
			await recordAccess(sink, log, event)
			let expiresAt: Date
			try {
				// The grant is made by chartside_break_glass(), which re-checks the role and the reason
				// and bounds the expiry in the database's own clock.
				expiresAt = await data.write(async (tx) => {
					const result = await tx.execute(
						sql`select public.chartside_break_glass(${patientId}::uuid, ${trimmed}, ${options.breakGlassMinutes}::int) as expires_at`,
					)
					const row = (result as unknown as { rows: Array<{ expires_at: unknown }> }).rows[0]
					return new Date(String(row?.expires_at))
				})
			} catch (error) {
				await recordAccess(sink, log, { ...event, outcome: 'failed' })
				throw error
			}
			return { expiresAt }
		},
	}
}

export type ChartService = ReturnType<typeof createChartService>

function escapeLike(value: string): string {
	return value.replace(/[\\%_]/g, (c) => `\\${c}`)
}
