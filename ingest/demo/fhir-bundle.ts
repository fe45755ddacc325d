import { DEV_IDP_ISSUER_ID } from '#server/auth/demo-users.ts'
import { daysBefore, demoId } from './ids.ts'
import { demoNotes, NOTE_TYPES } from './notes.ts'
import type { DemoLab, DemoPatient } from './patients.ts'

/**
 * Builds one FHIR R4 transaction bundle per demo patient. Deterministic: the same input gives
 * byte-identical JSON, so the committed bundles can be checked against this code.
 */

type Resource = { resourceType: string; id: string } & Record<string, unknown>

export const MRN_SYSTEM = 'urn:chartside:demo:mrn'
const LOINC = 'http://loinc.org'
const SNOMED = 'http://snomed.info/sct'
const DEMO_ORG = 'Demo Hospital (synthetic)'

const ALLERGY_ACTIVE_CONFIRMED = {
	clinicalStatus: {
		coding: [
			{
				system: 'http://terminology.hl7.org/CodeSystem/allergyintolerance-clinical',
				code: 'active',
			},
		],
	},
	verificationStatus: {
		coding: [
			{
				system: 'http://terminology.hl7.org/CodeSystem/allergyintolerance-verification',
				code: 'confirmed',
			},
		],
	},
}

export { daysBefore, demoId } from './ids.ts'

export function buildDemoBundle(patient: DemoPatient, clinicianNames: Record<string, string>) {
	const p = patient
	const patientId = demoId(p.key, 'patient')
	const subject = { reference: `Patient/${patientId}` }
	const fullName = `${p.given} ${p.family}`
	const resources: Resource[] = []

	resources.push({
		resourceType: 'Patient',
		id: patientId,
		identifier: [
			{
				type: {
					coding: [{ system: 'http://terminology.hl7.org/CodeSystem/v2-0203', code: 'MR' }],
					text: 'Medical record number',
				},
				system: MRN_SYSTEM,
				value: p.mrn,
			},
		],
		name: [{ use: 'official', family: p.family, given: [p.given] }],
		telecom: [{ system: 'phone', value: p.phone, use: 'home' }],
		gender: p.sex,
		birthDate: p.birthDate,
		managingOrganization: { display: DEMO_ORG },
	})

	// Care team: the demo clinicians who may open this chart.
	const practitioners = p.onCareTeamOf.map((subjectClaim) => ({
		resourceType: 'Practitioner',
		id: demoId('practitioner', subjectClaim),
		identifier: [{ system: DEV_IDP_ISSUER_ID, value: subjectClaim }],
		name: [{ text: clinicianNames[subjectClaim] ?? subjectClaim }],
	}))
	resources.push(...practitioners)
	if (practitioners.length > 0) {
		resources.push({
			resourceType: 'CareTeam',
			id: demoId(p.key, 'care-team'),
			status: 'active',
			name: `Inpatient care team for ${fullName}`,
			subject,
			participant: practitioners.map((pr) => ({
				role: [{ text: 'Attending physician' }],
				member: { reference: `Practitioner/${pr.id}`, display: pr.name[0]?.text },
			})),
		})
	}

	const n = p.notes
	const admissionId = demoId(p.key, 'encounter', 'admission')
	const admitted = n.admission.admittedDaysAgo
	const discharged = admitted - n.admission.lengthOfStay
	resources.push(
		encounter(
			admissionId,
			subject,
			'IMP',
			'inpatient encounter',
			daysBefore(admitted, '08:00:00'),
			daysBefore(discharged, '15:00:00'),
			n.admission.diagnosis,
		),
		encounter(
			demoId(p.key, 'encounter', 'progress'),
			subject,
			'AMB',
			'ambulatory',
			daysBefore(n.progress.daysAgo, '09:30:00'),
			daysBefore(n.progress.daysAgo, '10:00:00'),
			'Follow-up visit',
		),
		encounter(
			demoId(p.key, 'encounter', 'referral'),
			subject,
			'AMB',
			'ambulatory',
			daysBefore(n.referral.daysAgo, '11:00:00'),
			daysBefore(n.referral.daysAgo, '11:30:00'),
			`Referral to ${n.referral.specialty}`,
		),
	)

	for (const [i, c] of p.conditions.entries()) {
		resources.push({
			resourceType: 'Condition',
			id: demoId(p.key, 'condition', String(i)),
			clinicalStatus: {
				coding: [
					{
						system: 'http://terminology.hl7.org/CodeSystem/condition-clinical',
						code:
							c.onsetDaysAgo < 60 && /pneumonia|ketoacidosis/i.test(c.text) ? 'resolved' : 'active',
					},
				],
			},
			verificationStatus: {
				coding: [
					{
						system: 'http://terminology.hl7.org/CodeSystem/condition-ver-status',
						code: 'confirmed',
					},
				],
			},
			category: [
				{
					coding: [
						{
							system: 'http://terminology.hl7.org/CodeSystem/condition-category',
							code: 'problem-list-item',
						},
					],
				},
			],
			code: { text: c.text },
			subject,
			onsetDateTime: daysBefore(c.onsetDaysAgo),
			recordedDate: daysBefore(c.onsetDaysAgo),
		})
	}

	for (const [i, m] of p.medications.entries()) {
		resources.push({
			resourceType: 'MedicationRequest',
			id: demoId(p.key, 'medication', String(i)),
			status: 'active',
			intent: 'order',
			medicationCodeableConcept: { text: m.text },
			subject,
			authoredOn: daysBefore(Math.min(discharged, 400)),
			requester: { display: p.attending },
			dosageInstruction: [{ text: m.dosage }],
		})
	}

	if (p.allergies.length === 0) {
		resources.push({
			resourceType: 'AllergyIntolerance',
			id: demoId(p.key, 'allergy', 'none'),
			...ALLERGY_ACTIVE_CONFIRMED,
			code: {
				coding: [{ system: SNOMED, code: '716186003', display: 'No known allergy' }],
				text: 'No known allergies',
			},
			patient: subject,
			recordedDate: daysBefore(admitted),
		})
	}
	for (const [i, a] of p.allergies.entries()) {
		resources.push({
			resourceType: 'AllergyIntolerance',
			id: demoId(p.key, 'allergy', String(i)),
			...ALLERGY_ACTIVE_CONFIRMED,
			criticality: a.criticality,
			code: { text: a.substance },
			patient: subject,
			recordedDate: daysBefore(admitted),
			reaction: [{ manifestation: [{ text: a.reaction }] }],
		})
	}

	for (const lab of p.labs) {
		for (const [j, [days, value]] of lab.values.entries()) {
			resources.push(observation(p.key, lab, j, days, value, subject))
		}
	}

	const notes = demoNotes(p)

	for (const note of notes) {
		const type = NOTE_TYPES[note.kind]
		resources.push({
			resourceType: 'DocumentReference',
			id: demoId(p.key, 'document', note.kind),
			status: 'current',
			docStatus: 'final',
			type: {
				coding: [{ system: LOINC, code: type.code, display: type.display }],
				text: type.display,
			},
			category: [
				{
					coding: [
						{
							system: 'http://hl7.org/fhir/us/core/CodeSystem/us-core-documentreference-category',
							code: 'clinical-note',
						},
					],
				},
			],
			subject,
			date: daysBefore(note.days, note.time),
			author: [{ display: note.kind === 'patientNote' ? fullName : p.attending }],
			description: note.title,
			content: [
				{
					attachment: {
						contentType: 'text/plain; charset=utf-8',
						title: note.title,
						data: Buffer.from(note.text, 'utf8').toString('base64'),
					},
				},
			],
			context: { encounter: [{ reference: `Encounter/${note.encounterId}` }] },
		})
	}

	return {
		resourceType: 'Bundle',
		id: demoId(p.key, 'bundle'),
		type: 'transaction',
		meta: {
			tag: [{ system: 'urn:chartside:demo', code: 'synthetic', display: 'Synthetic demo data' }],
		},
		entry: resources.map((resource) => ({
			fullUrl: `urn:uuid:${resource.id}`,
			resource,
			request: { method: 'PUT', url: `${resource.resourceType}/${resource.id}` },
		})),
	}
}

