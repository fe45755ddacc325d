/**
 * Templates of the synthetic fax-type corpus (decision 037): for each fax type several ways such a
 * document is written. Each label's templates are split into `train` and `heldout`: the held-out
 * ones are written differently (other titles, order, phrasing), so the held-out figures measure
 * how the model does on layouts it has never seen, not on new fills of known ones.
 *
 * Written for this corpus; no template copies another generator or any real document.
 */
import { FAX_TYPES, type FaxType } from '#server/gateway/fax-types.ts'
import {
	ADMIT_REASONS,
	address,
	age,
	birthDate,
	clinic,
	CONDITIONS,
	date,
	doctor,
	FINDINGS,
	hospital,
	IMAGING,
	INSURERS,
	LAB_PANELS,
	MEDS,
	mrn,
	person,
	PHARMACIES,
	phone,
	PROCEDURES,
	sentenceCase,
	sex,
	SPECIALTIES,
	SYMPTOMS,
	type Pick,
} from './corpus-pools.ts'

export type Template = (p: Pick) => string

const lines = (...parts: Array<string | false | null | undefined>) =>
	parts.filter((x): x is string => typeof x === 'string').join('\n')

const patientLine = (p: Pick) =>
	p.one([
		`Patient: ${person(p)}    DOB: ${birthDate(p)}`,
		`PATIENT NAME: ${person(p)}\nDATE OF BIRTH: ${birthDate(p)}\nMRN: ${mrn(p)}`,
		`Re: ${person(p)} (DOB ${birthDate(p)})`,
		`Name: ${person(p)}  MRN# ${mrn(p)}  D.O.B. ${birthDate(p)}`,
		`Pt: ${person(p)}, ${birthDate(p)}`,
	])

const letterhead = (p: Pick) =>
	p.one([
		`${clinic(p)}\n${address(p)}\nPhone ${phone(p)}  Fax ${phone(p)}`,
		`${clinic(p).toUpperCase()}\nTel: ${phone(p)} | Fax: ${phone(p)}`,
		`${clinic(p)} \u2022 ${address(p)}`,
		'',
	])

const signature = (p: Pick) =>
	p.one([
		`Electronically signed by ${doctor(p)} on ${date(p)}`,
		`${doctor(p)}\n${p.one(SPECIALTIES)}`,
		`Sincerely,\n\n${doctor(p)}`,
		`Dictated by: ${doctor(p)}  Transcribed: ${date(p)}`,
		`_____________________\n${doctor(p)}`,
	])

const hpi = (p: Pick) => {
	const s = sex(p)
	const cond = p.some(CONDITIONS, 1, 3)
	return `${sentenceCase(`${age(p)}-year-old ${s.noun}`)} with a history of ${cond.join(', ')} who presents with ${p.one(SYMPTOMS)} for ${p.int(2, 14)} ${p.one(['days', 'weeks', 'months'])}. ${sentenceCase(s.pronoun)} ${p.one(['reports', 'describes', 'notes'])} ${p.one(SYMPTOMS)} ${p.one(['that is worse with exertion', 'without clear triggers', 'that improves with rest', 'intermittently at night'])}. ${p.chance(0.5) ? `${sentenceCase(s.pronoun)} denies fever, chills or ${p.one(SYMPTOMS)}.` : ''}`
}

const medList = (p: Pick) =>
	p
		.some(MEDS, 2, 6)
		.map((m, i) => p.one([`${i + 1}. ${m}`, `- ${m}`, `${m}`]))
		.join('\n')

const vitals = (p: Pick) =>
	p.one([
		`BP ${p.int(100, 170)}/${p.int(60, 100)}, HR ${p.int(55, 110)}, RR ${p.int(12, 22)}, Temp ${p.int(97, 100)}.${p.int(0, 9)} F, SpO2 ${p.int(90, 100)}% on room air.`,
		`Vitals: T ${p.int(36, 38)}.${p.int(0, 9)}  P ${p.int(55, 110)}  BP ${p.int(100, 170)}/${p.int(60, 100)}  Wt ${p.int(110, 260)} lb`,
		`Blood pressure ${p.int(100, 170)}/${p.int(60, 100)}, pulse ${p.int(55, 110)}, weight ${p.int(50, 120)} kg.`,
	])

const exam = (p: Pick) =>
	p
		.some(
			[
				'General: alert and oriented, in no acute distress.',
				'HEENT: normocephalic, atraumatic. Oropharynx clear.',
				'Neck: supple, no lymphadenopathy or thyromegaly.',
				'Lungs: clear to auscultation bilaterally.',
				'Heart: regular rate and rhythm, no murmurs.',
				'Abdomen: soft, nontender, nondistended, normal bowel sounds.',
				'Extremities: no edema. Pulses 2+ throughout.',
				'Neuro: cranial nerves II-XII intact, strength 5/5.',
				'Skin: warm and dry, no rash.',
				'Musculoskeletal: tenderness over the medial joint line, mild effusion.',
			],
			3,
			7,
		)
		.join('\n')

const plan = (p: Pick) =>
	p
		.some(
			[
				`Start ${p.one(MEDS)}.`,
				`Continue ${p.one(MEDS)}.`,
				`Order ${p.one(PROCEDURES)}.`,
				`Check ${p.one(LAB_PANELS).name.toLowerCase()} in ${p.int(2, 12)} weeks.`,
				`Return to clinic in ${p.int(2, 6)} ${p.one(['weeks', 'months'])}.`,
				'Diet and exercise counseling provided.',
				`Refer to ${p.one(SPECIALTIES).toLowerCase()}.`,
				'Patient verbalized understanding of the plan.',
				`Discontinue ${p.one(MEDS).split(' ')[0]}.`,
			],
			2,
			5,
		)
		.map((x, i) => (p.chance(0.5) ? `${i + 1}. ${x}` : x))
		.join('\n')

