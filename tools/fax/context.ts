import {
	type DateFormat,
	formatDate,
	formatName,
	formatPhone,
	type NameFormat,
	type PhoneFormat,
} from './formats.ts'
import type { Block, Style } from './layout.ts'
import type { Org, Person } from './people.ts'
import type { Rand } from './random.ts'
import type { Scenario } from './content.ts'

/** The fax document types of DESIGN.md (the intake classifier's labels). */
export const FAX_LABELS = [
	'referral',
	'consult_note',
	'history_and_physical',
	'progress_note',
	'discharge_summary',
	'lab_result',
	'imaging_report',
	'prior_authorization',
	'pharmacy_request',
	'records_request',
	'insurance_correspondence',
	'junk',
] as const
export type FaxLabel = (typeof FAX_LABELS)[number]

/** Whom the document is about, as the fax writes it (each field may be left out). */
export type Subject = {
	given: string
	family: string
	middle?: string
	birthDate: string | null
	sex: 'female' | 'male' | null
	mrn: { label: string; value: string } | null
	phone: string | null
	nameFormat: NameFormat
	dobFormat: DateFormat
	phoneFormat: PhoneFormat
}

export type Clinician = Person & { credential: string; title: string }

export type DocContext = {
	rng: Rand
	style: Style
	subject: Subject
	scenario: Scenario
	/** The document's author and organisation. */
	author: Clinician
	org: Org
	/** The addressee (our practice, or another one when the fax is misdirected). */
	recipient: { name: string; org: string }
	/** ISO dates: the document's own date and an earlier service date. */
	date: string
	serviceDate: string
	dateFormat: DateFormat
	phoneFormat: PhoneFormat
}

export type Template = {
	id: string
	label: FaxLabel
	/** Development templates are set A, holdout templates set B (never seen while tuning). */
	set: 'A' | 'B'
	build(ctx: DocContext): Block[]
}

export const nameOf = (s: Subject) => formatName(s, s.nameFormat)
export const dobOf = (s: Subject) => (s.birthDate ? formatDate(s.birthDate, s.dobFormat) : null)
export const d = (ctx: DocContext, iso: string) => formatDate(iso, ctx.dateFormat)
export const phone = (ctx: DocContext, digits: string) => formatPhone(digits, ctx.phoneFormat)
export const clinicianName = (c: Clinician) =>
	`${c.given}${c.middle ? ` ${c.middle}.` : ''} ${c.family}, ${c.credential}`
export const drName = (c: Clinician) =>
	c.credential.startsWith('M') || c.credential.startsWith('D')
		? `Dr. ${c.given} ${c.family}`
		: `${c.given} ${c.family}, ${c.credential}`
export const he = (s: Subject) =>
	s.sex === 'female' ? 'she' : s.sex === 'male' ? 'he' : 'the patient'
export const his = (s: Subject) => (s.sex === 'female' ? 'her' : s.sex === 'male' ? 'his' : 'their')
export const courtesy = (s: Subject) => (s.sex === 'female' ? 'Ms.' : s.sex === 'male' ? 'Mr.' : '')
export const orgAddress = (o: Org) =>
	`${o.place.street}, ${o.place.city}, ${o.place.state} ${o.place.zip}`

/** The demographics of the subject in one of several layouts; missing fields are left out. */
export function demographics(
	ctx: DocContext,
	form?: 'kv' | 'kv2' | 'inline' | 're' | 'table',
): Block[] {
	const { rng, subject: s } = ctx
	const chosen = form ?? rng.pick(['kv', 'kv', 'kv2', 'inline', 're', 'table'] as const)
	const nameLabel = rng.pick([
		'Patient',
		'Patient Name',
		'Name',
		'Pt Name',
		'PATIENT NAME',
		'Patient name',
	])
	const dobLabel = rng.pick(['DOB', 'D.O.B.', 'Date of Birth', 'Birth Date', 'Birthdate', 'DOB'])
	const phoneLabel = rng.pick(['Phone', 'Tel', 'Home Phone', 'Ph', 'Contact #', 'Phone #'])
	const sexLabel = rng.pick(['Sex', 'Gender'])
	const sexValue = s.sex
		? rng.chance(0.5)
			? s.sex === 'female'
				? 'F'
				: 'M'
			: s.sex === 'female'
				? 'Female'
				: 'Male'
		: null
	const dob = dobOf(s)
	const ph = s.phone ? formatPhone(s.phone, s.phoneFormat) : null
	const pairs: Array<[string, string]> = [[nameLabel, nameOf(s)]]
	if (dob) pairs.push([dobLabel, dob])
	if (s.mrn) pairs.push([s.mrn.label, s.mrn.value])
	if (sexValue && rng.chance(0.6)) pairs.push([sexLabel, sexValue])
	if (ph) pairs.push([phoneLabel, ph])
	switch (chosen) {
		case 'kv':
			return [{ t: 'kv', pairs }]
		case 'kv2':
			return [{ t: 'kv', pairs, columns: 2 }]
		case 'inline':
			return [
				{ t: 'text', text: pairs.map(([k, v]) => `${k}: ${v}`).join('   '), bold: rng.chance(0.3) },
			]
		case 're': {
			const bits = [
				dob ? `${rng.pick(['DOB', 'born', 'D.O.B.'])} ${dob}` : null,
				s.mrn ? `${s.mrn.label} ${s.mrn.value}` : null,
			].filter(Boolean)
			return [
				{
					t: 'text',
					text: `${rng.pick(['RE:', 'Re:', 'Regarding:', 'Subject:'])} ${nameOf(s)}${bits.length ? ` (${bits.join(', ')})` : ''}`,
					bold: true,
				},
				...(ph ? [{ t: 'text' as const, text: `${phoneLabel}: ${ph}` }] : []),
			]
		}
		case 'table':
			return [
				{
					t: 'table',
					header: pairs.map(([k]) => k),
					rows: [pairs.map(([, v]) => v)],
					widths: pairs.map(([k]) => (k === nameLabel ? 2 : 1.2)),
				},
			]
	}
}

