import type { z } from 'zod'
import type { Sex } from '#db/schema/patients.ts'
import {
	allergyIntoleranceResource,
	chartPatientResource,
	conditionResource,
	diagnosticReportResource,
	documentReferenceResource,
	encounterResource,
	immunizationResource,
	medicationRequestResource,
	medicationResource,
	observationResource,
	procedureResource,
	type ChartPatientResource,
	type Reference,
} from '../fhir/resources.ts'
import { IngestError, INGEST_ERRORS } from './errors.ts'
import { encounterSummaries } from './fhir-encounters.ts'
import type { FhirInput } from './fhir-input.ts'
import { invalidFhir } from './fhir-input.ts'
import { allergyList, immunizationList, medicationList, problemList } from './fhir-lists.ts'
import { noteDocuments } from './fhir-notes.ts'
import { labTimeline } from './fhir-results.ts'
import { refId } from './fhir-format.ts'
import type { ChartResources } from './fhir-types.ts'
import type { LoadedChart, LoadedPatient } from './types.ts'

/**
 * FHIR resources → charts: validates the resources the loaders read (zod, from `unknown`), groups
 * them per Patient by their subject / patient reference, and turns each patient's resources into
 * readable documents (lists, lab timeline, encounter summaries, notes). Other resource types
 * (Claim, Organization, CarePlan…) are read and ignored. Resources that point at a patient not in
 * the file are left out rather than guessed, and so are resources entered in error.
 */
const SCHEMAS = {
	Patient: chartPatientResource,
	Encounter: encounterResource,
	Condition: conditionResource,
	MedicationRequest: medicationRequestResource,
	Medication: medicationResource,
	Observation: observationResource,
	DiagnosticReport: diagnosticReportResource,
	AllergyIntolerance: allergyIntoleranceResource,
	Immunization: immunizationResource,
	Procedure: procedureResource,
	DocumentReference: documentReferenceResource,
} as const
type Parsed = { [K in keyof typeof SCHEMAS]: z.infer<(typeof SCHEMAS)[K]> }

export type PatientOption = { fhirId?: string; mrn?: string }

export async function buildCharts(
	input: FhirInput,
	file: string,
	patient?: PatientOption,
): Promise<LoadedChart[]> {
	const parsed = parseAll(input)
	const resolve = (ref: Reference | undefined) => {
		const id = refId(ref)
		return id ? (input.aliases.get(id) ?? id) : null
	}
	const patients = parsed.Patient
	const buckets = new Map<string, ChartResources>()
	const bucket = (p: ChartPatientResource | null, key: string) =>
		buckets.get(key) ??
		buckets
			.set(key, {
				patient: p,
				sourceKey: key,
				encounters: [],
				conditions: [],
				medicationRequests: [],
				observations: [],
				reports: [],
				allergies: [],
				immunizations: [],
				procedures: [],
				notes: [],
				medications: new Map(parsed.Medication.map((m) => [m.id, m])),
				resolve,
			})
			.get(key)!

	let single: ChartResources | null = null
	let referenced: PatientOption | null = null
	if (patients.length > 0) {
		for (const p of patients) bucket(p, p.id)
	} else if (patient && (patient.fhirId || patient.mrn)) {
		single = bucket(null, patient.fhirId ?? `mrn-${patient.mrn}`)
	} else {
		// No Patient resource: the resources' own references say whose chart this is, and the
		// pipeline then files them under that patient or refuses one it does not know.
		const subjects = new Set(
			[
				...[...parsed.Encounter, ...parsed.Condition, ...parsed.MedicationRequest].map(
					(r) => r.subject,
				),
				...[...parsed.Observation, ...parsed.DiagnosticReport, ...parsed.Procedure].map(
					(r) => r.subject,
				),
				...parsed.DocumentReference.map((r) => r.subject),
				...[...parsed.AllergyIntolerance, ...parsed.Immunization].map((r) => r.patient),
			]
				.map(resolve)
				.filter((id): id is string => id !== null),
		)
		const [only] = subjects
		if (subjects.size > 1)
			throw new IngestError(
				INGEST_ERRORS.patientMismatch,
				`${file} has no Patient resource and its resources refer to several patients.`,
			)
		if (!only)
			throw new IngestError(
				INGEST_ERRORS.noPatient,
				`${file} has no Patient resource; say which patient it belongs to.`,
			)
		referenced = { fhirId: only }
		single = bucket(null, only)
	}

	const seenSubjects = new Set<string>()
	const place = (subject: Reference | undefined): ChartResources | undefined => {
		const id = resolve(subject)
		if (single) {
			if (id) seenSubjects.add(id)
			return single
		}
		return id ? buckets.get(id) : undefined
	}
	const add = <T>(items: T[], subjectOf: (r: T) => Reference | undefined, into: keyof Lists) => {
		for (const r of items)
			if (!enteredInError(r)) (place(subjectOf(r))?.[into] as T[] | undefined)?.push(r)
	}
	add(parsed.Encounter, (r) => r.subject, 'encounters')
	add(parsed.Condition, (r) => r.subject, 'conditions')
	add(parsed.MedicationRequest, (r) => r.subject, 'medicationRequests')
	add(parsed.Observation, (r) => r.subject, 'observations')
	add(parsed.DiagnosticReport, (r) => r.subject, 'reports')
	add(parsed.AllergyIntolerance, (r) => r.patient, 'allergies')
	add(parsed.Immunization, (r) => r.patient, 'immunizations')
	add(parsed.Procedure, (r) => r.subject, 'procedures')
	add(parsed.DocumentReference, (r) => r.subject, 'notes')

	// Without a Patient resource everything is filed under the patient given; resources that point
	// at two different patients cannot all be theirs. (The given value may be an MRN, so a single
	// subject id differing from it proves nothing.)
	if (single && seenSubjects.size > 1)
		throw new IngestError(
			INGEST_ERRORS.patientMismatch,
			`${file} has no Patient resource and its resources refer to several patients.`,
		)

	const charts: LoadedChart[] = []
	for (const chart of buckets.values())
		charts.push({
			patient: chart.patient ? toPatient(chart.patient) : null,
			patientRef: chart.patient ? patientRef(chart.patient) : { ...(referenced ?? patient) },
			documents: [
				problemList(chart),
				medicationList(chart),
				allergyList(chart),
				immunizationList(chart),
				labTimeline(chart),
				...encounterSummaries(chart),
				// Notes last and awaited: an HTML note goes through the HTML-to-text transformer.
				...(await noteDocuments(chart)),
			].filter((d) => d !== null),
		})
	return charts
}