// ---------------------------------------------------------------------------------- referral
const referral: { train: Template[]; heldout: Template[] } = {
	train: [
		(p) =>
			lines(
				letterhead(p),
				p.one(['REFERRAL FORM', 'PATIENT REFERRAL', 'Referral Request', 'OUTPATIENT REFERRAL']),
				`Date: ${date(p)}`,
				`Referring provider: ${doctor(p)}`,
				`Referred to: ${p.one(SPECIALTIES)} \u2014 ${doctor(p)}`,
				patientLine(p),
				`Insurance: ${p.one(INSURERS)}  Member ID: ${mrn(p)}`,
				`Reason for referral: ${p.one(['Evaluate and treat', 'Consultation for', 'Please assess'])} ${p.one(CONDITIONS)}.`,
				`Urgency: ${p.one(['Routine', 'Urgent', 'Within 2 weeks', 'STAT'])}`,
				p.chance(0.6) &&
					`Diagnosis: ${p.one(CONDITIONS)}\nICD-10: ${p.one(['E11.9', 'I10', 'I48.91', 'M17.11', 'K21.9', 'J44.1'])}`,
				p.chance(0.5) && `Pertinent history:\n${hpi(p)}`,
				p.chance(0.5) && 'Enclosed: recent office notes, labs and imaging.',
				`Please call ${phone(p)} to schedule.`,
				p.chance(0.5) && signature(p),
			),
		(p) =>
			lines(
				letterhead(p),
				date(p),
				'',
				`Dear ${doctor(p)},`,
				'',
				`I am referring ${person(p)}, a ${age(p)}-year-old patient of mine, for ${p.one(['your evaluation of', 'consultation regarding', 'further management of', 'a second opinion on'])} ${p.one(CONDITIONS)}. ${hpi(p)}`,
				`Current medications include ${p.some(MEDS, 1, 3).join('; ')}.`,
				`I would appreciate your assessment and recommendations${p.chance(0.5) ? `, including whether ${p.one(PROCEDURES)} is indicated` : ''}. Copies of recent records are enclosed.`,
				'Thank you for seeing this patient.',
				signature(p),
			),
		(p) =>
			lines(
				p.one([
					'REFERRAL / AUTHORIZATION TO SPECIALIST',
					'Specialty Referral Order',
					'REFERRAL ORDER',
				]),
				`Order date ${date(p)}   Order #${mrn(p)}`,
				patientLine(p),
				`Refer to specialty: ${p.one(SPECIALTIES)}`,
				`Specialist: ${doctor(p)}   Phone ${phone(p)}`,
				`Visits requested: ${p.int(1, 6)}`,
				`Clinical question: ${p.one(['new onset', 'worsening', 'poorly controlled', 'suspected'])} ${p.one(CONDITIONS)}; ${p.one(SYMPTOMS)}.`,
				`Ordering physician: ${doctor(p)}  NPI ${p.int(1000000000, 1999999999)}`,
				'Please fax appointment date and consult note back to our office.',
			),
		(p) =>
			lines(
				`${p.one(['New patient referral', 'Referral for specialty care', 'Request for appointment with specialist', 'Referral to ' + p.one(SPECIALTIES)])}`,
				`${p.one(['We are sending', 'Please find', 'Attached is'])} a referral for ${person(p)} to be seen by ${p.one(['your office', 'Dr. ' + p.one(['Okafor', 'Chen', 'Haddad']), 'a specialist in ' + p.one(SPECIALTIES).toLowerCase()])}.`,
				`${p.one(['Diagnosis', 'Problem', 'Concern'])}: ${p.one(CONDITIONS)}; ${p.one(SYMPTOMS)}.`,
				`${p.one(['Requested', 'Service needed', 'Please provide'])}: ${p.one(['evaluation and treatment', 'consultation and recommendations', 'evaluation for ' + p.one(PROCEDURES), 'ongoing management'])}.`,
				`${p.one(['PCP', 'Referring doctor', 'Primary physician'])}: ${doctor(p)}. ${p.one(['Authorization number', 'Referral number', 'Auth #'])} ${mrn(p)}.`,
				`${p.one(['Kindly contact the patient to book', 'The patient will call to make an appointment', 'Please schedule at the earliest opening', 'Send your consult note back to us after the visit'])}.`,
			),
		(p) =>
			lines(
				`${p.one(SPECIALTIES)} referral checklist`,
				`[x] ${p.one(['Office notes attached', 'Insurance card attached', 'Labs attached'])}  [x] ${p.one(['Demographics attached', 'Medication list attached', 'Imaging attached'])}`,
				`Patient: ${person(p)}  Insurance: ${p.one(INSURERS)}`,
				`Referred for: ${p.one(CONDITIONS)}`,
				`Priority: ${p.one(['routine', 'urgent', 'semi-urgent'])}   Number of visits authorized: ${p.int(1, 6)}`,
				`Referring practice: ${clinic(p)}, ${phone(p)}`,
			),
	],
	heldout: [
		(p) =>
			lines(
				`To the ${p.one(SPECIALTIES)} intake coordinator:`,
				`We kindly ask that you schedule a new patient appointment for ${person(p)} (DOB ${birthDate(p)}).`,
				`The patient has ${p.one(CONDITIONS)} and ${p.one(SYMPTOMS)} not improving despite ${p.one(MEDS)}.`,
				`Requested service: specialist evaluation${p.chance(0.5) ? ` and ${p.one(PROCEDURES)} if appropriate` : ''}.`,
				`Primary care physician: ${doctor(p)}, ${clinic(p)}`,
				`Coverage: ${p.one(INSURERS)}. Prior authorization ${p.one(['attached', 'not required', 'pending'])}.`,
				`Notes and labs from the last visit are included with this transmission. Contact our referral coordinator at ${phone(p)}.`,
			),
	],
}

// ------------------------------------------------------------------------------ consult note
const consultNote: { train: Template[]; heldout: Template[] } = {
	train: [
		(p) =>
			lines(
				letterhead(p),
				p.one([
					'CONSULTATION',
					'CONSULTATION NOTE',
					'Consult Note',
					`${p.one(SPECIALTIES).toUpperCase()} CONSULTATION`,
				]),
				patientLine(p),
				`Date of consultation: ${date(p)}`,
				`Requesting physician: ${doctor(p)}`,
				`Reason for consultation: ${p.one(CONDITIONS)}`,
				`HISTORY OF PRESENT ILLNESS:\n${hpi(p)}`,
				`PAST MEDICAL HISTORY: ${p.some(CONDITIONS, 1, 4).join(', ')}.`,
				`MEDICATIONS:\n${medList(p)}`,
				`PHYSICAL EXAMINATION:\n${vitals(p)}\n${exam(p)}`,
				`IMPRESSION: ${p.one(CONDITIONS)}${p.chance(0.5) ? `, likely secondary to ${p.one(CONDITIONS)}` : ''}.`,
				`RECOMMENDATIONS:\n${plan(p)}`,
				`Thank you for this consultation. We will ${p.one(['follow along', 'see the patient again in clinic', 'be happy to see the patient back as needed'])}.`,
				signature(p),
			),
		(p) =>
			lines(
				letterhead(p),
				date(p),
				`${doctor(p)}\n${clinic(p)}`,
				`RE: ${person(p)}   DOB ${birthDate(p)}`,
				'',
				`Dear ${doctor(p)},`,
				`Thank you for asking me to see ${person(p)} in consultation for ${p.one(CONDITIONS)}. As you know, ${hpi(p).charAt(0).toLowerCase()}${hpi(p).slice(1)}`,
				`On examination today ${vitals(p).toLowerCase()}`,
				`My impression is ${p.one(CONDITIONS)}. I have recommended ${p.one(PROCEDURES)} and ${p.one(['started', 'adjusted'])} ${p.one(MEDS)}. I will see ${p.one(['her', 'him', 'the patient'])} back in ${p.int(2, 12)} weeks and keep you informed.`,
				'Thank you for involving me in the care of this pleasant patient.',
				signature(p),
			),
		(p) =>
			lines(
				`${p.one(SPECIALTIES)} \u2014 New Patient Consult`,
				`Referred by ${doctor(p)} for ${p.one(SYMPTOMS)}.`,
				`CC: ${p.one(SYMPTOMS)}`,
				`HPI: ${hpi(p)}`,
				`ROS: ${p.one(['Negative except as noted in HPI.', 'Ten-point review of systems otherwise negative.', 'Positive for fatigue; otherwise negative.'])}`,
				`Exam: ${exam(p).replace(/\n/g, ' ')}`,
				`Data reviewed: ${p.one(LAB_PANELS).name.toLowerCase()}, ${p.one(IMAGING).study.toLowerCase()}.`,
				`Assessment and recommendations:\n${plan(p)}`,
				`Consultant: ${doctor(p)}`,
			),
	],
	heldout: [
		(p) =>
			lines(
				`Specialist opinion for ${doctor(p)}`,
				`Subject: ${person(p)}`,
				`You asked us to weigh in on ${p.one(CONDITIONS)}. We met the patient on ${date(p)} together with family.`,
				`Background. ${hpi(p)}`,
				`What we found. ${exam(p).replace(/\n/g, ' ')} Recent studies: ${p.one(IMAGING).study.toLowerCase()}.`,
				`Our opinion. The picture fits ${p.one(CONDITIONS)}. We suggest ${p.one(PROCEDURES)}, and ${p.one(['starting', 'increasing'])} ${p.one(MEDS)}.`,
				'We remain available for questions and would gladly reassess after the above.',
				signature(p),
			),
	],
}

