import { z } from 'zod'

/**
 * The parts of FHIR R4 resources Chartside reads, parsed from `unknown`. Only fields we use are
 * declared; everything else in a resource is ignored. Extended by the ingestion pipeline.
 */

const identifier = z.object({ system: z.string().optional(), value: z.string().optional() })
const reference = z.object({ reference: z.string().optional(), display: z.string().optional() })
const coding = z.object({
	system: z.string().optional(),
	code: z.string().optional(),
	display: z.string().optional(),
})
const codeableConcept = z.object({
	coding: z.array(coding).optional(),
	text: z.string().optional(),
})

export const patientResource = z.object({
	resourceType: z.literal('Patient'),
	id: z.string().min(1),
	identifier: z.array(identifier.extend({ type: codeableConcept.optional() })).optional(),
	name: z
		.array(
			z.object({
				use: z.string().optional(),
				family: z.string().optional(),
				given: z.array(z.string()).optional(),
				text: z.string().optional(),
			}),
		)
		.optional(),
	gender: z.string().optional(),
	telecom: z
		.array(
			z.object({
				system: z.string().optional(),
				value: z.string().optional(),
				use: z.string().optional(),
			}),
		)
		.optional(),
	// A full date: patients.birth_date is a DATE. Partial FHIR dates are handled by the ingestion issue.
	birthDate: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
})
export type PatientResource = z.infer<typeof patientResource>

export const practitionerResource = z.object({
	resourceType: z.literal('Practitioner'),
	id: z.string().min(1),
	identifier: z.array(identifier).optional(),
})

export const careTeamResource = z.object({
	resourceType: z.literal('CareTeam'),
	id: z.string().min(1),
	status: z.string().optional(),
	subject: reference.optional(),
	participant: z.array(z.object({ member: reference.optional() })).optional(),
})

const period = z.object({ start: z.string().optional(), end: z.string().optional() })

export const encounterResource = z.object({
	resourceType: z.literal('Encounter'),
	id: z.string().min(1),
	status: z.string().optional(),
	// R4: a Coding (STU3 and some servers: a list of CodeableConcepts, accepted too).
	class: z.union([coding, z.array(codeableConcept)]).optional(),
	type: z.array(codeableConcept).optional(),
	subject: reference.optional(),
	participant: z.array(z.object({ individual: reference.optional() })).optional(),
	period: period.optional(),
	reasonCode: z.array(codeableConcept).optional(),
	reasonReference: z.array(reference).optional(),
	serviceProvider: reference.optional(),
})
export type EncounterResource = z.infer<typeof encounterResource>

export const documentReferenceResource = z.object({
	resourceType: z.literal('DocumentReference'),
	id: z.string().min(1),
	status: z.string().optional(),
	type: codeableConcept.optional(),
	subject: reference.optional(),
	date: z.string().optional(),
	description: z.string().optional(),
	content: z
		.array(
			z.object({
				attachment: z.object({
					contentType: z.string().optional(),
					data: z.string().optional(),
					title: z.string().optional(),
				}),
			}),
		)
		.min(1),
	context: z
		.object({ encounter: z.array(reference).optional(), period: period.optional() })
		.optional(),
})
export type DocumentReferenceResource = z.infer<typeof documentReferenceResource>

const entry = z.object({
	fullUrl: z.string().optional(),
	resource: z.object({ resourceType: z.string(), id: z.string().optional() }).loose(),
})

export const bundleResource = z.object({
	resourceType: z.literal('Bundle'),
	type: z.enum(['transaction', 'collection', 'batch', 'searchset', 'document']),
	entry: z.array(entry).default([]),
})

/** `Patient/abc` or `urn:uuid:abc` → `abc`. */
export function referencedId(ref: { reference?: string } | undefined): string | null {
	const value = ref?.reference
	if (!value) return null
	const match = /^(?:urn:uuid:|[A-Za-z]+\/)([A-Za-z0-9\-.]{1,64})$/.exec(value)
	return match?.[1] ?? null
}

// ——— Clinical resources read by the chart loaders (ingest/loaders). Only fields they use. ———

const quantity = z.object({
	value: z.number().optional(),
	comparator: z.string().optional(),
	unit: z.string().optional(),
	code: z.string().optional(),
})

/** A Patient as found in the wild: birth date partial or missing (the seed needs a full one). */
export const chartPatientResource = patientResource.extend({ birthDate: z.string().optional() })
export type ChartPatientResource = z.infer<typeof chartPatientResource>

export const conditionResource = z.object({
	resourceType: z.literal('Condition'),
	id: z.string().min(1),
	clinicalStatus: codeableConcept.optional(),
	verificationStatus: codeableConcept.optional(),
	category: z.array(codeableConcept).optional(),
	code: codeableConcept.optional(),
	subject: reference.optional(),
	encounter: reference.optional(),
	onsetDateTime: z.string().optional(),
	onsetPeriod: period.optional(),
	abatementDateTime: z.string().optional(),
	abatementPeriod: period.optional(),
	recordedDate: z.string().optional(),
})
export type ConditionResource = z.infer<typeof conditionResource>

