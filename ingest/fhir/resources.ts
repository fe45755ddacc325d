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

export const encounterResource = z.object({
	resourceType: z.literal('Encounter'),
	id: z.string().min(1),
	participant: z.array(z.object({ individual: reference.optional() })).optional(),
})

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