/** The sending organisation's letterhead in one of several arrangements. */
export function letterhead(ctx: DocContext, org: Org = ctx.org): Block[] {
	const { rng } = ctx
	const tel = `${rng.pick(['Tel', 'Phone', 'P', 'Ph'])}: ${phone(ctx, org.phone)}`
	const fax = `${rng.pick(['Fax', 'F', 'Fax #'])}: ${phone(ctx, org.fax)}`
	const addr = orgAddress(org)
	const logo = rng.chance(0.5)
		? rng.pick(['circle', 'square', 'triangle', 'bars'] as const)
		: undefined
	const style = rng.pick(['stacked', 'one-line', 'banner', 'plain'] as const)
	const name = rng.chance(0.3) ? org.name.toUpperCase() : org.name
	switch (style) {
		case 'stacked':
			return [
				{
					t: 'letterhead',
					lines: [
						name,
						org.place.street,
						`${org.place.city}, ${org.place.state} ${org.place.zip}`,
						`${tel}   ${fax}`,
					],
					align: rng.pick(['left', 'center', 'right'] as const),
					...(logo ? { logo } : {}),
				},
			]
		case 'one-line':
			return [
				{
					t: 'letterhead',
					lines: [name, `${addr} | ${tel} | ${fax}`],
					align: rng.pick(['left', 'center'] as const),
					...(logo ? { logo } : {}),
				},
			]
		case 'banner':
			return [
				{ t: 'banner', text: name, size: ctx.style.size + 4 },
				{ t: 'text', text: `${addr}  ${tel}  ${fax}`, align: 'center', size: ctx.style.size - 1 },
				{ t: 'space', h: 6 },
			]
		case 'plain':
			return [
				{ t: 'text', text: name, bold: true, size: ctx.style.size + 3 },
				{ t: 'text', text: addr },
				{ t: 'text', text: `${tel}  ${fax}` },
				{ t: 'rule' },
			]
	}
}

export function signature(ctx: DocContext, c: Clinician = ctx.author): Block[] {
	const { rng } = ctx
	switch (rng.int(0, 3)) {
		case 0:
			return [
				{
					t: 'text',
					text: `Electronically signed by ${clinicianName(c)} on ${d(ctx, ctx.date)} ${rng.int(7, 18)}:${String(rng.int(0, 59)).padStart(2, '0')}`,
				},
			]
		case 1:
			return [{ t: 'signature', lines: [clinicianName(c), c.title, ctx.org.name], scribble: true }]
		case 2:
			return [
				{
					t: 'text',
					text: rng.pick(['Sincerely,', 'Best regards,', 'Respectfully,', 'Kind regards,']),
				},
				{ t: 'signature', lines: [clinicianName(c), c.title], scribble: rng.chance(0.7) },
			]
		default:
			return [
				{
					t: 'signature',
					lines: [
						`${clinicianName(c)}`,
						`Dictated ${d(ctx, ctx.serviceDate)} / Transcribed ${d(ctx, ctx.date)}`,
					],
					scribble: false,
				},
			]
	}
}

export const CONFIDENTIALITY = [
	'CONFIDENTIAL: This facsimile contains protected health information that is privileged and confidential under federal and state law. If you are not the intended recipient, you are hereby notified that any review, disclosure, copying or distribution is strictly prohibited. If you have received this fax in error, please notify the sender immediately by telephone and destroy the original.',
	'CONFIDENTIALITY NOTICE: The documents accompanying this transmission contain confidential health information that is legally privileged. This information is intended only for the use of the individual or entity named above. If you are not the intended recipient, please call us to arrange for return or destruction of these documents.',
	'This message is intended only for the addressee and may contain information that is privileged, confidential and exempt from disclosure under HIPAA (45 CFR Parts 160 and 164). Redisclosure without additional patient consent is prohibited.',
	'PRIVILEGED AND CONFIDENTIAL - PATIENT HEALTH INFORMATION. Unauthorized re-disclosure is prohibited by law. If received in error, please contact the sender and shred all pages.',
] as const

export const blocksText = (lines: readonly string[]): Block[] =>
	lines.map((text) => ({ t: 'text', text }))