function encounter(
	id: string,
	subject: { reference: string },
	classCode: string,
	classDisplay: string,
	start: string,
	end: string,
	reason: string,
): Resource {
	return {
		resourceType: 'Encounter',
		id,
		status: 'finished',
		class: {
			system: 'http://terminology.hl7.org/CodeSystem/v3-ActCode',
			code: classCode,
			display: classDisplay,
		},
		subject,
		period: { start, end },
		reasonCode: [{ text: reason }],
		serviceProvider: { display: DEMO_ORG },
	}
}

function observation(
	key: string,
	lab: DemoLab,
	index: number,
	days: number,
	value: number,
	subject: { reference: string },
): Resource {
	const flag =
		lab.high !== undefined && value > lab.high
			? 'H'
			: lab.low !== undefined && value < lab.low
				? 'L'
				: 'N'
	return {
		resourceType: 'Observation',
		id: demoId(key, 'observation', lab.loinc, String(index)),
		status: 'final',
		category: [
			{
				coding: [
					{
						system: 'http://terminology.hl7.org/CodeSystem/observation-category',
						code: 'laboratory',
					},
				],
			},
		],
		code: { coding: [{ system: LOINC, code: lab.loinc, display: lab.name }], text: lab.name },
		subject,
		effectiveDateTime: daysBefore(days, '07:30:00'),
		valueQuantity: { value, unit: lab.unit, system: 'http://unitsofmeasure.org', code: lab.unit },
		interpretation: [
			{
				coding: [
					{
						system: 'http://terminology.hl7.org/CodeSystem/v3-ObservationInterpretation',
						code: flag,
					},
				],
			},
		],
		referenceRange: [
			{
				...(lab.low !== undefined ? { low: { value: lab.low, unit: lab.unit } } : {}),
				...(lab.high !== undefined ? { high: { value: lab.high, unit: lab.unit } } : {}),
			},
		],
	}
}
