import { ALLERGIES, FAMILY_HISTORY, PAST_HISTORY, SOCIAL } from './content.ts'
import {
	clinicianName,
	courtesy,
	d,
	demographics,
	dobOf,
	drName,
	he,
	his,
	letterhead,
	nameOf,
	signature,
	type DocContext,
	type Template,
} from './context.ts'
import { addDays, ageOn } from './formats.ts'
import type { Block } from './layout.ts'

/** Referrals, consult notes, histories and physicals, progress notes, discharge summaries. */
const h = (text: string, level?: 1 | 2): Block => ({
	t: 'heading',
	text,
	...(level ? { level } : {}),
})
const p = (text: string): Block => ({ t: 'text', text })
const cap = (s: string) => s.charAt(0).toUpperCase() + s.slice(1)
const age = (ctx: DocContext) =>
	ctx.subject.birthDate ? `${ageOn(ctx.subject.birthDate, ctx.date)}-year-old` : 'adult'
const sexWord = (ctx: DocContext) =>
	ctx.subject.sex === 'female' ? 'woman' : ctx.subject.sex === 'male' ? 'man' : 'patient'
const pmh = (ctx: DocContext) => ctx.rng.sample(PAST_HISTORY, ctx.rng.int(2, 4))
const list = (items: readonly string[], numbered = false): Block[] =>
	items.map((x, i) => ({ t: 'text', text: `${numbered ? `${i + 1}.` : '-'} ${x}`, indent: 10 }))
const vitals = (ctx: DocContext) => {
	const r = ctx.rng
	return `BP ${r.int(104, 168)}/${r.int(60, 98)}, HR ${r.int(56, 108)}, RR ${r.int(12, 22)}, Temp ${r.float(97.2, 99.4).toFixed(1)} F, SpO2 ${r.int(90, 99)}%, Wt ${r.int(110, 260)} lb`
}
const rosLine = (ctx: DocContext) =>
	ctx.rng.pick([
		'Otherwise a 10-point review of systems is negative.',
		'All other systems reviewed and negative.',
		'ROS negative except as noted in the HPI.',
	])