// --------------------------------------------------------------------- history and physical
const historyAndPhysical: { train: Template[]; heldout: Template[] } = {
	train: [
		(p) =>
			lines(
				hospital(p),
				p.one([
					'HISTORY AND PHYSICAL',
					'ADMISSION HISTORY AND PHYSICAL',
					'H&P',
					'HISTORY & PHYSICAL EXAMINATION',
				]),
				patientLine(p),
				`Admission date: ${date(p)}   Attending: ${doctor(p)}`,
				`CHIEF COMPLAINT: ${p.one(SYMPTOMS)}`,
				`HISTORY OF PRESENT ILLNESS: ${hpi(p)}`,
				`PAST MEDICAL HISTORY: ${p.some(CONDITIONS, 1, 5).join(', ')}.`,
				`PAST SURGICAL HISTORY: ${p.some(PROCEDURES, 0, 2).join(', ') || 'None.'}`,
				`MEDICATIONS:\n${medList(p)}`,
				`ALLERGIES: ${p.one(['NKDA', 'Penicillin (rash)', 'Sulfa', 'No known drug allergies'])}`,
				`SOCIAL HISTORY: ${p.one(['Never smoker. Drinks socially.', 'Former smoker, 20 pack-years. No alcohol.', 'Lives with spouse. Works as a teacher.'])}`,
				`FAMILY HISTORY: ${p.one(['Father with coronary artery disease.', 'Mother with diabetes.', 'Noncontributory.'])}`,
				`REVIEW OF SYSTEMS: ${p.one(['Negative except as above.', 'Twelve systems reviewed and negative.'])}`,
				`PHYSICAL EXAMINATION:\n${vitals(p)}\n${exam(p)}`,
				`LABORATORY DATA: ${p.one(LAB_PANELS).name.toLowerCase()} reviewed.`,
				`ASSESSMENT AND PLAN: Admit for ${p.one(ADMIT_REASONS)}.\n${plan(p)}`,
				signature(p),
			),
		(p) =>
			lines(
				p.one([
					'Pre-operative History and Physical',
					'PREOPERATIVE H&P',
					'Pre-procedure History & Physical',
				]),
				patientLine(p),
				`Planned procedure: ${p.one(PROCEDURES)} on ${date(p)}`,
				`Surgeon: ${doctor(p)}`,
				`History: ${hpi(p)}`,
				`PMH: ${p.some(CONDITIONS, 1, 4).join('; ')}`,
				`Meds: ${p.some(MEDS, 1, 4).join('; ')}`,
				`Allergies: ${p.one(['NKDA', 'latex', 'codeine'])}`,
				`Exam: ${vitals(p)} ${exam(p).replace(/\n/g, ' ')}`,
				`ASA class ${p.int(1, 3)}. Airway Mallampati ${p.int(1, 3)}.`,
				`Assessment: Medically optimized for ${p.one(['surgery', 'the procedure', 'anesthesia'])}. Risks and benefits discussed and consent signed.`,
				signature(p),
			),
		(p) =>
			lines(
				`${p.one(['ADMISSION NOTE', 'Admit H&P', 'Hospital Admission History and Physical'])} \u2014 ${hospital(p)}`,
				`ID/CC: ${age(p)} y/o with ${p.one(SYMPTOMS)}.`,
				`HPI: ${hpi(p)}`,
				`PMH/PSH: ${p.some(CONDITIONS, 1, 3).join(', ')}; s/p ${p.one(PROCEDURES)}.`,
				`Home meds: ${p.some(MEDS, 2, 5).join(', ')}.`,
				`SH: ${p.one(['no tobacco', 'quit smoking 10 yrs ago', 'occasional alcohol'])}. FH: ${p.one(['CAD in father', 'noncontributory'])}.`,
				`ROS: as per HPI, otherwise negative.`,
				`PE: ${vitals(p)}\n${exam(p)}`,
				`Labs/imaging: ${p.one(LAB_PANELS).name}; ${p.one(IMAGING).study}.`,
				`A/P: ${p.one(ADMIT_REASONS)}. Admit to ${p.one(['medicine', 'telemetry', 'the ICU', 'surgery'])}. ${plan(p).replace(/\n/g, ' ')}`,
				`Code status: ${p.one(['Full code', 'DNR/DNI'])}.`,
			),
	],
	heldout: [
		(p) =>
			lines(
				`Initial inpatient evaluation \u2014 ${hospital(p)}`,
				`The patient is a ${age(p)}-year-old brought in for ${p.one(ADMIT_REASONS)}.`,
				`Story so far: ${hpi(p)}`,
				`Known problems: ${p.some(CONDITIONS, 2, 4).join(', ')}. Prior operations: ${p.one(PROCEDURES)}.`,
				`Takes at home: ${p.some(MEDS, 2, 4).join(', ')}. Drug allergies: none known.`,
				`Lives alone, ${p.one(['retired', 'works in retail', 'uses a walker'])}; parents had ${p.one(CONDITIONS)}.`,
				`Systems review unremarkable apart from the above.`,
				`On arrival: ${vitals(p)} ${exam(p).replace(/\n/g, ' ')}`,
				`Working diagnosis and admission plan: ${p.one(ADMIT_REASONS)}; ${plan(p).replace(/\n/g, ' ')}`,
			),
	],
}

