import {
	clinicianName,
	d,
	demographics,
	drName,
	letterhead,
	nameOf,
	dobOf,
	orgAddress,
	phone,
	signature,
	type DocContext,
	type Template,
} from './context.ts'
import { addDays } from './formats.ts'
import type { Block } from './layout.ts'
import { inventOrg } from './people.ts'

/** Prior authorizations, pharmacy requests, records requests, insurance letters and junk. */
const h = (text: string, level?: 1 | 2): Block => ({
	t: 'heading',
	text,
	...(level ? { level } : {}),
})
const p = (text: string): Block => ({ t: 'text', text })
const box = (checked: boolean, label: string) => `[${checked ? 'X' : ' '}] ${label}`
const boxes = (ctx: DocContext, labels: readonly string[]) => {
	const pick = ctx.rng.int(0, labels.length - 1)
	return labels.map((l, i) => box(i === pick, l)).join('   ')
}
const money = (ctx: DocContext, min: number, max: number) =>
	`$${ctx.rng.float(min, max).toFixed(2)}`
const memberId = (ctx: DocContext) =>
	`${ctx.rng.pick(['XJ', 'EVG', 'KSH', 'W'])}${ctx.rng.digits(9)}`

export const ADMIN_TEMPLATES: Template[] = [
	{
		id: 'pa-form',
		label: 'prior_authorization',
		set: 'A',
		build: (ctx) => [
			...letterhead(ctx),
			h(
				ctx.rng.pick([
					'Prior Authorization Request Form',
					'Request for Prior Authorization',
					'Precertification Request',
				]),
			),
			p(boxes(ctx, ['Standard', 'Expedited / Urgent'])),
			h('Member Information', 2),
			...demographics(ctx, 'kv'),
			{
				t: 'kv',
				pairs: [
					['Member ID', memberId(ctx)],
					['Group #', ctx.rng.digits(6)],
				],
			},
			h('Prescriber / Requesting Provider', 2),
			{
				t: 'kv',
				pairs: [
					['Name', clinicianName(ctx.author)],
					['NPI', ctx.rng.digits(10)],
					['Phone', phone(ctx, ctx.org.phone)],
					['Fax', phone(ctx, ctx.org.fax)],
				],
				columns: 2,
			},
			h('Service Requested', 2),
			{
				t: 'table',
				header: ['CPT/HCPCS', 'Description', 'Units', 'ICD-10'],
				rows: [
					[
						ctx.scenario.cpt,
						ctx.scenario.procedure,
						String(ctx.rng.int(1, 12)),
						ctx.scenario.icd10,
					],
				],
				widths: [1, 4, 0.7, 1],
			},
			h('Clinical Justification', 2),
			p(
				`${ctx.scenario.problem}. ${ctx.scenario.history.charAt(0).toUpperCase()}${ctx.scenario.history.slice(1)}. Conservative measures tried: ${ctx.scenario.meds.slice(0, 2).join(', ')}. Supporting notes attached.`,
			),
			p('I attest that the information provided is accurate and supported by the medical record.'),
			{
				t: 'signature',
				lines: [`Prescriber signature                Date ${d(ctx, ctx.date)}`],
				scribble: ctx.rng.chance(0.6),
			},
		],
	},
	{
		id: 'pa-drug-coverage',
		label: 'prior_authorization',
		set: 'A',
		build: (ctx) => [
			{ t: 'text', text: inventOrg(ctx.rng, 'payer').name, bold: true, size: ctx.style.size + 4 },
			h('Pharmacy Prior Authorization - Coverage Determination Request'),
			...demographics(ctx, 'kv2'),
			{
				t: 'kv',
				pairs: [
					['Medication requested', ctx.scenario.drug],
					['Quantity / days supply', `${ctx.rng.pick([30, 90])} / ${ctx.rng.pick([30, 90])}`],
					['Diagnosis', `${ctx.scenario.problem} (${ctx.scenario.icd10})`],
					['Prescriber', clinicianName(ctx.author)],
				],
			},
			h('Questions', 2),
			...[
				`1. Has the patient tried and failed formulary alternatives? ${box(true, 'Yes')} ${box(false, 'No')}`,
				`   If yes, list: ${ctx.scenario.meds.slice(0, 2).join('; ')}`,
				`2. Is the request for continuation of therapy? ${box(ctx.rng.chance(0.5), 'Yes')} ${box(false, 'No')}`,
				`3. Relevant labs attached? ${box(true, 'Yes')} ${box(false, 'No')}`,
			].map(p),
			p('Fax completed form to the number above. Incomplete requests may delay the determination.'),
			...signature(ctx),
		],
	},
	{
		id: 'pa-determination',
		label: 'prior_authorization',
		set: 'B',
		build: (ctx) => {
			const approved = ctx.rng.chance(0.6)
			return [
				...letterhead(ctx, { ...inventOrg(ctx.rng, 'payer') }),
				p(d(ctx, ctx.date)),
				p(`To: ${ctx.recipient.name}, ${ctx.recipient.org}`),
				...demographics(ctx, 're'),
				h(
					approved
						? 'Notice of Authorization Approval'
						: 'Request for Additional Clinical Information',
				),
				{
					t: 'kv',
					pairs: [
						['Authorization #', `PA${ctx.rng.digits(10)}`],
						['Service', `${ctx.scenario.procedure} (${ctx.scenario.cpt})`],
						['Requested by', clinicianName(ctx.author)],
						...(approved
							? ([
									['Valid', `${d(ctx, ctx.date)} through ${d(ctx, addDays(ctx.date, 180))}`],
								] as Array<[string, string]>)
							: []),
					],
				},
				p(
					approved
						? 'The service above has been authorized as medically necessary. This authorization is not a guarantee of payment; benefits are subject to eligibility on the date of service.'
						: 'We are unable to complete review of this prior authorization request. Please fax the last two office notes, relevant imaging and a list of failed therapies within 14 days or the request will be closed.',
				),
				p(`Utilization Management Department, fax ${phone(ctx, ctx.org.fax)}`),
			]
		},
	},
	{
		id: 'pa-imaging-precert',
		label: 'prior_authorization',
		set: 'B',
		build: (ctx) => [
			{ t: 'banner', text: 'ADVANCED IMAGING PRECERTIFICATION' },
			{
				t: 'table',
				header: ['Field', 'Entry'],
				rows: [
					['Patient', nameOf(ctx.subject)],
					['Date of birth', dobOf(ctx.subject) ?? ''],
					['Health plan ID', memberId(ctx)],
					['Ordering provider', clinicianName(ctx.author)],
					['Rendering facility', inventOrg(ctx.rng, 'imaging').name],
					['Exam requested', ctx.scenario.study === 'None' ? 'MRI brain' : ctx.scenario.study],
					['Diagnosis code', ctx.scenario.icd10],
				],
				widths: [1, 2.5],
			},
			p(
				`Clinical summary: ${ctx.scenario.symptoms}; ${ctx.scenario.history}. Exam: ${ctx.scenario.exam}.`,
			),
			p(boxes(ctx, ['Initial request', 'Extension', 'Retro review'])),
			p('Office contact for peer-to-peer review: ' + phone(ctx, ctx.org.phone)),
		],
	},
	{
		id: 'rx-refill',
		label: 'pharmacy_request',
		set: 'A',
		build: (ctx) => {
			const ph = inventOrg(ctx.rng, 'pharmacy')
			return [
				...letterhead(ctx, ph),
				h(
					ctx.rng.pick([
						'Refill Authorization Request',
						'Prescription Refill Request',
						'Rx Renewal Request',
					]),
				),
				p(`To: ${ctx.recipient.name}   Prescriber fax: ${phone(ctx, ctx.org.fax)}`),
				...demographics(ctx, ctx.rng.pick(['kv', 'kv2'] as const)),
				{
					t: 'kv',
					pairs: [
						['Drug', ctx.scenario.meds[0] ?? ctx.scenario.drug],
						[
							'Sig',
							ctx.rng.pick([
								'Take 1 tablet by mouth daily',
								'Take 1 tablet by mouth twice daily',
								'Use as directed',
							]),
						],
						['Qty', String(ctx.rng.pick([30, 60, 90, 180]))],
						['Last filled', d(ctx, addDays(ctx.date, -ctx.rng.int(20, 95)))],
						['Refills remaining', '0'],
						['Rx #', ctx.rng.digits(7)],
					],
				},
				p(
					`${box(false, 'Approved')}  Refills: ____   ${box(false, 'Denied')}   ${box(false, 'Patient must be seen')}   ${box(false, 'New Rx to follow')}`,
				),
				{ t: 'signature', lines: ['Prescriber signature / date'], scribble: false },
				p(
					`Please fax back to ${ph.name} at ${phone(ctx, ph.fax)}. Pharmacist: ${ctx.rng.pick(['R.', 'J.', 'A.'])} ${ctx.rng.pick(['Tallowmere', 'Inkwater', 'Saltmarsh'])}, PharmD`,
				),
			]
		},
	},
	{
		id: 'rx-clarification',
		label: 'pharmacy_request',
		set: 'A',
		build: (ctx) => {
			const ph = inventOrg(ctx.rng, 'pharmacy')
			return [
				...letterhead(ctx, ph),
				h('Prescription Clarification Needed'),
				p(`Date: ${d(ctx, ctx.date)}   Attn: ${drName(ctx.author)}`),
				...demographics(ctx, 'inline'),
				p(
					`We received a prescription for ${ctx.scenario.drug} that requires clarification before it can be dispensed:`,
				),
				p(
					ctx.rng.pick([
						'[X] Dose exceeds the usual maximum',
						'[X] Directions missing or unclear',
						'[X] Drug interaction with current therapy',
						'[X] Quantity not specified',
						'[X] Not covered - formulary alternative suggested',
					]),
				),
				p(
					`Pharmacist comments: ${ctx.rng.pick(['Please confirm intended dose and frequency.', `Possible interaction with ${ctx.scenario.meds[0] ?? 'current medication'}.`, 'Plan requires a 90-day supply through mail order.'])}`,
				),
				p('Prescriber response: ______________________________________________'),
				p(`Please call ${phone(ctx, ph.phone)} or fax ${phone(ctx, ph.fax)}.`),
			]
		},
	},
	{
		id: 'rx-interchange',
		label: 'pharmacy_request',
		set: 'B',
		build: (ctx) => {
			const ph = inventOrg(ctx.rng, 'pharmacy')
			return [
				{ t: 'banner', text: ph.name.toUpperCase() },
				p(orgAddress(ph)),
				h('Therapeutic Interchange Request'),
				...demographics(ctx, 'table'),
				{
					t: 'table',
					header: ['Prescribed', 'Suggested alternative', 'Reason'],
					rows: [
						[
							ctx.scenario.drug,
							ctx.scenario.meds[0] ?? 'Generic equivalent',
							ctx.rng.pick(['Non-formulary', 'Backorder', 'Lower copay']),
						],
					],
					widths: [2, 2, 1.2],
				},
				p(`${box(false, 'Approve interchange')}   ${box(false, 'Dispense as written')}`),
				p(
					`Prescriber: ${clinicianName(ctx.author)}  Signature: __________________  Date: ________`,
				),
			]
		},
	},
	{
		id: 'rx-renewal-multi',
		label: 'pharmacy_request',
		set: 'B',
		build: (ctx) => {
			const ph = inventOrg(ctx.rng, 'pharmacy')
			return [
				...letterhead(ctx, ph),
				p(`MEDICATION RENEWAL - 90 DAY SUPPLY   ${d(ctx, ctx.date)}`),
				...demographics(ctx, 're'),
				{
					t: 'table',
					header: ['Medication', 'Directions', 'Qty', 'Approve?'],
					rows: ctx.scenario.meds.map((m) => [
						m,
						ctx.rng.pick(['daily', 'twice daily', 'at bedtime', 'as needed']),
						String(ctx.rng.pick([90, 180])),
						'Y / N',
					]),
					widths: [3, 1.5, 0.6, 0.8],
				},
				p('Patient requests a 90-day supply for mail order. Please sign and return.'),
				p(
					`Prescriber ${clinicianName(ctx.author)}  DEA ${ctx.rng.pick(['B', 'F', 'M'])}${ctx.rng.pick(['R', 'Q', 'T'])}${ctx.rng.digits(7)}`,
				),
			]
		},
	},
	{
		id: 'records-form',
		label: 'records_request',
		set: 'A',
		build: (ctx) => [
			...letterhead(ctx),
			h(
				ctx.rng.pick([
					'Request for Medical Records',
					'Medical Records Request',
					'Request for Release of Records',
				]),
			),
			p(`Date: ${d(ctx, ctx.date)}`),
			p(`To: ${ctx.recipient.org}, Medical Records Department`),
			...demographics(ctx),
			p(
				`Dates of service requested: ${d(ctx, addDays(ctx.date, -ctx.rng.int(365, 1500)))} to present`,
			),
			h('Records Requested', 2),
			...[
				box(true, 'Office / progress notes'),
				box(ctx.rng.chance(0.5), 'Laboratory results'),
				box(ctx.rng.chance(0.5), 'Imaging reports'),
				box(ctx.rng.chance(0.4), 'Medication list'),
				box(ctx.rng.chance(0.3), 'Immunization record'),
				box(false, 'Billing records'),
			].map(p),
			p(
				`Purpose: ${ctx.rng.pick(['Continuity of care', 'Transfer of care to a new provider', 'Insurance underwriting', 'Legal'])}`,
			),
			p(
				'A signed HIPAA-compliant authorization is attached. Please fax records to the number above.',
			),
			{
				t: 'signature',
				lines: [
					`${ctx.author.given} ${ctx.author.family}, ${ctx.rng.pick(['Medical Records', 'Release of Information', 'Office Manager'])}`,
				],
				scribble: ctx.rng.chance(0.5),
			},
		],
	},
	{
		id: 'records-attorney',
		label: 'records_request',
		set: 'A',
		build: (ctx) => {
			const law = inventOrg(ctx.rng, 'law')
			return [
				...letterhead(ctx, law),
				p(d(ctx, ctx.date)),
				p(`VIA FACSIMILE ${phone(ctx, ctx.org.fax)}`),
				p(`Custodian of Records, ${ctx.recipient.org}`),
				...demographics(ctx, 're'),
				p(`Dear Custodian of Records:`),
				p(
					`This office represents the above-named individual in connection with an injury sustained on or about ${d(ctx, addDays(ctx.date, -ctx.rng.int(60, 700)))}. Pursuant to the enclosed authorization, please provide complete copies of all medical records, including office notes, diagnostic studies, and itemized billing statements, from ${d(ctx, addDays(ctx.date, -900))} to the present.`,
				),
				p(
					'If there is a fee for copies, please send an invoice with the records. Thank you for your prompt attention to this matter.',
				),
				p('Very truly yours,'),
				{
					t: 'signature',
					lines: [`${ctx.author.given} ${ctx.author.family}, Esq.`, law.name],
					scribble: true,
				},
			]
		},
	},
	{
		id: 'records-authorization',
		label: 'records_request',
		set: 'B',
		build: (ctx) => [
			{ t: 'banner', text: 'AUTHORIZATION TO DISCLOSE PROTECTED HEALTH INFORMATION' },
			...demographics(ctx, 'kv2'),
			p(
				`I authorize ${ctx.recipient.org} to release the following information to ${ctx.org.name}, ${orgAddress(ctx.org)}:`,
			),
			p(
				`${box(true, 'Complete record')}  ${box(false, 'Last 2 years only')}  ${box(false, 'Mental health notes')}  ${box(false, 'HIV / substance use records')}`,
			),
			p(
				'This authorization expires one year from the date signed. I understand I may revoke it in writing at any time, and that information disclosed may be subject to redisclosure by the recipient.',
			),
			{
				t: 'signature',
				lines: ['Signature of patient or legal representative', `Date signed: ${d(ctx, ctx.date)}`],
				scribble: true,
			},
		],
	},
	{
		id: 'records-disability',
		label: 'records_request',
		set: 'B',
		build: (ctx) => {
			const agency = inventOrg(ctx.rng, 'agency')
			return [
				{ t: 'text', text: agency.name, bold: true, align: 'center', size: ctx.style.size + 3 },
				{ t: 'text', text: orgAddress(agency), align: 'center' },
				{ t: 'rule' },
				p(
					`REQUEST FOR MEDICAL EVIDENCE     Case #: ${ctx.rng.digits(3)}-${ctx.rng.digits(2)}-${ctx.rng.digits(4)}`,
				),
				p(`Treating source: ${ctx.recipient.name}`),
				...demographics(ctx, 'kv'),
				p(
					'The individual named above has applied for disability benefits and has identified you as a treating source. Please send copies of your records from the alleged onset date, including diagnoses, treatment, response to treatment, and any functional assessments.',
				),
				p(
					`Reply by ${d(ctx, addDays(ctx.date, 14))}. A signed consent form (SSA-827 equivalent) is enclosed. Fax: ${phone(ctx, agency.fax)}`,
				),
				p(`Disability examiner: ${ctx.author.given} ${ctx.author.family}`),
			]
		},
	},
	{
		id: 'ins-eob',
		label: 'insurance_correspondence',
		set: 'A',
		build: (ctx) => {
			const payer = inventOrg(ctx.rng, 'payer')
			return [
				...letterhead(ctx, payer),
				h('Explanation of Benefits'),
				p(`Provider: ${ctx.recipient.org}   Statement date: ${d(ctx, ctx.date)}`),
				...demographics(ctx, 'kv2'),
				{
					t: 'kv',
					pairs: [
						['Member ID', memberId(ctx)],
						['Claim #', ctx.rng.digits(12)],
					],
				},
				{
					t: 'table',
					header: ['Service date', 'Code', 'Billed', 'Allowed', 'Paid', 'Pt resp.'],
					rows: Array.from({ length: ctx.rng.int(2, 5) }, () => [
						d(ctx, addDays(ctx.serviceDate, -ctx.rng.int(0, 40))),
						ctx.rng.pick(['99213', '99214', '80053', '85025', '93000', ctx.scenario.cpt]),
						money(ctx, 90, 900),
						money(ctx, 40, 300),
						money(ctx, 20, 250),
						money(ctx, 0, 60),
					]),
				},
				p(
					`Remark codes: ${ctx.rng.pick(['CO-45 Charge exceeds fee schedule', 'PR-1 Deductible amount', 'PR-2 Coinsurance amount', 'CO-97 Bundled service'])}.`,
				),
				p('THIS IS NOT A BILL. Questions: call Provider Services at ' + phone(ctx, payer.phone)),
			]
		},
	},
	{
		id: 'ins-denial',
		label: 'insurance_correspondence',
		set: 'A',
		build: (ctx) => {
			const payer = inventOrg(ctx.rng, 'payer')
			return [
				...letterhead(ctx, payer),
				p(d(ctx, ctx.date)),
				p(`${ctx.recipient.org}`),
				p(`Attn: Billing Department`),
				...demographics(ctx, 're'),
				p(`Claim number: ${ctx.rng.digits(11)}   Date of service: ${d(ctx, ctx.serviceDate)}`),
				p(`Dear Provider,`),
				p(
					`We have reviewed the claim referenced above. ${ctx.rng.pick(['The claim has been denied because the member was not eligible on the date of service.', 'Payment cannot be made until we receive the itemized bill and operative report.', 'The claim was denied as a duplicate of a claim previously processed.', 'Coordination of benefits information is needed from the member before this claim can be processed.'])}`,
				),
				p(
					'You may submit a corrected claim or a written appeal within 180 days of this notice. Please include this letter with any correspondence.',
				),
				p('Sincerely,'),
				p(`Claims Department, ${payer.name}`),
			]
		},
	},
	{
		id: 'ins-eligibility',
		label: 'insurance_correspondence',
		set: 'B',
		build: (ctx) => {
			const payer = inventOrg(ctx.rng, 'payer')
			return [
				{ t: 'banner', text: payer.name.toUpperCase() },
				h(
					ctx.rng.pick([
						'Notice of Coverage Change',
						'Eligibility and Benefits Verification',
						'Change in Primary Care Assignment',
					]),
				),
				p(`Date: ${d(ctx, ctx.date)}   To: ${ctx.recipient.org}`),
				...demographics(ctx, 'table'),
				{
					t: 'table',
					header: ['Benefit', 'In network', 'Out of network'],
					rows: [
						['Deductible', money(ctx, 250, 3000), money(ctx, 3000, 8000)],
						['Office visit copay', `$${ctx.rng.pick([20, 25, 30, 40])}`, '40% after deductible'],
						['Specialist copay', `$${ctx.rng.pick([40, 50, 60])}`, '50% after deductible'],
					],
				},
				p(
					`Effective ${d(ctx, addDays(ctx.date, ctx.rng.int(1, 30)))}, the member's plan ${ctx.rng.pick(['changes to a new product', 'terminates', 'assigns your practice as primary care'])}. Verify eligibility before each visit.`,
				),
				p(`Provider services: ${phone(ctx, payer.phone)}`),
			]
		},
	},
	{
		id: 'ins-appeal',
		label: 'insurance_correspondence',
		set: 'B',
		build: (ctx) => {
			const payer = inventOrg(ctx.rng, 'payer')
			const upheld = ctx.rng.chance(0.5)
			return [
				...letterhead(ctx, payer),
				p(`APPEAL DECISION   Reference ${ctx.rng.pick(['AP', 'GR'])}-${ctx.rng.digits(8)}`),
				p(d(ctx, ctx.date)),
				...demographics(ctx, 'kv'),
				p(
					`We have completed our review of the appeal filed for the denied claim for ${ctx.scenario.procedure.toLowerCase()} on ${d(ctx, ctx.serviceDate)}.`,
				),
				p(
					upheld
						? 'After review by a physician reviewer, the original decision is upheld. You have the right to request an external review within 4 months.'
						: 'After review, the original denial has been overturned and the claim will be reprocessed for payment within 30 days.',
				),
				p(`Remittance will be issued to ${ctx.recipient.org}.`),
				p(`Appeals and Grievances Unit, ${payer.name}`),
			]
		},
	},
]

