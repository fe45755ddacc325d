import { CONFIDENTIALITY, type DocContext } from './context.ts'
import { formatDate, formatPhone, type DateFormat, type PhoneFormat } from './formats.ts'
import type { Block } from './layout.ts'
import type { Rand } from './random.ts'

/**
 * Fax cover sheets. The sender and the recipient are people at practices, never the patient;
 * the "Re:" line may name the patient (in its own format) or only the kind of document.
 */
export type CoverInfo = {
	toName: string
	toOrg: string
	toFax: string
	toPhone: string | null
	fromName: string
	fromOrg: string
	fromFax: string
	fromPhone: string
	date: string
	pages: number
	re: string
	message: string | null
}

export type CoverStyle = {
	id: string
	set: 'A' | 'B'
	build(info: CoverInfo, rng: Rand, fmt: { date: DateFormat; phone: PhoneFormat }): Block[]
}

const box = (on: boolean, label: string) => `[${on ? 'X' : ' '}] ${label}`
const flags = (rng: Rand) => {
	const labels = ['Urgent', 'For Review', 'Please Comment', 'Please Reply', 'Please Recycle']
	const on = rng.int(0, labels.length - 1)
	return labels.map((l, i) => box(i === on && rng.chance(0.8), l)).join('  ')
}

export const COVER_STYLES: CoverStyle[] = [
	{
		id: 'cover-classic',
		set: 'A',
		build: (c, rng, f) => [
			{ t: 'banner', text: rng.pick(['FAX', 'FAX COVER SHEET', 'FACSIMILE']), size: 22 },
			{ t: 'text', text: c.fromOrg, bold: true, align: 'center' },
			{ t: 'space', h: 10 },
			{
				t: 'kv',
				pairs: [
					['To', c.toName],
					['Company', c.toOrg],
					['Fax', formatPhone(c.toFax, f.phone)],
					...(c.toPhone
						? ([['Phone', formatPhone(c.toPhone, f.phone)]] as Array<[string, string]>)
						: []),
					['From', c.fromName],
					['Fax', formatPhone(c.fromFax, f.phone)],
					['Phone', formatPhone(c.fromPhone, f.phone)],
					['Date', formatDate(c.date, f.date)],
					['Pages', `${c.pages} (including cover)`],
					['Re', c.re],
				],
			},
			{ t: 'space', h: 8 },
			{ t: 'text', text: flags(rng) },
			{ t: 'rule' },
			...(c.message
				? ([
						{ t: 'text', text: 'Comments:', bold: true },
						{ t: 'text', text: c.message },
					] as Block[])
				: []),
			{ t: 'space', h: rng.int(20, 160) },
			{ t: 'notice', text: rng.pick(CONFIDENTIALITY) },
		],
	},
	{
		id: 'cover-grid',
		set: 'A',
		build: (c, rng, f) => [
			{ t: 'text', text: c.fromOrg, bold: true, size: 16 },
			{
				t: 'text',
				text: `Phone ${formatPhone(c.fromPhone, f.phone)}  |  Fax ${formatPhone(c.fromFax, f.phone)}`,
			},
			{ t: 'rule', weight: 2 },
			{
				t: 'text',
				text: rng.pick(['Fax Transmittal', 'FAX TRANSMISSION', 'Facsimile Cover']),
				bold: true,
				size: 20,
			},
			{
				t: 'table',
				header: ['', 'Recipient', 'Sender'],
				rows: [
					['Name', c.toName, c.fromName],
					['Organization', c.toOrg, c.fromOrg],
					['Fax', formatPhone(c.toFax, f.phone), formatPhone(c.fromFax, f.phone)],
					[
						'Phone',
						c.toPhone ? formatPhone(c.toPhone, f.phone) : '',
						formatPhone(c.fromPhone, f.phone),
					],
				],
				widths: [1, 2, 2],
				grid: true,
			},
			{
				t: 'kv',
				pairs: [
					['Date', formatDate(c.date, f.date)],
					['Number of pages', String(c.pages)],
					['Subject', c.re],
				],
				columns: 1,
			},
			...(c.message ? ([{ t: 'text', text: c.message }] as Block[]) : []),
			{ t: 'space', h: rng.int(40, 220) },
			{ t: 'notice', text: rng.pick(CONFIDENTIALITY) },
		],
	},
	{
		id: 'cover-memo',
		set: 'B',
		build: (c, rng, f) => [
			{
				t: 'text',
				text: rng.pick(['F A X   T R A N S M I T T A L', 'FACSIMILE TRANSMITTAL SHEET']),
				bold: true,
				align: 'center',
				size: 16,
			},
			{ t: 'rule', weight: 1.5 },
			{
				t: 'kv',
				pairs: [
					['TO', c.toName],
					['FROM', c.fromName],
					['COMPANY', c.toOrg],
					['COMPANY', c.fromOrg],
					['FAX NUMBER', formatPhone(c.toFax, f.phone)],
					['SENDER FAX', formatPhone(c.fromFax, f.phone)],
					['DATE', formatDate(c.date, f.date)],
					['TOTAL PAGES', String(c.pages)],
				],
				columns: 2,
			},
			{ t: 'kv', pairs: [['RE', c.re]] },
			{ t: 'rule' },
			{ t: 'text', text: flags(rng) },
			{ t: 'text', text: 'NOTES/COMMENTS:', bold: true },
			{ t: 'text', text: c.message ?? '' },
			{ t: 'space', h: rng.int(60, 240) },
			{ t: 'text', text: rng.pick(CONFIDENTIALITY), size: 8 },
		],
	},
	{
		id: 'cover-efax',
		set: 'B',
		build: (c, rng, f) => [
			{
				t: 'text',
				text: rng.pick(['eFax Delivery', 'Secure Fax Message', 'Fax2Mail Notification']),
				bold: true,
				size: 18,
				font: 'sans',
			},
			{
				t: 'text',
				text: `You have received a ${c.pages}-page fax from ${formatPhone(c.fromFax, f.phone)}.`,
			},
			{
				t: 'table',
				header: ['Received', 'Caller ID', 'Pages', 'Duration'],
				rows: [
					[
						`${formatDate(c.date, f.date)} ${rng.int(1, 12)}:${String(rng.int(0, 59)).padStart(2, '0')} ${rng.pick(['AM', 'PM'])}`,
						formatPhone(c.fromFax, f.phone),
						String(c.pages),
						`${rng.int(0, 3)}:${String(rng.int(0, 59)).padStart(2, '0')}`,
					],
				],
			},
			{ t: 'space', h: 10 },
			{ t: 'text', text: `Sender: ${c.fromName}, ${c.fromOrg}` },
			{ t: 'text', text: `Attention: ${c.toName} (${c.toOrg})` },
			{ t: 'text', text: `Reference: ${c.re}` },
			...(c.message ? ([{ t: 'text', text: c.message }] as Block[]) : []),
			{ t: 'space', h: rng.int(30, 200) },
			{ t: 'notice', text: rng.pick(CONFIDENTIALITY), size: 7.5 },
		],
	},
]

export const COVER_MESSAGES = [
	'Please see attached.',
	'Please review and sign where indicated.',
	'Attached as requested. Call with any questions.',
	'Urgent - please review today.',
	'Please file in the patient chart.',
	'For your records.',
	'Please fax back the completed form.',
] as const

/** Re: line text. When `withPatient`, it names the patient. */
export function coverRe(
	ctx: DocContext,
	what: string,
	withPatient: boolean,
	patientText: string,
): string {
	return withPatient
		? ctx.rng.pick([`${what} - ${patientText}`, `${patientText} / ${what}`, `Pt: ${patientText}`])
		: what
}