// ------------------------------------------------------------------------------ progress note
const progressNote: { train: Template[]; heldout: Template[] } = {
	train: [
		(p) =>
			lines(
				letterhead(p),
				p.one(['PROGRESS NOTE', 'Office Visit', 'FOLLOW-UP VISIT', 'Clinic Note', 'Return Visit']),
				patientLine(p),
				`Date of service: ${date(p)}   Provider: ${doctor(p)}`,
				`SUBJECTIVE: ${p.one(['Here for follow-up of', 'Returns for', 'Routine recheck of'])} ${p.some(CONDITIONS, 1, 2).join(' and ')}. ${p.one(['Doing well.', 'Reports improvement.', 'Some ongoing ' + p.one(SYMPTOMS) + '.', 'No new complaints.'])} ${p.chance(0.5) ? 'Taking medications as prescribed.' : ''}`,
				`OBJECTIVE: ${vitals(p)}\n${exam(p)}`,
				`ASSESSMENT:\n${p
					.some(CONDITIONS, 1, 3)
					.map(
						(c, i) =>
							`${i + 1}. ${sentenceCase(c)} \u2014 ${p.one(['stable', 'improved', 'not at goal', 'controlled'])}`,
					)
					.join('\n')}`,
				`PLAN:\n${plan(p)}`,
				signature(p),
			),
		(p) =>
			lines(
				`${p.one(['Follow up', 'Established patient visit', 'Chronic care visit'])} ${date(p)}`,
				`S: ${p.one(SYMPTOMS)} ${p.one(['better', 'unchanged', 'worse'])} since last visit ${p.int(2, 12)} weeks ago. ${p.one(['Tolerating', 'Side effects from'])} ${p.one(MEDS)}.`,
				`O: ${vitals(p)} Labs: A1c ${p.int(5, 10)}.${p.int(0, 9)}%, creatinine ${p.int(0, 2)}.${p.int(1, 9)}.`,
				`A: ${p.some(CONDITIONS, 1, 3).join('; ')}.`,
				`P: ${plan(p).replace(/\n/g, ' ')}`,
				`RTC ${p.int(1, 6)} months. ${doctor(p)}`,
			),
		(p) =>
			lines(
				p.one([
					'Interval Progress Note',
					'Daily Progress Note',
					'Hospital Day ' + p.int(2, 9) + ' Progress Note',
				]),
				patientLine(p),
				`Overnight events: ${p.one(['none', 'fever to 101, cultures sent', 'brief episode of ' + p.one(SYMPTOMS)])}.`,
				`Interval history: ${p.one(['feels better today', 'pain controlled', 'tolerating diet', 'ambulating with PT'])}.`,
				`Exam: ${vitals(p)} ${exam(p).replace(/\n/g, ' ')}`,
				`Assessment/plan by problem:\n${p
					.some(CONDITIONS, 2, 4)
					.map(
						(c) =>
							`# ${c}: ${p.one(['continue current management', 'adjust dose', 'monitor', 'recheck labs in AM'])}`,
					)
					.join('\n')}`,
				`Disposition: ${p.one(['anticipate discharge in 1-2 days', 'continue inpatient care', 'awaiting placement'])}.`,
				signature(p),
			),
	],
	heldout: [
		(p) =>
			lines(
				`Visit summary \u2014 ${clinic(p)}`,
				`Seen again today (${date(p)}) to check on ${p.one(CONDITIONS)}.`,
				`How things have gone: ${p.one(['steady', 'a little better', 'no real change'])} since the last appointment; ${p.one(['home readings are in range', 'sleeping better', 'still some ' + p.one(SYMPTOMS)])}.`,
				`Measurements today: ${vitals(p)}`,
				`Problems reviewed: ${p.some(CONDITIONS, 1, 3).join(', ')} \u2014 overall ${p.one(['stable', 'improving'])}.`,
				`Changes: ${plan(p).replace(/\n/g, ' ')}`,
				`Next appointment in ${p.int(1, 6)} months with ${doctor(p)}.`,
			),
	],
}

// ------------------------------------------------------------------------- discharge summary
const dischargeSummary: { train: Template[]; heldout: Template[] } = {
	train: [
		(p) =>
			lines(
				hospital(p),
				p.one(['DISCHARGE SUMMARY', 'Discharge Summary', 'HOSPITAL DISCHARGE SUMMARY']),
				patientLine(p),
				`Admission date: ${date(p)}    Discharge date: ${date(p)}`,
				`Attending physician: ${doctor(p)}`,
				`ADMITTING DIAGNOSIS: ${p.one(ADMIT_REASONS)}`,
				`DISCHARGE DIAGNOSES:\n1. ${p.one(ADMIT_REASONS)}\n2. ${p.one(CONDITIONS)}`,
				`HOSPITAL COURSE: The patient was admitted with ${p.one(ADMIT_REASONS)} and treated with ${p.one(['IV antibiotics', 'diuresis', 'IV fluids and insulin drip', 'bowel rest', 'serial troponins and heparin'])}. ${p.one(['Symptoms improved steadily.', 'The hospital course was uncomplicated.', 'Course was complicated by ' + p.one(SYMPTOMS) + ', which resolved.'])}`,
				p.chance(0.5) && `PROCEDURES: ${p.one(PROCEDURES)}`,
				`DISCHARGE MEDICATIONS:\n${medList(p)}`,
				`CONDITION AT DISCHARGE: ${p.one(['Stable', 'Good', 'Improved'])}.`,
				`DISPOSITION: ${p.one(['Home', 'Home with home health', 'Skilled nursing facility', 'Rehabilitation'])}.`,
				`FOLLOW-UP: With ${doctor(p)} in ${p.int(1, 3)} weeks.`,
				signature(p),
			),
		(p) =>
			lines(
				p.one([
					'Discharge Summary / Transition of Care',
					'TRANSITION OF CARE RECORD',
					'Inpatient Discharge Note',
				]),
				`Patient ${person(p)} was hospitalized ${date(p)} to ${date(p)} at ${hospital(p)}.`,
				`Principal diagnosis: ${p.one(ADMIT_REASONS)}. Secondary: ${p.some(CONDITIONS, 1, 3).join(', ')}.`,
				`Brief hospital course: ${hpi(p)} ${p.one(['Improved with treatment and was discharged.', 'Responded to therapy.'])}`,
				`Medications changed: STOP ${p.one(MEDS)}; START ${p.one(MEDS)}; CONTINUE ${p.one(MEDS)}.`,
				`Pending results at discharge: ${p.one(['blood cultures', 'none', 'pathology'])}.`,
				`Discharge instructions: ${p.one(['low sodium diet', 'no driving for 2 weeks', 'weigh daily and call for gain of 3 lb'])}. Return to the ED for ${p.one(SYMPTOMS)}.`,
				`PCP follow-up within 7 days. Discharging physician ${doctor(p)}.`,
			),
		(p) =>
			lines(
				`DISCHARGE SUMMARY \u2014 ${p.one(['Orthopedic Surgery', 'Cardiology Service', 'Hospitalist Service', 'General Surgery'])}`,
				`Admitted: ${date(p)}  Discharged: ${date(p)}  LOS: ${p.int(1, 14)} days`,
				`Reason for hospitalization: ${p.one(ADMIT_REASONS)}.`,
				`Operations/procedures this admission: ${p.one(PROCEDURES)} (${date(p)}).`,
				`Consults: ${p.some(SPECIALTIES, 1, 2).join(', ')}.`,
				`Discharge exam: ${vitals(p)}`,
				`Discharge labs: ${p.one(LAB_PANELS).name.toLowerCase()} within normal limits.`,
				`Discharge meds:\n${medList(p)}`,
				`Activity: ${p.one(['as tolerated', 'weight bearing as tolerated', 'no lifting > 10 lb'])}. Diet: ${p.one(['regular', 'cardiac', 'diabetic'])}.`,
				signature(p),
			),
	],
	heldout: [
		(p) =>
			lines(
				`Summary of hospital stay`,
				`${person(p)} stayed with us from ${date(p)} until ${date(p)} because of ${p.one(ADMIT_REASONS)}.`,
				`What happened: ${p.one(['antibiotics were given through a vein', 'fluid was removed with water pills', 'an operation was performed'])} and ${p.one(['recovery went well', 'there were no complications'])}.`,
				`Diagnoses at the end of the stay: ${p.one(ADMIT_REASONS)}; ${p.one(CONDITIONS)}.`,
				`Going home on: ${p.some(MEDS, 2, 4).join(', ')}.`,
				`Sent ${p.one(['home', 'to rehab', 'to a nursing facility'])} in ${p.one(['stable', 'good'])} condition; see ${doctor(p)} within two weeks.`,
				signature(p),
			),
	],
}

const labValue = (p: Pick, range: string) => {
	const m = /^([0-9.]+)-([0-9.]+)$/.exec(range)
	if (!m) return p.one(['Negative', 'Trace', '1+', String(p.int(1, 300))])
	const lo = Number(m[1])
	const hi = Number(m[2])
	const v = lo + (hi - lo) * (p.rng() * 1.6 - 0.3)
	return v.toFixed(hi < 20 ? 1 : 0)
}

const labTable = (p: Pick) => {
	const panel = p.one(LAB_PANELS)
	const rows = panel.tests.map(([name, range, unit]) => {
		const value = labValue(p, range)
		const flag = p.chance(0.2) ? p.one(['H', 'L', '*']) : ''
		return p.one([
			`${name.padEnd(24)} ${value.padStart(6)} ${flag.padEnd(2)} ${unit.padEnd(8)} ${range}`,
			`${name}: ${value} ${unit} (ref ${range}) ${flag}`,
			`${name} | ${value} | ${unit} | ${range} | ${flag}`,
		])
	})
	return `${panel.name}\n${rows.join('\n')}`
}

// --------------------------------------------------------------------------------- lab result
const labResult: { train: Template[]; heldout: Template[] } = {
	train: [
		(p) =>
			lines(
				`${p.one(['Quest', 'Summit', 'Harbor', 'Regional'])} ${p.one(['Diagnostics', 'Laboratories', 'Reference Lab', 'Clinical Laboratory'])}`,
				p.one(['LABORATORY REPORT', 'FINAL REPORT', 'Lab Results', 'CUMULATIVE LAB REPORT']),
				patientLine(p),
				`Collected: ${date(p)}  Received: ${date(p)}  Reported: ${date(p)}`,
				`Ordering physician: ${doctor(p)}   Accession ${mrn(p)}`,
				'TEST                     RESULT  FLAG UNITS    REFERENCE RANGE',
				labTable(p),
				p.chance(0.6) && labTable(p),
				`Specimen: ${p.one(['serum', 'whole blood', 'plasma', 'urine'])}. Status: ${p.one(['FINAL', 'Final', 'Corrected'])}.`,
				p.chance(0.4) &&
					`Critical value called to ${p.one(['RN', 'office staff', 'Dr.'])} at ${p.int(1, 12)}:${p.int(10, 59)}.`,
			),
		(p) =>
			lines(
				p.one(['Pathology Report', 'SURGICAL PATHOLOGY', 'CYTOLOGY REPORT']),
				patientLine(p),
				`Specimen received ${date(p)}: ${p.one(['skin, left forearm, shave biopsy', 'colon polyp, sigmoid, polypectomy', 'breast, right, core biopsy', 'cervical cytology (Pap)'])}.`,
				`GROSS DESCRIPTION: ${p.one(['Received in formalin is a tan-white fragment measuring 0.6 x 0.4 cm.', 'Two tan polypoid fragments, entirely submitted.'])}`,
				`MICROSCOPIC: ${p.one(['Sections show tubular adenoma without high-grade dysplasia.', 'Benign breast tissue with fibroadenomatous change.', 'Basal cell carcinoma, nodular type; margins clear.', 'Negative for intraepithelial lesion or malignancy.'])}`,
				`FINAL DIAGNOSIS: ${p.one(['Tubular adenoma.', 'Fibroadenoma.', 'Basal cell carcinoma.', 'NILM.'])}`,
				`Pathologist: ${doctor(p)}`,
			),
		(p) =>
			lines(
				`Results for ${person(p)}`,
				`${p.one(LAB_PANELS).name} \u2014 collected ${date(p)}`,
				...Array.from({ length: p.int(3, 8) }, () => {
					const [name, range, unit] = p.one(p.one(LAB_PANELS).tests)
					return `${name} ${labValue(p, range)} ${unit} [${range}]`
				}),
				p.chance(0.5) &&
					`Culture: ${p.one(['No growth at 48 hours.', '>100,000 CFU/mL E. coli, sensitive to nitrofurantoin.', 'Normal flora.'])}`,
				`Comment: ${p.one(['Results reviewed.', 'Specimen slightly hemolyzed.', 'Fasting specimen.', 'Please correlate clinically.'])}`,
				`Performed at ${clinic(p)} laboratory, CLIA #${p.int(10, 99)}D${p.int(1000000, 9999999)}`,
			),
	],
	heldout: [
		(p) =>
			lines(
				`Your patient's test results are ready`,
				`Patient ${person(p)} \u2022 drawn ${date(p)} \u2022 ordered by ${doctor(p)}`,
				...LAB_PANELS.slice(0, 2).flatMap((panel) =>
					p
						.some(panel.tests, 2, 4)
						.map(
							([name, range, unit]) => `${name} = ${labValue(p, range)} ${unit} (normal ${range})`,
						),
				),
				`Values marked abnormal: ${p.int(0, 3)}.`,
				`Result status final. Questions: laboratory client services ${phone(p)}.`,
			),
	],
}