export const CLINICAL_TEMPLATES: Template[] = [
	{
		id: 'referral-letter',
		label: 'referral',
		set: 'A',
		build: (ctx) => [
			...letterhead(ctx),
			p(d(ctx, ctx.date)),
			{ t: 'space', h: 8 },
			p(ctx.recipient.name),
			p(ctx.recipient.org),
			{ t: 'space', h: 8 },
			...demographics(ctx, 're'),
			{ t: 'space', h: 6 },
			p(`Dear ${ctx.recipient.name.replace(/,.*$/, '')},`),
			p(
				`I am writing to refer ${nameOf(ctx.subject)}, a ${age(ctx)} ${sexWord(ctx)}, to your ${ctx.scenario.specialty.toLowerCase()} practice for evaluation of ${ctx.scenario.problem.toLowerCase()}. ${cap(he(ctx.subject))} reports ${ctx.scenario.symptoms}. Relevant history includes ${ctx.scenario.history}.`,
			),
			p(
				`Current medications: ${ctx.scenario.meds.join('; ')}. Allergies: ${ctx.rng.pick(ALLERGIES)}.`,
			),
			p(
				`I would appreciate your assessment and recommendations regarding ${ctx.scenario.plan}. Recent office notes and laboratory results are enclosed. Please do not hesitate to contact me with any questions.`,
			),
			p('Thank you for seeing this patient.'),
			...signature(ctx),
		],
	},
	{
		id: 'referral-form',
		label: 'referral',
		set: 'A',
		build: (ctx) => {
			const r = ctx.rng
			return [
				...letterhead(ctx),
				h(r.pick(['Referral Form', 'Outpatient Referral', 'Specialty Referral Request'])),
				{
					t: 'kv',
					pairs: [
						['Date', d(ctx, ctx.date)],
						['Referral #', `R${r.digits(7)}`],
						['Priority', r.pick(['Routine', 'Urgent', 'STAT (within 72 hours)'])],
						['Specialty', ctx.scenario.specialty],
					],
					columns: 2,
				},
				h('Patient Information', 2),
				...demographics(ctx, r.pick(['kv', 'kv2', 'table'] as const)),
				h('Referring Provider', 2),
				{
					t: 'kv',
					pairs: [
						['Name', clinicianName(ctx.author)],
						['NPI', r.digits(10)],
						['Practice', ctx.org.name],
					],
				},
				h('Referred To', 2),
				{
					t: 'kv',
					pairs: [
						['Provider', ctx.recipient.name],
						['Facility', ctx.recipient.org],
					],
				},
				h('Reason for Referral', 2),
				{ t: 'kv', pairs: [['Diagnosis', `${ctx.scenario.problem} (${ctx.scenario.icd10})`]] },
				p(`${cap(ctx.scenario.symptoms)}. ${cap(ctx.scenario.history)}.`),
				p(
					`Requested: ${r.pick(['consult and treat', 'evaluation only', 'evaluate and assume care', 'second opinion'])}. Number of visits authorized: ${r.int(1, 6)}.`,
				),
				h('Pertinent Medications', 2),
				...list(ctx.scenario.meds),
				{ t: 'space', h: 6 },
				p(
					r.pick([
						'Please schedule at your earliest convenience and fax the consult note back to our office.',
						'Office notes, labs and imaging attached. Please call the patient to schedule.',
					]),
				),
				...signature(ctx),
			]
		},
	},
	{
		id: 'referral-ereferral',
		label: 'referral',
		set: 'B',
		build: (ctx) => {
			const r = ctx.rng
			return [
				{
					t: 'banner',
					text: r.pick(['REQUEST FOR CONSULTATION', 'E-REFERRAL ORDER', 'SPECIALIST REFERRAL']),
				},
				{
					t: 'table',
					header: ['Order No.', 'Ordered', 'Urgency', 'Auth Req.'],
					rows: [
						[
							`ORD-${r.digits(8)}`,
							d(ctx, ctx.date),
							r.pick(['Routine', 'Expedited', 'Urgent']),
							r.pick(['Yes', 'No', 'Pending']),
						],
					],
				},
				...demographics(ctx, r.pick(['table', 'inline'] as const)),
				{
					t: 'kv',
					pairs: [
						['Referring clinician', clinicianName(ctx.author)],
						['Referring site', ctx.org.name],
						['Consultant', `${ctx.recipient.name} / ${ctx.recipient.org}`],
						['Service requested', ctx.scenario.specialty],
					],
				},
				h('Clinical Question', 2),
				...list(
					[
						`Evaluate ${ctx.scenario.problem.toLowerCase()} (${ctx.scenario.icd10})`,
						`Advise on ${ctx.scenario.plan}`,
						r.pick([
							'Assume co-management if appropriate',
							'Is a procedure indicated?',
							'Medication recommendations welcome',
						]),
					],
					true,
				),
				h('Background', 2),
				p(
					`${courtesy(ctx.subject)} ${ctx.subject.family} has ${ctx.scenario.symptoms}. ${cap(ctx.scenario.history)}. On examination: ${ctx.scenario.exam}.`,
				),
				h('Active Medication List', 2),
				{
					t: 'table',
					header: ['Medication', 'Status'],
					rows: ctx.scenario.meds.map((m) => [m, r.pick(['Active', 'Active', 'On hold'])]),
					widths: [4, 1],
				},
				p(
					`Referral valid for ${r.pick([90, 180, 365])} days from the order date. Send reports to ${ctx.org.name}.`,
				),
				...signature(ctx),
			]
		},
	},
	{
		id: 'referral-memo',
		label: 'referral',
		set: 'B',
		build: (ctx) => [
			...letterhead(ctx),
			{
				t: 'kv',
				pairs: [
					['TO', ctx.recipient.name],
					['FROM', drName(ctx.author)],
					['DATE', d(ctx, ctx.date)],
					['SUBJECT', `New patient referral - ${ctx.scenario.specialty}`],
				],
			},
			{ t: 'rule' },
			...demographics(ctx, 'kv'),
			p(
				`Kindly see this ${age(ctx)} ${sexWord(ctx)} for ${ctx.scenario.problem.toLowerCase()}. In brief: ${ctx.scenario.symptoms}; ${ctx.scenario.history}. Examination today showed ${ctx.scenario.exam}.`,
			),
			p(
				`We have tried ${ctx.scenario.meds.slice(0, 2).join(' and ')}. I would value your opinion on next steps, in particular ${ctx.scenario.procedure.toLowerCase()}.`,
			),
			p(
				ctx.rng.pick([
					'Insurance information and the last two visit notes follow.',
					'The patient is aware of this referral and expects your call.',
				]),
			),
			...signature(ctx),
		],
	},
	{
		id: 'consult-sections',
		label: 'consult_note',
		set: 'A',
		build: (ctx) => [
			...letterhead(ctx),
			h(ctx.rng.pick(['Consultation Note', 'Consultation Report', 'Outpatient Consultation'])),
			...demographics(ctx),
			{
				t: 'kv',
				pairs: [
					['Date of Service', d(ctx, ctx.serviceDate)],
					['Referring Physician', ctx.recipient.name],
					['Consultant', clinicianName(ctx.author)],
				],
			},
			h('Reason for Consultation', 2),
			p(`${ctx.scenario.problem}.`),
			h('History of Present Illness', 2),
			p(
				`The patient is a ${age(ctx)} ${sexWord(ctx)} referred for ${ctx.scenario.problem.toLowerCase()}. ${cap(he(ctx.subject))} describes ${ctx.scenario.symptoms}. ${cap(ctx.scenario.history)}.`,
			),
			h('Past Medical History', 2),
			...list(pmh(ctx)),
			h('Medications', 2),
			...list(ctx.scenario.meds),
			h('Allergies', 2),
			p(ctx.rng.pick(ALLERGIES)),
			h('Physical Examination', 2),
			p(`${vitals(ctx)}. ${cap(ctx.scenario.exam)}.`),
			h('Impression', 2),
			p(`${ctx.scenario.problem} (${ctx.scenario.icd10}).`),
			h('Recommendations', 2),
			...list(
				[
					cap(ctx.scenario.plan),
					ctx.rng.pick([
						'Follow up in my clinic in 6 weeks.',
						'I will see the patient again after the studies are complete.',
						'Return to the referring provider for ongoing care.',
					]),
				],
				true,
			),
			p(
				ctx.rng.pick([
					'Thank you for this consultation.',
					'Thank you for allowing me to participate in the care of this patient.',
				]),
			),
			...signature(ctx),
		],
	},
	{
		id: 'consult-letter',
		label: 'consult_note',
		set: 'A',
		build: (ctx) => [
			...letterhead(ctx),
			p(d(ctx, ctx.date)),
			p(ctx.recipient.name),
			p(ctx.recipient.org),
			...demographics(ctx, 're'),
			p(`Dear ${ctx.recipient.name.replace(/,.*$/, '')},`),
			p(
				`Thank you for referring ${nameOf(ctx.subject)}, whom I saw in ${ctx.scenario.specialty.toLowerCase()} clinic on ${d(ctx, ctx.serviceDate)}. As you know, ${he(ctx.subject)} has ${ctx.scenario.symptoms}. ${cap(ctx.scenario.history)}.`,
			),
			p(
				`On examination ${ctx.scenario.exam}. ${ctx.scenario.study !== 'None' ? `I reviewed the ${ctx.scenario.study.toLowerCase()}, which showed ${ctx.scenario.finding}.` : ''}`,
			),
			p(
				`My impression is ${ctx.scenario.problem.toLowerCase()}. I have recommended ${ctx.scenario.plan}. I will see ${his(ctx.subject)} back in ${ctx.rng.pick(['four', 'six', 'eight', 'twelve'])} weeks and will keep you informed.`,
			),
			...signature(ctx),
			p(`cc: ${ctx.recipient.name}`),
		],
	},
	{
		id: 'consult-inpatient',
		label: 'consult_note',
		set: 'B',
		build: (ctx) => {
			const r = ctx.rng
			return [
				{ t: 'banner', text: `${ctx.scenario.specialty.toUpperCase()} CONSULT` },
				{
					t: 'table',
					header: ['Patient', 'DOB', 'Location', 'Consult date'],
					rows: [
						[
							nameOf(ctx.subject),
							dobOf(ctx.subject) ?? '',
							`${r.pick(['4 West', 'ICU', '6 North', 'ED'])} Rm ${r.int(100, 699)}`,
							d(ctx, ctx.serviceDate),
						],
					],
					widths: [2, 1.2, 1.2, 1.2],
				},
				{
					t: 'kv',
					pairs: [
						['Requesting physician', ctx.recipient.name],
						['Question', `Recommendations for ${ctx.scenario.problem.toLowerCase()}`],
					],
				},
				h('Subjective', 2),
				p(`Seen at the bedside. ${cap(ctx.scenario.symptoms)}. ${cap(ctx.scenario.history)}.`),
				h('Objective', 2),
				p(`${vitals(ctx)}. ${cap(ctx.scenario.exam)}.`),
				h('Assessment and Suggestions', 2),
				...list(
					[
						`${ctx.scenario.problem}.`,
						cap(ctx.scenario.plan) + '.',
						`Would consider ${ctx.scenario.procedure.toLowerCase()} if no improvement.`,
						'We will follow along; please page with questions.',
					],
					true,
				),
				...signature(ctx),
			]
		},
	},
	{
		id: 'consult-specialty-summary',
		label: 'consult_note',
		set: 'B',
		build: (ctx) => [
			...letterhead(ctx),
			p(`${ctx.scenario.specialty} - New Patient Evaluation`),
			...demographics(ctx, 'kv2'),
			{ t: 'rule' },
			p(`REFERRED BY: ${ctx.recipient.name}. CHIEF CONCERN: ${ctx.scenario.symptoms}.`),
			p(
				`HISTORY: ${cap(ctx.scenario.history)}. Past history significant for ${pmh(ctx).join(', ').toLowerCase()}.`,
			),
			p(`EXAM: ${ctx.scenario.exam}.`),
			p(
				`DATA REVIEWED: ${ctx.scenario.study !== 'None' ? `${ctx.scenario.study}: ${ctx.scenario.impression}.` : 'Outside records reviewed.'}`,
			),
			p(
				`IMPRESSION AND PLAN: ${ctx.scenario.problem}. ${cap(ctx.scenario.plan)}. Candidate for ${ctx.scenario.procedure.toLowerCase()} pending response.`,
			),
			p("I appreciate the opportunity to participate in this patient's care."),
			...signature(ctx),
		],
	},
	{
		id: 'hp-classic',
		label: 'history_and_physical',
		set: 'A',
		build: (ctx) => [
			...letterhead(ctx),
			h(
				ctx.rng.pick([
					'History and Physical',
					'Admission History and Physical',
					'History & Physical Examination',
				]),
			),
			...demographics(ctx),
			{
				t: 'kv',
				pairs: [
					['Date of Admission', d(ctx, ctx.serviceDate)],
					['Attending', clinicianName(ctx.author)],
					['PCP', ctx.recipient.name],
				],
			},
			h('Chief Complaint', 2),
			p(cap(ctx.scenario.symptoms) + '.'),
			h('History of Present Illness', 2),
			p(
				`${nameOf(ctx.subject)} is a ${age(ctx)} ${sexWord(ctx)} with ${ctx.scenario.history} who presents with ${ctx.scenario.symptoms}. ${rosLine(ctx)}`,
			),
			h('Past Medical History', 2),
			...list(pmh(ctx)),
			h('Medications', 2),
			...list(ctx.scenario.meds),
			h('Allergies', 2),
			p(ctx.rng.pick(ALLERGIES)),
			h('Social History', 2),
			p(ctx.rng.pick(SOCIAL)),
			h('Family History', 2),
			p(ctx.rng.pick(FAMILY_HISTORY)),
			h('Physical Examination', 2),
			{
				t: 'kv',
				pairs: [
					['Vitals', vitals(ctx)],
					['General', 'Alert, oriented, in no acute distress'],
					['HEENT', 'Normocephalic, moist mucous membranes'],
					[
						'Cardiovascular',
						ctx.rng.pick([
							'Regular rate and rhythm, no murmurs',
							'Irregularly irregular, no gallop',
						]),
					],
					[
						'Lungs',
						ctx.rng.pick([
							'Clear to auscultation bilaterally',
							'Scattered wheezes',
							'Crackles at the bases',
						]),
					],
					['Abdomen', 'Soft, nontender, nondistended'],
					['Extremities', ctx.rng.pick(['No edema', 'Trace bilateral edema'])],
					['Focused', ctx.scenario.exam],
				],
			},
			h('Assessment and Plan', 2),
			p(`${ctx.scenario.problem} (${ctx.scenario.icd10}). Plan: ${ctx.scenario.plan}.`),
			p('DVT prophylaxis, diet as tolerated, full code.'),
			...signature(ctx),
		],
	},
	{
		id: 'hp-preop',
		label: 'history_and_physical',
		set: 'A',
		build: (ctx) => [
			...letterhead(ctx),
			h('Pre-operative History and Physical'),
			...demographics(ctx, 'kv2'),
			{
				t: 'kv',
				pairs: [
					['Planned Procedure', ctx.scenario.procedure],
					['Surgery Date', d(ctx, addDays(ctx.date, ctx.rng.int(5, 30)))],
					['Surgeon', clinicianName(ctx.author)],
				],
			},
			h('Indication', 2),
			p(`${ctx.scenario.problem} with ${ctx.scenario.symptoms}.`),
			h('Medical History', 2),
			p(pmh(ctx).join('; ') + '.'),
			h('Current Medications', 2),
			p(ctx.scenario.meds.join('; ') + '.'),
			h('Allergies', 2),
			p(ctx.rng.pick(ALLERGIES)),
			h('Examination', 2),
			p(
				`${vitals(ctx)}. Airway Mallampati ${ctx.rng.int(1, 3)}. Heart regular. Lungs clear. ${cap(ctx.scenario.exam)}.`,
			),
			h('Anesthesia Risk', 2),
			p(
				`ASA class ${ctx.rng.int(1, 3)}. Patient is medically optimized for the planned procedure. Hold anticoagulants per protocol.`,
			),
			...signature(ctx),
		],
	},
	{
		id: 'hp-comprehensive',
		label: 'history_and_physical',
		set: 'B',
		build: (ctx) => [
			{
				t: 'banner',
				text: ctx.rng.pick(['COMPREHENSIVE NEW PATIENT EXAM', 'INITIAL EVALUATION - H&P']),
			},
			...demographics(ctx, 'table'),
			p(
				`Encounter date ${d(ctx, ctx.serviceDate)} with ${clinicianName(ctx.author)}, ${ctx.org.name}.`,
			),
			p(`CC: "${cap(ctx.scenario.symptoms)}."`),
			p(`HPI: ${cap(ctx.scenario.history)}. ${rosLine(ctx)}`),
			p(
				`PMH: ${pmh(ctx).join(', ')}. PSH: ${ctx.rng.pick(['none', 'appendectomy', 'cholecystectomy', 'hernia repair'])}.`,
			),
			p(`MEDS: ${ctx.scenario.meds.join(', ')}.`),
			p(
				`ALL: ${ctx.rng.pick(ALLERGIES)}.  SH: ${ctx.rng.pick(SOCIAL)}  FH: ${ctx.rng.pick(FAMILY_HISTORY)}`,
			),
			h('Review of Systems', 2),
			{
				t: 'table',
				header: ['System', 'Findings'],
				rows: [
					['Constitutional', ctx.rng.pick(['fatigue', 'no fever or chills', 'weight gain'])],
					['Cardiac', ctx.rng.pick(['no chest pain', 'palpitations'])],
					['Respiratory', ctx.rng.pick(['dyspnea on exertion', 'no cough'])],
					['GI', 'no nausea or vomiting'],
					['Neuro', 'no focal weakness'],
				],
				widths: [1, 3],
			},
			h('Physical Exam', 2),
			p(`${vitals(ctx)}. ${cap(ctx.scenario.exam)}. Remainder of the exam unremarkable.`),
			h('Assessment / Plan', 2),
			...list(
				[
					`${ctx.scenario.problem} - ${ctx.scenario.plan}.`,
					'Health maintenance: vaccines reviewed, age-appropriate screening ordered.',
				],
				true,
			),
			...signature(ctx),
		],
	},
	{
		id: 'hp-admission-grid',
		label: 'history_and_physical',
		set: 'B',
		build: (ctx) => [
			...letterhead(ctx),
			{ t: 'text', text: `ADMIT NOTE / H+P   ${d(ctx, ctx.serviceDate)}`, bold: true },
			...demographics(ctx, 'inline'),
			{
				t: 'table',
				header: ['Section', 'Documentation'],
				rows: [
					['CC', cap(ctx.scenario.symptoms)],
					['HPI', cap(ctx.scenario.history)],
					['PMH', pmh(ctx).join(', ')],
					['Meds', ctx.scenario.meds.slice(0, 2).join(', ')],
					['Allergies', ctx.rng.pick(ALLERGIES)],
					['Vitals', vitals(ctx)],
				],
				widths: [1, 5],
			},
			p(`Exam: ${ctx.scenario.exam}.`),
			p(
				`A/P: ${ctx.scenario.problem} (${ctx.scenario.icd10}). Admit to ${ctx.rng.pick(['medicine', 'telemetry', 'observation'])}. ${cap(ctx.scenario.plan)}. Code status: ${ctx.rng.pick(['Full code', 'DNR/DNI'])}.`,
			),
			...signature(ctx),
		],
	},
	{
		id: 'progress-soap',
		label: 'progress_note',
		set: 'A',
		build: (ctx) => [
			...letterhead(ctx),
			h(ctx.rng.pick(['Progress Note', 'Office Visit Note', 'Follow-up Visit'])),
			...demographics(ctx),
			{
				t: 'kv',
				pairs: [
					['Visit Date', d(ctx, ctx.serviceDate)],
					['Provider', clinicianName(ctx.author)],
				],
			},
			h('Subjective', 2),
			p(
				`Here for follow-up of ${ctx.scenario.problem.toLowerCase()}. ${ctx.rng.pick(['Reports improvement since the last visit.', 'Symptoms are unchanged.', 'Still bothered by'])} ${ctx.scenario.symptoms}. Taking medications as prescribed.`,
			),
			h('Objective', 2),
			p(`${vitals(ctx)}. ${cap(ctx.scenario.exam)}.`),
			h('Assessment', 2),
			p(
				`${ctx.scenario.problem}, ${ctx.rng.pick(['improving', 'stable', 'not at goal', 'worsening'])}.`,
			),
			h('Plan', 2),
			...list([
				cap(ctx.scenario.plan) + '.',
				`Continue ${ctx.scenario.meds[0] ?? 'current medicines'}.`,
				`Return in ${ctx.rng.pick(['2 weeks', '1 month', '3 months', '6 months'])}.`,
			]),
			...signature(ctx),
		],
	},
	{
		id: 'progress-narrative',
		label: 'progress_note',
		set: 'A',
		build: (ctx) => [
			...letterhead(ctx),
			p(
				`${ctx.rng.pick(['CLINIC NOTE', 'OFFICE NOTE', 'Follow Up Note'])} - ${d(ctx, ctx.serviceDate)}`,
			),
			...demographics(ctx, ctx.rng.pick(['inline', 'kv2'] as const)),
			{ t: 'rule' },
			p(
				`${courtesy(ctx.subject)} ${ctx.subject.family} returns for ${ctx.scenario.problem.toLowerCase()}. Since the last visit ${he(ctx.subject)} ${ctx.rng.pick(['has had fewer symptoms', 'reports ongoing symptoms', 'was seen once in urgent care'])}. Current medications are ${ctx.scenario.meds.join(', ')}.`,
			),
			p(`Vital signs: ${vitals(ctx)}. Examination: ${ctx.scenario.exam}.`),
			p(
				`Assessment and plan: ${ctx.scenario.problem}. We discussed ${ctx.scenario.plan}. Questions answered; the patient agrees with the plan. Follow up in ${ctx.rng.int(2, 12)} weeks or sooner if needed.`,
			),
			...signature(ctx),
		],
	},
	{
		id: 'progress-interval',
		label: 'progress_note',
		set: 'B',
		build: (ctx) => [
			...letterhead(ctx),
			h('Interval History', 1),
			...demographics(ctx, 'table'),
			{
				t: 'table',
				header: ['Date', 'Visit type', 'Clinician'],
				rows: [
					[
						d(ctx, ctx.serviceDate),
						ctx.rng.pick(['Established, level 4', 'Follow-up', 'Telehealth video visit']),
						clinicianName(ctx.author),
					],
				],
			},
			p(
				`Interval: ${ctx.rng.pick(['No hospitalizations since last seen.', 'One ED visit for the same complaint.', 'Completed the prior course of therapy.'])} ${cap(ctx.scenario.symptoms)}.`,
			),
			h('Current Medications', 2),
			{
				t: 'table',
				header: ['Drug / dose', 'Adherence'],
				rows: ctx.scenario.meds.map((m) => [m, ctx.rng.pick(['Good', 'Good', 'Misses doses'])]),
				widths: [4, 1],
			},
			h('Exam', 2),
			p(`${vitals(ctx)}; ${ctx.scenario.exam}.`),
			h('Impression', 2),
			p(
				`${ctx.scenario.problem} (${ctx.scenario.icd10}) - ${ctx.rng.pick(['controlled', 'partially controlled', 'uncontrolled'])}.`,
			),
			h('Return Visit', 2),
			p(
				`${cap(ctx.scenario.plan)}. Next appointment ${d(ctx, addDays(ctx.date, ctx.rng.int(14, 120)))}.`,
			),
			...signature(ctx),
		],
	},
	{
		id: 'progress-telehealth',
		label: 'progress_note',
		set: 'B',
		build: (ctx) => [
			{ t: 'text', text: ctx.org.name, bold: true, align: 'center', size: ctx.style.size + 3 },
			{ t: 'text', text: 'Telehealth Visit Documentation', align: 'center' },
			{ t: 'rule' },
			...demographics(ctx, 'kv'),
			{
				t: 'kv',
				pairs: [
					['Modality', ctx.rng.pick(['Audio and video', 'Audio only (telephone)'])],
					['Consent', 'Verbal consent obtained'],
					['Location of patient', 'Home'],
					['Duration', `${ctx.rng.int(12, 40)} minutes`],
				],
			},
			p(
				`Patient contacted for follow-up of ${ctx.scenario.problem.toLowerCase()}. ${cap(ctx.scenario.history)}. Today ${he(ctx.subject)} reports ${ctx.rng.pick(['feeling better', 'no change', 'new side effects from medication'])}.`,
			),
			p(
				`Assessment: ${ctx.scenario.problem}. Plan: ${ctx.scenario.plan}. Medication list reconciled: ${ctx.scenario.meds.join('; ')}.`,
			),
			...signature(ctx),
		],
	},
	{
		id: 'discharge-classic',
		label: 'discharge_summary',
		set: 'A',
		build: (ctx) => {
			const los = ctx.rng.int(2, 9)
			return [
				...letterhead(ctx),
				h(
					ctx.rng.pick([
						'Discharge Summary',
						'Hospital Discharge Summary',
						'Discharge Summary Report',
					]),
				),
				...demographics(ctx),
				{
					t: 'kv',
					pairs: [
						['Admission Date', d(ctx, addDays(ctx.serviceDate, -los))],
						['Discharge Date', d(ctx, ctx.serviceDate)],
						['Attending Physician', clinicianName(ctx.author)],
						['Primary Care', ctx.recipient.name],
					],
					columns: ctx.rng.chance(0.5) ? 2 : 1,
				},
				h('Admitting Diagnosis', 2),
				p(ctx.scenario.problem),
				h('Discharge Diagnoses', 2),
				...list([`${ctx.scenario.problem} (${ctx.scenario.icd10})`, ...pmh(ctx).slice(0, 2)], true),
				h('Hospital Course', 2),
				p(
					`The patient presented with ${ctx.scenario.symptoms}. ${cap(ctx.scenario.history)}. ${ctx.scenario.study !== 'None' ? `${ctx.scenario.study} showed ${ctx.scenario.finding}.` : ''} Treatment included ${ctx.scenario.plan}. ${cap(he(ctx.subject))} improved steadily and was discharged on hospital day ${los}.`,
				),
				h('Discharge Medications', 2),
				...list(ctx.scenario.meds),
				h('Condition at Discharge', 2),
				p(
					ctx.rng.pick([
						'Stable, ambulating independently.',
						'Good. Tolerating diet.',
						'Fair; discharged to skilled nursing facility.',
					]),
				),
				h('Follow-up', 2),
				p(
					`${ctx.recipient.name} within ${ctx.rng.pick(['7 days', '1 week', '2 weeks'])}. ${ctx.scenario.specialty} clinic in ${ctx.rng.int(2, 6)} weeks.`,
				),
				...signature(ctx),
			]
		},
	},
	{
		id: 'discharge-instructions',
		label: 'discharge_summary',
		set: 'A',
		build: (ctx) => [
			...letterhead(ctx),
			h('Discharge Summary and Instructions'),
			...demographics(ctx, 'kv2'),
			p(
				`Admitted ${d(ctx, addDays(ctx.serviceDate, -ctx.rng.int(1, 6)))}; discharged ${d(ctx, ctx.serviceDate)} to ${ctx.rng.pick(['home', 'home with services', 'rehabilitation facility'])}.`,
			),
			p(
				`Reason for hospitalization: ${ctx.scenario.problem.toLowerCase()} (${ctx.scenario.symptoms}).`,
			),
			p(
				`Summary: ${cap(ctx.scenario.history)}. During this stay the team provided ${ctx.scenario.plan}.`,
			),
			h('Medications at Discharge', 2),
			{
				t: 'table',
				header: ['Medication', 'Change'],
				rows: ctx.scenario.meds.map((m) => [
					m,
					ctx.rng.pick(['NEW', 'CONTINUE', 'CHANGED DOSE', 'CONTINUE']),
				]),
				widths: [4, 1.3],
			},
			h('Instructions', 2),
			...list([
				'Call your doctor for fever over 101 F, worsening shortness of breath or chest pain.',
				'Activity as tolerated.',
				`Diet: ${ctx.rng.pick(['low sodium', 'carbohydrate controlled', 'regular'])}.`,
			]),
			...signature(ctx),
		],
	},
	{
		id: 'discharge-transition',
		label: 'discharge_summary',
		set: 'B',
		build: (ctx) => [
			{ t: 'banner', text: 'TRANSITION OF CARE SUMMARY' },
			p(`${ctx.org.name} - Inpatient Services`),
			...demographics(ctx, 'table'),
			{
				t: 'table',
				header: ['Admitted', 'Discharged', 'Length of stay', 'Disposition'],
				rows: [
					[
						d(ctx, addDays(ctx.serviceDate, -4)),
						d(ctx, ctx.serviceDate),
						'4 days',
						ctx.rng.pick(['Home', 'SNF', 'Home health']),
					],
				],
			},
			h('Principal Problem', 2),
			p(`${ctx.scenario.problem} [${ctx.scenario.icd10}]`),
			h('Brief Hospital Course by Problem', 2),
			p(`# ${ctx.scenario.problem}: ${ctx.scenario.symptoms} on arrival; ${ctx.scenario.plan}.`),
			p(`# ${ctx.rng.pick(PAST_HISTORY)}: stable, home regimen continued.`),
			h('Medication Reconciliation', 2),
			{
				t: 'table',
				header: ['New', 'Changed', 'Stopped'],
				rows: [
					[
						ctx.scenario.meds[0] ?? '',
						ctx.scenario.meds[1] ?? '',
						ctx.rng.pick(['Ibuprofen', 'Aspirin 81 mg', 'None']),
					],
				],
			},
			h('Pending at Discharge', 2),
			p(ctx.rng.pick(['Blood cultures (no growth to date).', 'Final pathology.', 'None.'])),
			h('Follow-up Appointments', 2),
			p(`PCP ${ctx.recipient.name}; ${ctx.scenario.specialty} in ${ctx.rng.int(1, 4)} weeks.`),
			...signature(ctx),
		],
	},
	{
		id: 'discharge-dictated',
		label: 'discharge_summary',
		set: 'B',
		build: (ctx) => [
			...letterhead(ctx),
			p('INPATIENT SUMMARY - PATIENT DISCHARGED'),
			...demographics(ctx, 'inline'),
			p(
				`DATE OF DISCHARGE: ${d(ctx, ctx.serviceDate)}. DISCHARGING PHYSICIAN: ${clinicianName(ctx.author)}.`,
			),
			p(`PRESENTATION: ${cap(ctx.scenario.symptoms)}. HISTORY: ${ctx.scenario.history}.`),
			p(
				`COURSE: ${ctx.scenario.study !== 'None' ? `${ctx.scenario.study} demonstrated ${ctx.scenario.finding}. ` : ''}Managed with ${ctx.scenario.meds.slice(0, 2).join(' and ')}. ${cap(ctx.scenario.plan)}.`,
			),
			p(`DISCHARGE MEDICATIONS: ${ctx.scenario.meds.join('; ')}.`),
			p(`FOLLOW UP: with primary care physician ${ctx.recipient.name} in one week.`),
			...signature(ctx),
		],
	},
]
