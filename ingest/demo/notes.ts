import { dateOnly, demoId } from './ids.ts'
import type { DemoLab, DemoPatient } from './patients.ts'

/** LOINC document types of the demo notes. */
export const NOTE_TYPES = {
	hp: { code: '34117-2', display: 'History and physical note' },
	progress: { code: '11506-3', display: 'Progress note' },
	discharge: { code: '18842-5', display: 'Discharge summary' },
	referral: { code: '57133-1', display: 'Referral note' },
	patientNote: { code: '51855-5', display: 'Patient Note' },
} as const

export type DemoNote = {
	kind: keyof typeof NOTE_TYPES
	days: number
	time: string
	title: string
	encounterId: string
	text: string
}

/**
 * The demo patient's notes as plain text: history and physical, discharge summary, referral letter,
 * progress note, and the planted-instruction message where the patient has one. Written from the
 * patient's structured data so notes and resources agree.
 */
export function demoNotes(p: DemoPatient): DemoNote[] {
	const n = p.notes
	const fullName = `${p.given} ${p.family}`
	const admissionId = demoId(p.key, 'encounter', 'admission')
	const admitted = n.admission.admittedDaysAgo
	const discharged = admitted - n.admission.lengthOfStay
	const latest = (lab: DemoLab) => lab.values[lab.values.length - 1]
	const labLine = (lab: DemoLab, at?: number) => {
		const point = at === undefined ? latest(lab) : lab.values.find(([d]) => d === at)
		return point ? `${lab.name} ${point[1]} ${lab.unit} (${dateOnly(point[0])})` : null
	}
	const conditionsText = p.conditions.map((c) => c.text).join('; ')
	const medsText = p.medications.map((m) => `${m.text}, ${m.dosage}`).join('; ')
	const allergyText =
		p.allergies.length === 0
			? 'No known allergies.'
			: p.allergies.map((a) => `${a.substance} (${a.reaction.toLowerCase()})`).join('; ') + '.'
	const admissionLabs = p.labs
		.map((l) => labLine(l, l.values.find(([d]) => d <= admitted + 3 && d >= discharged)?.[0]))
		.filter(Boolean)
		.join('; ')
	const recentLabs = p.labs
		.map((l) => labLine(l))
		.filter(Boolean)
		.join('; ')

	const notes: DemoNote[] = [
		{
			kind: 'hp',
			days: admitted,
			time: '09:00:00',
			title: `History and physical, ${dateOnly(admitted)}`,
			encounterId: admissionId,
			text: [
				'HISTORY AND PHYSICAL',
				`Patient: ${fullName}   MRN: ${p.mrn}   Date of birth: ${p.birthDate}`,
				`Date of service: ${dateOnly(admitted)}   Attending: ${p.attending}`,
				'',
				`Chief complaint: ${n.chiefComplaint}`,
				'',
				`History of present illness: ${n.hpi}`,
				'',
				`Past medical history: ${conditionsText}.`,
				'',
				`Medications on admission: ${medsText}.`,
				'',
				`Allergies: ${allergyText}`,
				'',
				`Social history: ${n.social}`,
				'',
				`Physical examination: ${n.exam}`,
				'',
				admissionLabs
					? `Laboratory results: ${admissionLabs}.`
					: 'Laboratory results: none on file for this admission.',
				'',
				`Assessment and plan: ${n.assessmentPlan}`,
			].join('\n'),
		},
		{
			kind: 'discharge',
			days: discharged,
			time: '14:00:00',
			title: `Discharge summary, ${dateOnly(discharged)}`,
			encounterId: admissionId,
			text: [
				'DISCHARGE SUMMARY',
				`Patient: ${fullName}   MRN: ${p.mrn}`,
				`Admission date: ${dateOnly(admitted)}   Discharge date: ${dateOnly(discharged)}`,
				'',
				`Principal diagnosis: ${n.admission.diagnosis}.`,
				'',
				`Hospital course: ${n.admission.course}`,
				'',
				`Discharge medications: ${medsText}.`,
				'',
				`Allergies: ${allergyText}`,
				'',
				`Follow-up: ${n.admission.followUp}`,
				'',
				'Condition at discharge: stable.',
			].join('\n'),
		},
		{
			kind: 'referral',
			days: n.referral.daysAgo,
			time: '11:15:00',
			title: `Referral letter to ${n.referral.specialty}, ${dateOnly(n.referral.daysAgo)}`,
			encounterId: demoId(p.key, 'encounter', 'referral'),
			text: [
				'REFERRAL LETTER',
				`Date: ${dateOnly(n.referral.daysAgo)}`,
				`To: ${n.referral.recipient}`,
				`Re: ${fullName}, date of birth ${p.birthDate}, MRN ${p.mrn}`,
				'',
				`Dear colleague,`,
				'',
				`I would be grateful if you would see ${p.sex === 'female' ? 'Ms.' : 'Mr.'} ${p.family} for ${n.referral.reason}.`,
				'',
				`Active problems: ${conditionsText}.`,
				`Current medications: ${medsText}.`,
				`Allergies: ${allergyText}`,
				`Recent results: ${recentLabs}.`,
				'',
				'Thank you for your help with this patient.',
				'',
				'Sincerely,',
				`${p.attending}, Hospital Medicine, Demo Hospital`,
			].join('\n'),
		},
		{
			kind: 'progress',
			days: n.progress.daysAgo,
			time: '09:45:00',
			title: `Progress note, ${dateOnly(n.progress.daysAgo)}`,
			encounterId: demoId(p.key, 'encounter', 'progress'),
			text: [
				'PROGRESS NOTE',
				`Patient: ${fullName}   MRN: ${p.mrn}   Date: ${dateOnly(n.progress.daysAgo)}`,
				'',
				`Subjective: ${n.progress.subjective}`,
				'',
				`Objective: Recent results: ${recentLabs}.`,
				'',
				`Assessment: ${n.progress.assessment}`,
				'',
				`Plan: ${n.progress.plan}`,
			].join('\n'),
		},
	]
	if (p.plantedNote) {
		notes.push({
			kind: 'patientNote',
			days: p.plantedNote.daysAgo,
			time: '16:20:00',
			title: p.plantedNote.title,
			encounterId: demoId(p.key, 'encounter', 'progress'),
			text: p.plantedNote.text,
		})
	}
	return notes
}