// ----------------------------------------------------------------------------- imaging report
const imagingReport: { train: Template[]; heldout: Template[] } = {
	train: [
		(p) => {
			const study = p.one(IMAGING)
			return lines(
				`${p.one(['Radiology Associates of', 'Imaging Center of', 'Department of Radiology,'])} ${p.one(['Oak Valley', 'Riverside', 'Summit', 'Bayside'])}`,
				study.study,
				patientLine(p),
				`Exam date: ${date(p)}   Accession: ${mrn(p)}`,
				`Ordering: ${doctor(p)}`,
				`CLINICAL INDICATION: ${p.one(SYMPTOMS)}${p.chance(0.5) ? `; history of ${p.one(CONDITIONS)}` : ''}.`,
				`TECHNIQUE: ${p.one(['Multiplanar images were obtained', 'Standard views were obtained', 'Axial images with coronal and sagittal reformats', 'Imaging was performed per protocol'])}${p.chance(0.5) ? ' following intravenous contrast' : ''}.`,
				`COMPARISON: ${p.one(['None.', `Prior study dated ${date(p)}.`])}`,
				`FINDINGS:\n${p.some(FINDINGS[study.region] ?? [], 2, 4).join('\n')}`,
				`IMPRESSION:\n1. ${p.one(FINDINGS[study.region] ?? [])}\n${p.chance(0.5) ? '2. No acute abnormality otherwise.' : ''}`,
				`Dictated by: ${doctor(p)}, Radiologist`,
			)
		},
		(p) => {
			const study = p.one(IMAGING)
			return lines(
				`EXAM: ${study.study.toLowerCase()}`,
				`HISTORY: ${p.one(SYMPTOMS)}`,
				`FINDINGS: ${p.some(FINDINGS[study.region] ?? [], 2, 4).join(' ')}`,
				`IMPRESSION: ${p.one(FINDINGS[study.region] ?? [])} ${p.one(['Recommend follow-up imaging in 6 months.', 'No further imaging needed.', 'Correlate clinically.', 'BI-RADS 2: benign.'])}`,
				`Electronically signed ${date(p)} by ${doctor(p)}`,
			)
		},
		(p) => {
			const study = p.one(IMAGING)
			return lines(
				p.one(['DIAGNOSTIC IMAGING REPORT', 'RADIOLOGY REPORT', 'Final Radiology Report']),
				`Procedure: ${study.study}`,
				`Patient: ${person(p)}  Age ${age(p)}`,
				`Reason for exam: ${p.one(CONDITIONS)}`,
				`Report:\n${p.some(FINDINGS[study.region] ?? [], 1, 3).join('\n')}`,
				`Conclusion: ${p.one(['Unremarkable examination.', 'Findings as above.', p.one(FINDINGS[study.region] ?? [])])}`,
				`Radiologist: ${doctor(p)}  Signed ${date(p)}`,
				p.chance(0.3) && `Critical result communicated to ${doctor(p)} by telephone.`,
			)
		},
	],
	heldout: [
		(p) => {
			const study = p.one(IMAGING)
			return lines(
				`Reading of ${study.study.toLowerCase()} performed ${date(p)}`,
				`Why it was done: ${p.one(SYMPTOMS)}.`,
				`How: ${p.one(['scanner protocol for this body part', 'routine projections'])}; earlier pictures ${p.one(['were not available', 'from last year were compared'])}.`,
				`What the radiologist saw: ${p.some(FINDINGS[study.region] ?? [], 2, 3).join(' ')}`,
				`Bottom line: ${p.one(FINDINGS[study.region] ?? [])}`,
				`Read by ${doctor(p)}, board-certified radiologist.`,
			)
		},
	],
}

const drug = (p: Pick) => p.one(MEDS).split(' ').slice(0, 2).join(' ')

// ------------------------------------------------------------------------ prior authorization
const priorAuthorization: { train: Template[]; heldout: Template[] } = {
	train: [
		(p) =>
			lines(
				p.one(INSURERS),
				p.one([
					'PRIOR AUTHORIZATION REQUEST FORM',
					'Prior Authorization Request',
					'PRECERTIFICATION REQUEST',
					'Pharmacy Prior Authorization Form',
				]),
				`Member name: ${person(p)}   Member ID: ${mrn(p)}   DOB: ${birthDate(p)}`,
				`Prescriber: ${doctor(p)}  NPI: ${p.int(1000000000, 1999999999)}  Phone: ${phone(p)}  Fax: ${phone(p)}`,
				`Medication / service requested: ${p.one([drug(p), p.one(PROCEDURES)])}`,
				`Diagnosis: ${p.one(CONDITIONS)}  ICD-10: ${p.one(['E11.65', 'M05.79', 'L40.0', 'G43.909', 'M17.11'])}`,
				`Quantity: ${p.int(1, 90)}   Days supply: ${p.one(['30', '90'])}`,
				`Previous therapies tried and failed: ${p
					.some(MEDS, 1, 3)
					.map((m) => m.split(' ')[0])
					.join(', ')}`,
				`Clinical justification: ${p.one(['Inadequate response to first-line therapy.', 'Contraindication to formulary alternative.', 'Medically necessary per guidelines.'])}`,
				`[ ] Urgent  [ ] Standard   Request date ${date(p)}`,
				'Prescriber signature: ______________________',
			),
		(p) =>
			lines(
				`${p.one(INSURERS)} \u2014 Utilization Management`,
				p.one([
					'PRIOR AUTHORIZATION DETERMINATION',
					'Notice of Prior Authorization Approval',
					'AUTHORIZATION DENIAL NOTICE',
					'Request for Additional Information \u2014 Prior Authorization',
				]),
				`Reference #: PA-${p.int(100000, 999999)}`,
				`Member: ${person(p)}  ID ${mrn(p)}`,
				`Requesting provider: ${doctor(p)}`,
				`Service: ${p.one(PROCEDURES)}${p.chance(0.5) ? ` / ${drug(p)}` : ''}`,
				`Determination: ${p.one(['APPROVED for dates of service', 'DENIED \u2014 does not meet medical necessity criteria for', 'PENDED \u2014 clinical notes required for review of'])} ${date(p)} through ${date(p)}.`,
				`${p.one(['Approved units: ' + p.int(1, 24) + '.', 'You may request a peer-to-peer review or appeal within 60 days.', 'Please fax the most recent office notes and labs to ' + phone(p) + '.'])}`,
				`Reviewer: ${doctor(p)}, Medical Director`,
			),
		(p) =>
			lines(
				p.one([
					'Letter of Medical Necessity',
					'LETTER OF MEDICAL NECESSITY',
					'Medical Necessity \u2014 Prior Authorization Support',
				]),
				`To: ${p.one(INSURERS)} Prior Authorization Department`,
				`Re: ${person(p)}, member ID ${mrn(p)}`,
				`I am writing to request coverage of ${p.one([drug(p), p.one(PROCEDURES)])} for my patient, who has ${p.one(CONDITIONS)}. The patient has tried ${p
					.some(MEDS, 1, 2)
					.map((m) => m.split(' ')[0])
					.join(' and ')} without adequate response.`,
				`Without this treatment the patient is at risk of ${p.one(['hospitalization', 'disease progression', 'disability'])}. I ask that you approve this request.`,
				signature(p),
			),
		(p) =>
			lines(
				`${p.one(['Pharmacy benefit', 'Formulary exception', 'Step therapy'])} ${p.one(['request', 'review', 'form'])} \u2014 ${p.one(INSURERS)}`,
				`Drug requested: ${drug(p)}. Strength/dose: as prescribed. Duration: ${p.int(3, 12)} months.`,
				`${p.one(['The medication requires prior approval', 'Coverage requires authorization', 'This drug is non-formulary'])}; please ${p.one(['complete the clinical questions', 'attach chart notes', 'list alternatives tried'])}.`,
				`Has the patient tried ${drug(p)}? [ ] yes [ ] no   Diagnosis code: ______`,
				`Fax completed form to ${phone(p)}. Decision within ${p.one(['24 hours', '72 hours', '14 days'])}.`,
			),
		(p) =>
			lines(
				`${p.one(['Authorization request for', 'Precertification for', 'Approval needed for'])} ${p.one(PROCEDURES)}`,
				`Health plan: ${p.one(INSURERS)}   Member ${person(p)}`,
				`CPT ${p.int(10000, 99999)}   Site of service: ${p.one(['outpatient', 'inpatient', 'office'])}   Date requested ${date(p)}`,
				`Clinical information supporting medical necessity: ${p.one(CONDITIONS)}, failed conservative therapy for ${p.int(6, 24)} weeks.`,
				`${p.one(['Approval', 'Authorization', 'Certification'])} status: ${p.one(['pending review', 'approved', 'denied', 'more information needed'])}. Tracking number ${p.int(100000, 999999)}.`,
			),
	],
	heldout: [
		(p) =>
			lines(
				`Coverage review needed before we can dispense`,
				`Plan: ${p.one(INSURERS)}   Case ${p.int(100000, 999999)}`,
				`The drug ${drug(p)} for ${person(p)} requires plan approval before the claim will pay.`,
				`Questions for the prescriber: diagnosis and ICD code; agents already tried and dates; lab values supporting use.`,
				`Complete and return this step-therapy exception form to ${phone(p)}. A decision is made within 72 hours of a complete submission.`,
			),
	],
}