type Lists = Omit<ChartResources, 'patient' | 'sourceKey' | 'medications' | 'resolve'>

function parseAll(input: FhirInput): { [K in keyof Parsed]: Parsed[K][] } {
	const out = Object.fromEntries(Object.keys(SCHEMAS).map((k) => [k, []])) as unknown as {
		[K in keyof Parsed]: Parsed[K][]
	}
	const seen = new Set<string>()
	for (const { resource, where, prefix } of input.resources) {
		const type = resource.resourceType
		if (!Object.hasOwn(SCHEMAS, type)) continue
		const schema = SCHEMAS[type as keyof typeof SCHEMAS]
		const result = schema.safeParse(resource)
		if (!result.success) throw invalidFhir(where, prefix, result.error)
		const key = `${type}/${result.data.id}`
		if (seen.has(key)) continue // the same resource twice (an export with overlaps): once
		seen.add(key)
		;(out[type as keyof Parsed] as unknown[]).push(result.data)
	}
	return out
}

/** Entered in error: not part of the chart, so in no document. */
function enteredInError(r: unknown): boolean {
	const { status, verificationStatus } = r as {
		status?: string
		verificationStatus?: { coding?: Array<{ code?: string }> }
	}
	return (
		status === 'entered-in-error' ||
		Boolean(verificationStatus?.coding?.some((c) => c.code === 'entered-in-error'))
	)
}

function toPatient(p: ChartPatientResource): LoadedPatient {
	const name = p.name?.find((n) => n.use === 'official') ?? p.name?.[0]
	const birth = p.birthDate && /^\d{4}-\d{2}-\d{2}$/.test(p.birthDate) ? p.birthDate : null
	return {
		fhirId: p.id,
		mrn: mrnOf(p),
		givenName: name?.given?.join(' ') ?? '',
		familyName: name?.family ?? '',
		birthDate: birth,
		sex: toSex(p.gender),
		phone: phoneOf(p),
	}
}

/**
 * The first telecom whose system is `phone`, digits only (fax intake matches on it, ADR 036); a
 * US number written with its country code loses the leading 1. Null when there is none.
 */
export function phoneOf(p: Pick<ChartPatientResource, 'telecom'>): string | null {
	const value = p.telecom?.find((t) => t.system === 'phone' && t.value)?.value
	const digits = value?.replace(/\D/g, '') ?? ''
	if (digits.length === 0) return null
	return digits.length === 11 && digits.startsWith('1') ? digits.slice(1) : digits
}

function patientRef(p: ChartPatientResource): LoadedChart['patientRef'] {
	const mrn = mrnOf(p)
	return mrn ? { fhirId: p.id, mrn } : { fhirId: p.id }
}

/** The identifier typed MR (v2-0203 "Medical record number"); null when there is none. */
function mrnOf(p: ChartPatientResource): string | null {
	const mr = p.identifier?.find((i) => i.type?.coding?.some((c) => c.code === 'MR') && i.value)
	return mr?.value ?? null
}

export function toSex(gender: string | undefined): Sex {
	return gender === 'female' || gender === 'male' || gender === 'other' ? gender : 'unknown'
}