/** Junk: marketing, vendor spam, near-blank pages, test pages, sent-in-error notices. */
export const JUNK_TEMPLATES: Template[] = [
	{
		id: 'junk-supplies',
		label: 'junk',
		set: 'A',
		build: (ctx) => {
			const v = inventOrg(ctx.rng, 'vendor')
			return [
				{
					t: 'banner',
					text: ctx.rng.pick(['LIMITED TIME OFFER!', 'ATTENTION OFFICE MANAGER', 'SAVE 40% TODAY']),
					size: ctx.style.size + 10,
				},
				{ t: 'text', text: v.name, bold: true, align: 'center', size: ctx.style.size + 6 },
				p(
					ctx.rng.pick([
						'Exam gloves, paper, toner and more at wholesale prices. Free shipping on orders over $99.',
						'Upgrade your practice phones and fax lines. No contracts, first month free!',
						'Medical billing that pays: increase your collections by 20% or your money back.',
						'Stock up on flu season supplies before prices go up.',
					]),
				),
				{
					t: 'table',
					header: ['Item', 'Regular', 'SALE'],
					rows: [
						['Nitrile gloves (case)', '$89.99', '$49.99'],
						['Exam table paper (12 rolls)', '$64.00', '$39.00'],
						['Toner cartridge', '$129.00', '$59.00'],
					],
				},
				{
					t: 'text',
					text: `CALL NOW ${phone(ctx, v.phone)}`,
					bold: true,
					align: 'center',
					size: ctx.style.size + 8,
				},
				p(
					`To be removed from our fax list call ${phone(ctx, v.fax)} (toll free) and enter your fax number. Offer expires ${d(ctx, addDays(ctx.date, 10))}.`,
				),
			]
		},
	},
	{
		id: 'junk-seminar',
		label: 'junk',
		set: 'A',
		build: (ctx) => [
			{
				t: 'text',
				text: ctx.rng.pick([
					'You Are Invited!',
					'Complimentary Lunch & Learn',
					'Free CME Dinner Program',
				]),
				bold: true,
				align: 'center',
				size: ctx.style.size + 12,
			},
			p(
				`Join us on ${d(ctx, addDays(ctx.date, ctx.rng.int(5, 40)))} at 12:30 PM for ${ctx.rng.pick(['an update on revenue cycle management', 'a discussion of new compliance requirements', 'a presentation on practice growth strategies'])}.`,
			),
			p('Space is limited. RSVP by fax to reserve your seat. Lunch will be provided.'),
			p('Name: ______________________   Practice: ______________________   # attending: ____'),
			p('This fax is an advertisement. If you wish to opt out of future faxes, reply with REMOVE.'),
		],
	},
	{
		id: 'junk-blank',
		label: 'junk',
		set: 'A',
		build: (ctx) =>
			ctx.rng.pick<Block[]>([
				[{ t: 'space', h: 10 }],
				[
					{ t: 'space', h: ctx.rng.int(200, 500) },
					{ t: 'text', text: 'This page intentionally left blank.', align: 'center' },
				],
				[
					{
						t: 'text',
						text: ctx.rng.pick(['TEST', 'test fax - please ignore', 'Fax test page']),
						align: 'center',
					},
				],
			]),
	},
	{
		id: 'junk-sweepstakes',
		label: 'junk',
		set: 'B',
		build: (ctx) => {
			const v = inventOrg(ctx.rng, 'vendor')
			return [
				{
					t: 'text',
					text: ctx.rng.pick([
						'CONGRATULATIONS!!!',
						'YOUR BUSINESS HAS BEEN SELECTED',
						'FINAL NOTICE: GOOGLE LISTING',
					]),
					bold: true,
					align: 'center',
					size: ctx.style.size + 10,
				},
				p(
					ctx.rng.pick([
						'Your office qualifies for a complimentary 3-night stay in Orlando. Call within 48 hours to claim.',
						'Your business listing will be removed unless you verify it today. Press 1 to speak with a specialist.',
						'Pre-approved for a business line of credit up to $250,000. No credit check.',
					]),
				),
				{
					t: 'text',
					text: phone(ctx, v.phone),
					bold: true,
					align: 'center',
					size: ctx.style.size + 12,
				},
				p(`${v.name} - ${orgAddress(v)}`),
				p('To stop receiving these messages fax REMOVE to the number above.'),
			]
		},
	},
	{
		id: 'junk-sent-in-error',
		label: 'junk',
		set: 'B',
		build: (ctx) => [
			...letterhead(ctx),
			h(
				ctx.rng.pick([
					'Notice of Misdirected Fax',
					'Fax Sent in Error',
					'Please Disregard Previous Transmission',
				]),
			),
			p(`Date: ${d(ctx, ctx.date)}`),
			p(
				`A fax transmitted from our office on ${d(ctx, addDays(ctx.date, -1))} was sent to your number in error. It was intended for another provider. Please destroy all pages of that transmission and do not file them in any record. Do not forward or copy the documents.`,
			),
			p(
				`If you have questions please contact our privacy officer at ${phone(ctx, ctx.org.phone)}. Thank you for your cooperation.`,
			),
			p(`${ctx.author.given} ${ctx.author.family}, Privacy Officer`),
		],
	},
	{
		id: 'junk-closure',
		label: 'junk',
		set: 'B',
		build: (ctx) => [
			...letterhead(ctx),
			{
				t: 'text',
				text: ctx.rng.pick(['HOLIDAY HOURS', 'OFFICE RELOCATION NOTICE', 'NEW FAX NUMBER']),
				bold: true,
				align: 'center',
				size: ctx.style.size + 8,
			},
			p(
				ctx.rng.pick([
					`Our office will be closed on ${d(ctx, addDays(ctx.date, 12))} and will reopen the following Monday.`,
					`Effective ${d(ctx, addDays(ctx.date, 20))} we are moving to ${orgAddress(ctx.org)}.`,
					`Please update your records: our new fax number is ${phone(ctx, ctx.org.fax)}.`,
				]),
			),
			p('Thank you, and we look forward to continuing to work with you.'),
		],
	},
]