// --------------------------------------------------------------------------- pharmacy request
const pharmacyRequest: { train: Template[]; heldout: Template[] } = {
	train: [
		(p) =>
			lines(
				`${p.one(PHARMACIES)}  Ph ${phone(p)}  Fax ${phone(p)}`,
				p.one([
					'REFILL REQUEST',
					'Prescription Refill Authorization Request',
					'RENEWAL REQUEST',
					'Rx Refill Request',
				]),
				`Date: ${date(p)}`,
				`To prescriber: ${doctor(p)}`,
				`Patient: ${person(p)}  DOB ${birthDate(p)}`,
				`Drug: ${p.one(MEDS)}`,
				`Qty: ${p.int(14, 90)}   Last filled: ${date(p)}   Refills remaining: 0`,
				`Sig: ${p.one(['take 1 tablet by mouth daily', 'take 1 tablet twice daily', 'inhale 2 puffs every 4 hours as needed'])}`,
				'[ ] Approved  refills: ____   [ ] Denied   [ ] Needs appointment',
				'Prescriber signature: ____________  Please fax back to the pharmacy.',
			),
		(p) =>
			lines(
				`${p.one(PHARMACIES)} \u2014 Pharmacist Communication`,
				p.one([
					'THERAPEUTIC INTERCHANGE REQUEST',
					'Drug Interaction Alert',
					'Clarification Needed',
					'Formulary Substitution Request',
				]),
				`Patient ${person(p)}`,
				`Prescribed: ${p.one(MEDS)}`,
				`Issue: ${p.one([`interaction with ${drug(p)} on the patient's profile`, 'dose exceeds usual maximum', 'illegible quantity on the prescription', `not on formulary; suggest ${drug(p)}`, 'drug on national backorder'])}.`,
				`Pharmacist: ${person(p)}, PharmD. Please call ${phone(p)} or fax new orders.`,
			),
		(p) =>
			lines(
				`Electronic prescription could not be transmitted \u2014 ${p.one(PHARMACIES)}`,
				`Request for new prescription for ${person(p)}`,
				`The patient requests a new prescription for ${p.one(MEDS)}; the previous prescription has expired.`,
				`Preferred pharmacy: ${p.one(PHARMACIES)}, ${address(p)}`,
				`Please send a new Rx electronically or sign and fax this form back. Controlled substances require a signed original.`,
				`Pharmacy NCPDP ${p.int(1000000, 9999999)}`,
			),
		(p) =>
			lines(
				`${p.one(['Refill authorization needed', 'Prescription renewal', 'Patient requesting refill', 'Rx renewal request from pharmacy'])}`,
				`${p.one(PHARMACIES)} requests ${p.one(['authorization to refill', 'a new prescription for', 'renewal of'])} ${p.one(MEDS)} for ${person(p)}.`,
				`${p.one(['No refills remain', 'Prescription expired', 'Last fill ' + date(p)])}. ${p.one(['Patient is out of medication', 'Patient has 3 days left', 'Mail order 90-day supply requested'])}.`,
				`${p.one(['Approve', 'OK to fill'])} ___  ${p.one(['Deny', 'Not OK'])} ___  Refills ___  ${p.one(['Prescriber', 'Doctor'])} signature ________`,
				`Return by fax to ${phone(p)}.`,
			),
		(p) =>
			lines(
				`Message from the pharmacist at ${p.one(PHARMACIES)}`,
				`Regarding the prescription for ${drug(p)} written for ${person(p)} on ${date(p)}:`,
				`${p.one(['Please clarify the directions', 'The dose seems high; please confirm', 'Insurance prefers a generic alternative; may we substitute', 'This product is unavailable; please prescribe an alternative', 'Possible duplicate therapy with ' + drug(p)])}.`,
				`Call the pharmacy at ${phone(p)} or fax a corrected prescription.`,
			),
	],
	heldout: [
		(p) =>
			lines(
				`Medication renewal \u2014 action requested of the prescribing office`,
				`We are out of authorized fills for ${person(p)}.`,
				`Item: ${p.one(MEDS)} (dispensed ${date(p)}, ${p.int(30, 90)} count)`,
				`Mark one and send back: OK to renew x ${p.int(1, 5)} / Do not renew / Patient must be seen first.`,
				`${p.one(PHARMACIES)}, pharmacist on duty ${person(p)}, ${phone(p)}`,
			),
	],
}

// ---------------------------------------------------------------------------- records request
const recordsRequest: { train: Template[]; heldout: Template[] } = {
	train: [
		(p) =>
			lines(
				p.one([
					'REQUEST FOR MEDICAL RECORDS',
					'Medical Records Request',
					'RECORDS REQUEST',
					'Request for Release of Information',
				]),
				`Date: ${date(p)}`,
				`From: ${clinic(p)}, Health Information Management`,
				`Patient: ${person(p)}   DOB: ${birthDate(p)}`,
				`Records requested: ${p.some(['office notes', 'lab results', 'imaging reports', 'operative reports', 'discharge summaries', 'immunization records', 'medication list'], 2, 5).join(', ')}`,
				`Dates of service: ${date(p)} to ${date(p)}`,
				`Purpose: ${p.one(['continuity of care', 'new patient establishing care', 'insurance claim', 'legal', 'disability evaluation', 'second opinion'])}`,
				'A signed HIPAA-compliant authorization is attached.',
				`Please fax records to ${phone(p)} attention ${person(p)}.`,
			),
		(p) =>
			lines(
				p.one([
					'AUTHORIZATION FOR RELEASE OF PROTECTED HEALTH INFORMATION',
					'Authorization to Disclose Health Information',
					'HIPAA AUTHORIZATION FORM',
				]),
				`I, ${person(p)}, date of birth ${birthDate(p)}, authorize ${clinic(p)} to release my health information to ${p.one([clinic(p), p.one(INSURERS), 'the law office of ' + person(p)])}.`,
				`Information to be released: ${p.one(['complete medical record', 'records from ' + date(p) + ' to present', 'only the items checked below'])}.`,
				'[ ] HIV/AIDS  [ ] mental health  [ ] substance use treatment  [ ] genetic testing',
				`This authorization expires on ${date(p)}. I may revoke it in writing at any time.`,
				'Signature of patient or legal representative: ______________  Date: ________',
			),
		(p) =>
			lines(
				`${p.one(['Subpoena duces tecum', 'Attorney request for records', 'Social Security Disability records request', 'Workers compensation records request'])}`,
				`Regarding: ${person(p)}  Claim #${mrn(p)}`,
				`Please provide copies of all ${p.one(['medical records', 'treatment records and itemized billing', 'records related to the injury of ' + date(p)])} within ${p.int(10, 30)} days.`,
				`Records custodian certification form enclosed. Copy fees will be paid per state statute.`,
				`Contact ${person(p)} at ${phone(p)}.`,
			),
		(p) =>
			lines(
				`${p.one(['Records needed', 'Please send records', 'Copies of chart requested', 'Medical records request \u2014 continuity of care'])}`,
				`${p.one(['Our mutual patient', 'The patient named below', 'Your former patient'])} ${person(p)} ${p.one(['is now seeing us', 'has an appointment with us on ' + date(p), 'has authorized release of records to our office'])}.`,
				`${p.one(['Please forward', 'Kindly send', 'We request copies of'])} ${p.some(['recent visit notes', 'lab results', 'imaging reports', 'hospital records', 'vaccination history', 'medication list', 'problem list'], 2, 4).join(', ')}.`,
				`${p.one(['Signed release enclosed', 'Patient authorization attached', 'HIPAA release on file'])}. ${p.one(['Fax to', 'Send to', 'Return to'])} ${phone(p)}, ${p.one(['medical records', 'HIM department', 'attention ' + person(p)])}.`,
			),
		(p) =>
			lines(
				`${p.one(INSURERS)} \u2014 ${p.one(['Medical record request for claim review', 'Records request for HEDIS review', 'Request for documentation (audit)'])}`,
				`Please send the medical records for ${person(p)} for dates of service ${date(p)} through ${date(p)}.`,
				`Documents needed: ${p.some(['progress notes', 'operative report', 'lab results', 'orders', 'signature log'], 2, 4).join(', ')}.`,
				`Submit within ${p.int(14, 45)} days to ${phone(p)}. This request is permitted under HIPAA for payment and health care operations.`,
			),
	],
	heldout: [
		(p) =>
			lines(
				`Transfer of care \u2014 please send chart copies`,
				`${person(p)} has moved to our practice (${clinic(p)}) and asked us to obtain prior documentation from your office.`,
				`We would appreciate the last two years of visit notes, problem list, allergies, vaccine history and any specialist letters.`,
				`Patient consent form signed ${date(p)} accompanies this message. Return copies to our HIM department, fax ${phone(p)}.`,
			),
	],
}