export const medicationResource = z.object({
	resourceType: z.literal('Medication'),
	id: z.string().min(1),
	code: codeableConcept.optional(),
})
export type MedicationResource = z.infer<typeof medicationResource>

const dosage = z.object({
	text: z.string().optional(),
	asNeededBoolean: z.boolean().optional(),
	route: codeableConcept.optional(),
	timing: z
		.object({
			code: codeableConcept.optional(),
			repeat: z
				.object({
					frequency: z.number().optional(),
					period: z.number().optional(),
					periodUnit: z.string().optional(),
				})
				.optional(),
		})
		.optional(),
	doseAndRate: z.array(z.object({ doseQuantity: quantity.optional() })).optional(),
})

export const medicationRequestResource = z.object({
	resourceType: z.literal('MedicationRequest'),
	id: z.string().min(1),
	status: z.string().optional(),
	intent: z.string().optional(),
	medicationCodeableConcept: codeableConcept.optional(),
	medicationReference: reference.optional(),
	subject: reference.optional(),
	encounter: reference.optional(),
	authoredOn: z.string().optional(),
	reasonCode: z.array(codeableConcept).optional(),
	reasonReference: z.array(reference).optional(),
	dosageInstruction: z.array(dosage).optional(),
})
export type MedicationRequestResource = z.infer<typeof medicationRequestResource>

const observationValue = {
	valueQuantity: quantity.optional(),
	valueCodeableConcept: codeableConcept.optional(),
	valueString: z.string().optional(),
	valueBoolean: z.boolean().optional(),
	valueInteger: z.number().optional(),
}

/** When an observation or report was clinically relevant, and when it was issued. */
const clinicallyRelevantTime = {
	effectiveDateTime: z.string().optional(),
	effectivePeriod: period.optional(),
	issued: z.string().optional(),
}

export const observationResource = z.object({
	resourceType: z.literal('Observation'),
	id: z.string().min(1),
	status: z.string().optional(),
	category: z.array(codeableConcept).optional(),
	code: codeableConcept,
	subject: reference.optional(),
	encounter: reference.optional(),
	...clinicallyRelevantTime,
	...observationValue,
	component: z.array(z.object({ code: codeableConcept, ...observationValue })).optional(),
	interpretation: z.array(codeableConcept).optional(),
	referenceRange: z
		.array(
			z.object({
				low: quantity.optional(),
				high: quantity.optional(),
				text: z.string().optional(),
			}),
		)
		.optional(),
})
export type ObservationResource = z.infer<typeof observationResource>

export const diagnosticReportResource = z.object({
	resourceType: z.literal('DiagnosticReport'),
	id: z.string().min(1),
	status: z.string().optional(),
	code: codeableConcept,
	subject: reference.optional(),
	encounter: reference.optional(),
	...clinicallyRelevantTime,
	result: z.array(reference).optional(),
	conclusion: z.string().optional(),
})
export type DiagnosticReportResource = z.infer<typeof diagnosticReportResource>

export const allergyIntoleranceResource = z.object({
	resourceType: z.literal('AllergyIntolerance'),
	id: z.string().min(1),
	clinicalStatus: codeableConcept.optional(),
	verificationStatus: codeableConcept.optional(),
	type: z.string().optional(),
	category: z.array(z.string()).optional(),
	criticality: z.string().optional(),
	code: codeableConcept.optional(),
	patient: reference.optional(),
	encounter: reference.optional(),
	onsetDateTime: z.string().optional(),
	recordedDate: z.string().optional(),
	reaction: z
		.array(
			z.object({
				manifestation: z.array(codeableConcept).optional(),
				severity: z.string().optional(),
			}),
		)
		.optional(),
})
export type AllergyIntoleranceResource = z.infer<typeof allergyIntoleranceResource>

export const immunizationResource = z.object({
	resourceType: z.literal('Immunization'),
	id: z.string().min(1),
	status: z.string().optional(),
	vaccineCode: codeableConcept,
	patient: reference.optional(),
	encounter: reference.optional(),
	occurrenceDateTime: z.string().optional(),
	occurrenceString: z.string().optional(),
})
export type ImmunizationResource = z.infer<typeof immunizationResource>

export const procedureResource = z.object({
	resourceType: z.literal('Procedure'),
	id: z.string().min(1),
	status: z.string().optional(),
	code: codeableConcept.optional(),
	subject: reference.optional(),
	encounter: reference.optional(),
	performedDateTime: z.string().optional(),
	performedPeriod: period.optional(),
	reasonCode: z.array(codeableConcept).optional(),
	reasonReference: z.array(reference).optional(),
})
export type ProcedureResource = z.infer<typeof procedureResource>

export type CodeableConcept = z.infer<typeof codeableConcept>
export type Reference = z.infer<typeof reference>
export type Quantity = z.infer<typeof quantity>