// ----------------------------------------------------------------- insurance correspondence
const insuranceCorrespondence: { train: Template[]; heldout: Template[] } = {
	train: [
		(p) =>
			lines(
				p.one(INSURERS),
				p.one([
					'EXPLANATION OF BENEFITS',
					'Explanation of Benefits \u2014 THIS IS NOT A BILL',
					'REMITTANCE ADVICE',
					'Provider Claim Summary',
				]),
				`Member: ${person(p)}   ID: ${mrn(p)}   Group: ${p.int(10000, 99999)}`,
				`Claim number: ${p.int(100000000, 999999999)}   Provider: ${clinic(p)}`,
				`Date of service: ${date(p)}`,
				`Amount billed $${p.int(80, 4000)}.00  Allowed $${p.int(50, 900)}.00  Plan paid $${p.int(20, 800)}.00  Member responsibility $${p.int(0, 300)}.00`,
				`Remark code: ${p.one(['CO-45 charge exceeds fee schedule', 'PR-1 deductible amount', 'CO-97 bundled service', 'N130 consult plan benefit documents'])}`,
				`Questions? Call customer service at ${phone(p)}.`,
			),
		(p) =>
			lines(
				p.one(INSURERS),
				p.one([
					'Claim Denial Notice',
					'NOTICE OF CLAIM DENIAL',
					'Request for Information \u2014 Claim Pended',
					'Coordination of Benefits Questionnaire',
					'Eligibility Verification',
				]),
				`Date: ${date(p)}`,
				`Re: ${person(p)}, member ID ${mrn(p)}`,
				`${p.one(['The claim for services on', 'We are unable to process the claim for', 'Our records show other coverage for services on'])} ${date(p)} ${p.one(['has been denied because the service is not covered under the member plan.', 'is pended pending receipt of the itemized bill and operative report.', 'requires the member to complete the enclosed coordination of benefits form.', 'the member was not eligible on the date of service.'])}`,
				`You may submit a corrected claim or an appeal within ${p.one(['90', '180'])} days. Mail to ${address(p)}.`,
				`${p.one(INSURERS)} Provider Services`,
			),
		(p) =>
			lines(
				`${p.one(INSURERS)} \u2014 ${p.one(['Care Management Program', 'Provider Network Update', 'Case Management'])}`,
				`Dear provider,`,
				`${p.one([`Your patient ${person(p)} has been enrolled in our care management program for ${p.one(CONDITIONS)}.`, 'Effective ' + date(p) + ' the reimbursement schedule for your contract changes as described below.', `Our records show a gap in care for ${person(p)}: no ${p.one(['A1c', 'mammogram', 'colorectal screening'])} on file this year.`])}`,
				`${p.one(['A nurse case manager will contact your office.', 'Please review the enclosed network agreement amendment.', 'Please submit documentation or schedule the service.'])}`,
				`Member services ${phone(p)}. Provider relations ${phone(p)}.`,
			),
		(p) =>
			lines(
				`${p.one(['Claim status update', 'Payment notice', 'Claim adjustment notice', 'Overpayment notice', 'Eligibility and benefits'])} \u2014 ${p.one(INSURERS)}`,
				`Provider: ${clinic(p)}   Patient/member: ${person(p)}   Claim ${p.int(100000000, 999999999)}`,
				`${p.one(['The claim was paid', 'The claim was adjusted', 'An overpayment was identified', 'Coverage is active', 'The claim was denied'])} ${p.one(['for service date', 'effective', 'as of'])} ${date(p)}.`,
				`${p.one(['Copay', 'Coinsurance', 'Deductible remaining', 'Refund requested'])}: $${p.int(10, 900)}.00.`,
				`${p.one(['Questions about this notice', 'To dispute this decision', 'For benefit details'])}, call provider services at ${phone(p)}.`,
			),
		(p) =>
			lines(
				`${p.one(INSURERS)}`,
				`${p.one(['Appeal decision', 'Grievance acknowledgement', 'Notice of coverage change', 'Welcome letter to the provider network'])}`,
				`Dear ${p.one(['Doctor', 'Provider', 'Office Manager'])},`,
				`${p.one(['We have reviewed your appeal regarding member', 'We received the grievance filed on behalf of', 'Coverage for your patient will change for'])} ${person(p)}. ${p.one(['The original denial is upheld.', 'The denial is overturned and the claim will be reprocessed.', 'A decision will be sent within 30 days.', 'The member plan ends on ' + date(p) + '.'])}`,
				`Sincerely, ${p.one(['Appeals Unit', 'Member Services', 'Provider Relations'])}`,
			),
	],
	heldout: [
		(p) =>
			lines(
				`Statement of claim processing from your patient's health plan`,
				`Plan: ${p.one(INSURERS)}   Subscriber: ${person(p)}`,
				`Visit on ${date(p)} with ${clinic(p)} \u2014 charges $${p.int(100, 3000)}, contracted rate $${p.int(60, 800)}, applied to deductible $${p.int(0, 200)}, paid to provider $${p.int(0, 700)}.`,
				`Adjustment reason: ${p.one(['out-of-network', 'timely filing limit exceeded', 'duplicate submission', 'not medically necessary'])}.`,
				`Appeal rights and instructions are on the reverse side.`,
			),
	],
}

// --------------------------------------------------------------------------------- cover sheet
const CONFIDENTIALITY = [
	'CONFIDENTIALITY NOTICE: This facsimile contains confidential health information protected by federal and state law. It is intended only for the recipient named above. If you have received this fax in error, please notify the sender immediately and destroy all copies.',
	'The documents accompanying this transmission contain confidential information belonging to the sender that is legally privileged. If you are not the intended recipient, you are hereby notified that any disclosure, copying or distribution is strictly prohibited.',
	'PRIVILEGED AND CONFIDENTIAL \u2014 protected health information. Redisclosure is prohibited. If received in error call the sender and shred.',
	'This message may contain PHI. Unauthorized review, use or disclosure is prohibited by law (45 CFR 164).',
]

export const COVER_SHEETS: { train: Template[]; heldout: Template[] } = {
	train: [
		(p) =>
			lines(
				p.one(['FAX COVER SHEET', 'Fax Cover Sheet', 'FACSIMILE TRANSMITTAL', 'FAX']),
				`To: ${doctor(p)}   Fax: ${phone(p)}`,
				`From: ${clinic(p)}   Phone: ${phone(p)}`,
				`Date: ${date(p)}   Pages (including cover): ${p.int(1, 12)}`,
				`Re: ${p.one(['patient records', 'referral', 'results', 'as requested', 'urgent', 'please review', person(p)])}`,
				`[ ] Urgent  [ ] For review  [ ] Please reply  [ ] Please comment`,
				p.one(CONFIDENTIALITY),
			),
		(p) =>
			lines(
				`${clinic(p)}`,
				p.one(['Facsimile Cover Page', 'FAX TRANSMISSION', 'Fax Transmittal Form']),
				`DATE: ${date(p)}`,
				`TO: ${p.one([clinic(p), doctor(p), 'Medical Records'])}`,
				`ATTN: ${person(p)}`,
				`FAX #: ${phone(p)}`,
				`FROM: ${doctor(p)}`,
				`NUMBER OF PAGES: ${p.int(1, 15)}`,
				`COMMENTS: ${p.one(['See attached.', 'Please see attached documents.', 'Per your request.', '', 'Call with questions.'])}`,
				p.one(CONFIDENTIALITY),
			),
		(p) =>
			lines(
				`${p.one(['fax', 'FAX MESSAGE', 'Fax'])} \u2014 ${date(p)} ${p.int(1, 12)}:${p.int(10, 59)} ${p.one(['AM', 'PM'])}`,
				`Sender: ${clinic(p)} ${phone(p)}`,
				`Recipient: ${p.one([clinic(p), doctor(p)])} ${phone(p)}`,
				`Total pages ${p.int(2, 9)}`,
				p.one(CONFIDENTIALITY),
			),
	],
	heldout: [
		(p) =>
			lines(
				`Sent via secure e-fax service`,
				`Deliver to ${doctor(p)} / ${clinic(p)}`,
				`Sent by ${person(p)} on behalf of ${clinic(p)}, callback ${phone(p)}`,
				`Sheets in this transmission: ${p.int(1, 10)} (this page counts as one)`,
				'Notice: the pages that follow are meant solely for the addressee and may hold protected health information. Misdelivered copies must be destroyed and the sender told.',
			),
	],
}

// ---------------------------------------------------------------------------------------- junk
const junk: { train: Template[]; heldout: Template[] } = {
	train: [
		// marketing
		(p) =>
			lines(
				p.one([
					'SPECIAL OFFER FOR MEDICAL OFFICES!',
					'Limited Time Promotion',
					'ATTENTION OFFICE MANAGER',
					'Free Trial \u2014 Act Now',
				]),
				p.one([
					`Save up to ${p.int(20, 70)}% on exam table paper, gloves and toner cartridges. Order today and get free shipping.`,
					`Is your practice losing revenue to denied claims? Our billing service recovers an average of $${p.int(10, 90)},000 per year.`,
					`Join us for a free CME dinner seminar on ${p.one(CONDITIONS)} at the ${p.one(['Marriott', 'Hilton', 'Grand Hotel'])} on ${date(p)}. Dinner provided. RSVP now.`,
					`Upgrade to our cloud EHR and e-fax platform. Schedule a demo this week and receive a $${p.int(100, 500)} gift card.`,
					`You have been selected to receive a complimentary ${p.one(['Caribbean cruise', 'vacation package', 'office coffee machine'])}! Call now to claim your prize.`,
					`Medical office space available for lease at ${address(p)}. ${p.int(1200, 6000)} sq ft, ample parking.`,
				]),
				`Call ${phone(p)} or visit our website.`,
				p.one([
					'To be removed from our fax list call the toll-free number below.',
					'To opt out of future faxes reply REMOVE.',
					'Unsubscribe: fax this page back with an X in the box [ ]',
				]),
			),
		// misdirected notices
		(p) =>
			lines(
				p.one([
					'MISDIRECTED FAX NOTICE',
					'Fax Received in Error',
					'RETURN TO SENDER \u2014 WRONG RECIPIENT',
					'NOTICE OF MISDIRECTED PHI',
				]),
				`Date: ${date(p)}`,
				`To: ${p.one([clinic(p), 'Sending facility'])}   Fax: ${phone(p)}`,
				`From: ${clinic(p)}`,
				p.one([
					`We received the attached fax in error. This patient is not known to our practice. The pages have been ${p.one(['shredded', 'destroyed', 'returned'])}.`,
					'Your fax was sent to the wrong number. We have no record of this patient. Please update your records and resend to the correct provider.',
					`The enclosed documents were misdirected to our office. ${p.one(['The patient is not under our care.', 'We are not the intended recipient.'])} Please verify the fax number before resending.`,
					`This fax reached ${clinic(p)} by mistake. We are not the provider named. No copies were kept.`,
				]),
				`Contact ${person(p)}, privacy officer, ${phone(p)}.`,
			),
		// cover sheet alone
		(p) => p.one(COVER_SHEETS.train)(p),
		// blank, test and near-empty pages
		(p) =>
			p.one([
				'',
				' ',
				'\n\n\n',
				'.',
				`${p.one(['TEST', 'test page', 'FAX TEST', 'This is a test fax. Please disregard.', 'Test transmission \u2014 please ignore'])}`,
				`${date(p)} ${p.int(1, 12)}:${p.int(10, 59)}  ${phone(p)}  P.${p.int(1, 3)}/${p.int(1, 3)}`,
				`Page ${p.int(1, 3)} of ${p.int(3, 5)}`,
				`${p.one(['~', '.', ',', "'", '|'])}${p.one([' ', '  ', '\n'])}${p.one(['~', '.', ';', '-'])}`,
				'THIS PAGE INTENTIONALLY LEFT BLANK',
				`${p.one(['Sent from my fax machine', 'Transmission report: OK', 'TX REPORT  RESULT: OK  PAGES: 1'])}`,
			]),
		// unrelated business
		(p) =>
			lines(
				p.one([
					`Invoice #${p.int(1000, 9999)} from ${p.one(['Acme Janitorial', 'Metro Shredding Services', 'Lakeside Linen Supply', 'Office Depot Business'])}. Amount due $${p.int(50, 2000)}.00 by ${date(p)}.`,
					`Staff meeting moved to ${p.one(['Tuesday', 'Thursday'])} at noon. Lunch will be provided. \u2014 ${person(p)}`,
					`Happy holidays from all of us at ${clinic(p)}! Our office will be closed ${date(p)}.`,
					`Reminder: the building fire alarm test is scheduled for ${date(p)}.`,
					`Please stop faxing this number. This is a private residence.`,
					`Weekly schedule for ${p.one(['front desk', 'nursing', 'billing'])} staff attached. Swap requests to ${person(p)}.`,
				]),
				p.chance(0.5) && `Questions: ${phone(p)}`,
			),
	],
	heldout: [
		(p) =>
			p.one([
				lines(
					'Wrong destination',
					`Hello \u2014 these pages came to ${clinic(p)} but do not belong to anyone here. We have never treated this individual.`,
					`We deleted the transmission and are letting you know as required. ${person(p)}, ${phone(p)}`,
				),
				lines(
					`Exclusive bundle for clinics: ${p.one(['nitrile gloves', 'printer ink', 'waiting room TV subscription'])} at wholesale price.`,
					`Deal ends ${date(p)}. Dial ${phone(p)} today.`,
					'Remove me from list: dial extension 9.',
				),
				p.one(COVER_SHEETS.heldout)(p),
				'',
			]),
	],
}

export const TEMPLATES: Record<FaxType, { train: Template[]; heldout: Template[] }> = {
	[FAX_TYPES.referral]: referral,
	[FAX_TYPES.consultNote]: consultNote,
	[FAX_TYPES.historyAndPhysical]: historyAndPhysical,
	[FAX_TYPES.progressNote]: progressNote,
	[FAX_TYPES.dischargeSummary]: dischargeSummary,
	[FAX_TYPES.labResult]: labResult,
	[FAX_TYPES.imagingReport]: imagingReport,
	[FAX_TYPES.priorAuthorization]: priorAuthorization,
	[FAX_TYPES.pharmacyRequest]: pharmacyRequest,
	[FAX_TYPES.recordsRequest]: recordsRequest,
	[FAX_TYPES.insuranceCorrespondence]: insuranceCorrespondence,
	[FAX_TYPES.junk]: junk,
}
