import type { GoldRecord, GoldSpan } from './evaluate.ts'

/**
 * A generator of synthetic, labelled de-identification text for development (decision 038): fax
 * cover sheets, clinic notes, letters, lab headers, signature blocks and demographics blocks as
 * OCR reads them (upper case, O for 0, l for 1, broken spacing). Every person and place is
 * invented: half the names are made from syllables (so they are on no name list), half are taken
 * from a short list of common names; towns are made from syllables and endings. Labels are the
 * Presidio ones the scorer maps to Safe Harbor (`evaluate.ts`); a clinic or hospital name is an
 * ORGANIZATION, which is not counted.
 *
 * Deterministic: the same seed gives the same records. Two parts, never mixed: `tune` (seed 1)
 * for development and `aside` (seed 2), whose errors are not looked at, only its totals.
 */

export const SYNTHETIC_PARTS = { tune: 1, aside: 2 } as const
export type SyntheticPart = keyof typeof SYNTHETIC_PARTS

/** mulberry32: a small deterministic generator. */
function rng(seed: number): () => number {
	let a = seed >>> 0
	return () => {
		a = (a + 0x6d2b79f5) >>> 0
		let t = a
		t = Math.imul(t ^ (t >>> 15), t | 1)
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296
	}
}

const COMMON_GIVEN = (
	'James Mary Robert Patricia John Jennifer Michael Linda David Elizabeth William Barbara Richard ' +
	'Susan Joseph Jessica Thomas Sarah Charles Karen Maria Jose Ana Luis Carmen Wei Mei Hiroshi Yuki ' +
	'Aisha Omar Fatima Ahmed Priya Rahul Olga Dmitri Ingrid Lars Siobhan Declan Kwame Ama Nguyen Thi ' +
	'Dolores Earl Bernadette Wendell Marisol Tobias Agnes Cornelius Imelda Rosalind'
).split(' ')
const COMMON_FAMILY = (
	'Smith Johnson Williams Brown Jones Garcia Miller Davis Rodriguez Martinez Hernandez Lopez ' +
	'Gonzalez Wilson Anderson Thomas Taylor Moore Jackson Martin Lee Perez Thompson White Harris ' +
	'Clark Lewis Robinson Walker Young Allen King Wright Scott Torres Nguyen Hill Flores Green Adams ' +
	'Nelson Baker Hall Rivera Campbell Mitchell Carter Roberts Kowalski Novak Okafor Haddad Petrov ' +
	'Lindqvist Oyelaran Fitzgerald Castellanos Abernathy'
).split(' ')
const ONSETS = 'b br c ch d dr f g gr h j k kl l m n p pr qu r s sh st t tr v w y z'.split(' ')
const VOWELS = 'a e i o u a e o ai ea ou'.split(' ')
const CODAS = 'n r l s m nd rt ll ck sk th x v z nn rd'.split(' ')
const FAMILY_ENDINGS = 'son sen ski ova ez ler ford well mann ridge ton ley'.split(' ')
const TOWN_ENDINGS = 'ville burg ton field ford dale haven wood port brook mont'.split(' ')
const TOWN_FORMS = ['{} Falls', '{} Springs', 'Port {}', 'Lake {}', '{} Heights', 'North {}', '{}']
const STREET_SUFFIXES =
	'Street St Avenue Ave Road Rd Lane Ln Drive Dr Court Ct Boulevard Blvd Way Place Pl Terrace Circle Pkwy Highway'.split(
		' ',
	)
const STATES =
	'AL AK AZ AR CA CO CT DE FL GA ID IL IN IA KS KY LA ME MD MA MI MN MS MO MT NE NV NH NJ NM NY NC ND OH OK OR PA RI SC SD TN TX UT VT VA WA WV WI WY'.split(
		' ',
	)
const FACILITY_FORMS = [
	'{} Memorial Hospital',
	'{} Family Medicine',
	'St. {} Medical Center',
	'{} Regional Clinic',
	'{} Imaging Associates',
	'{} Community Health Center',
]
const RELATIONS = ['daughter', 'son', 'wife', 'husband', 'sister', 'brother', 'mother', 'neighbor']

type Piece = string | { text: string; label: string }

class Builder {
	constructor(readonly r: () => number) {}
	pick<T>(xs: readonly T[]): T {
		return xs[Math.floor(this.r() * xs.length)] as T
	}
	chance(p: number): boolean {
		return this.r() < p
	}
	digits(n: number): string {
		let s = ''
		for (let i = 0; i < n; i++) s += String(Math.floor(this.r() * 10))
		return s
	}
	cap(s: string): string {
		return s.charAt(0).toUpperCase() + s.slice(1)
	}
	syllables(n: number): string {
		let s = ''
		for (let i = 0; i < n; i++) s += this.pick(ONSETS) + this.pick(VOWELS)
		return s + this.pick(CODAS)
	}
	given(): string {
		return this.chance(0.5)
			? this.pick(COMMON_GIVEN)
			: this.cap(this.syllables(1 + (this.r() < 0.5 ? 1 : 0)))
	}
	family(): string {
		if (this.chance(0.5)) return this.pick(COMMON_FAMILY)
		const base = this.cap(this.syllables(1))
		return this.chance(0.5)
			? base + this.pick(FAMILY_ENDINGS)
			: base + this.syllables(1).slice(0, 3)
	}
	town(): string {
		const root = this.cap(this.syllables(1)) + (this.chance(0.6) ? this.pick(TOWN_ENDINGS) : '')
		return this.pick(TOWN_FORMS).replace('{}', root)
	}
	street(): string {
		const name = this.chance(0.3)
			? this.family()
			: this.cap(this.syllables(1)) + this.pick(['wood', 'field', 'view', 'ridge', ''])
		const dir = this.chance(0.2) ? this.pick(['N', 'S', 'E', 'W', 'North', 'West']) + ' ' : ''
		return `${String(10 + Math.floor(this.r() * 9900))} ${dir}${name} ${this.pick(STREET_SUFFIXES)}`
	}
	unit(): string {
		return (
			this.pick(['Apt', 'Apt.', 'Suite', 'Unit', '#']) +
			' ' +
			this.digits(1) +
			this.pick(['', 'B', '0', 'A'])
		)
	}
	zip(): string {
		return this.digits(5) + (this.chance(0.2) ? '-' + this.digits(4) : '')
	}
	phone(): string {
		const n = `555${this.digits(7)}`
		return this.pick([
			`(${n.slice(0, 3)}) ${n.slice(3, 6)}-${n.slice(6)}`,
			`${n.slice(0, 3)}-${n.slice(3, 6)}-${n.slice(6)}`,
			`${n.slice(0, 3)}.${n.slice(3, 6)}.${n.slice(6)}`,
		])
	}
	date(): string {
		const m = 1 + Math.floor(this.r() * 12)
		const d = 1 + Math.floor(this.r() * 28)
		const y = 1930 + Math.floor(this.r() * 90)
		const mm = String(m).padStart(2, '0')
		const dd = String(d).padStart(2, '0')
		const months = 'Jan Feb Mar Apr May Jun Jul Aug Sep Oct Nov Dec'.split(' ')
		return this.pick([
			`${mm}/${dd}/${y}`,
			`${m}/${d}/${String(y).slice(2)}`,
			`${y}-${mm}-${dd}`,
			`${months[m - 1]} ${d}, ${y}`,
			`${dd}-${(months[m - 1] as string).toUpperCase()}-${y}`,
		])
	}
	facility(): string {
		return this.pick(FACILITY_FORMS).replace(
			'{}',
			this.chance(0.5) ? this.family() : (this.town().split(' ')[0] as string),
		)
	}
}

const P = (text: string, label: string): Piece => ({ text, label })

/** The templates: each returns pieces; labelled pieces become gold spans. */
const TEMPLATES: Array<(b: Builder) => Piece[]> = [
	// fax cover sheet
	(b) => {
		const doc = `${b.given()} ${b.family()}`
		const pt = b.chance(0.5) ? `${b.family()}, ${b.given()}` : `${b.given()} ${b.family()}`
		return [
			b.pick(['FAX COVER SHEET', 'FACSIMILE TRANSMITTAL', 'Fax']),
			'\nTo: ',
			b.pick(['Dr. ', '']),
			P(doc, 'PERSON'),
			'\nFrom: ',
			P(b.facility(), 'ORGANIZATION'),
			'\nFax: ',
			P(b.phone(), 'PHONE_NUMBER'),
			'   Phone: ',
			P(b.phone(), 'PHONE_NUMBER'),
			'\nDate: ',
			P(b.date(), 'DATE_TIME'),
			'\nRe: ',
			P(pt, 'PERSON'),
			'  DOB: ',
			P(b.date(), 'DATE_TIME'),
			`\nPages: ${1 + Math.floor(b.r() * 9)}\n`,
			b.pick([
				'CONFIDENTIAL: this fax contains protected health information.',
				'Please deliver to the provider named above.',
				'Records requested for continuity of care.',
			]),
		]
	},
	// demographics block
	(b) => {
		const town = b.town()
		return [
			b.pick(['PATIENT INFORMATION', 'Demographics', 'REGISTRATION']),
			'\n',
			b.pick(['Patient Name: ', 'Name: ', 'PATIENT: ', 'Pt Name: ']),
			P(b.chance(0.5) ? `${b.family()}, ${b.given()}` : `${b.given()} ${b.family()}`, 'PERSON'),
			'\n',
			b.pick(['DOB: ', 'Date of Birth: ', 'Birth Date: ']),
			P(b.date(), 'DATE_TIME'),
			'   Sex: ',
			b.pick(['F', 'M', 'Female', 'Male']),
			'\n',
			b.pick(['Address: ', 'Home Address: ', 'Addr: ']),
			P(b.street(), 'STREET_ADDRESS'),
			...(b.chance(0.4) ? [' ', P(b.unit(), 'STREET_ADDRESS')] : []),
			'\n',
			P(town, 'GPE'),
			', ',
			b.pick(STATES),
			' ',
			P(b.zip(), 'ZIP_CODE'),
			'\n',
			b.pick(['Home Phone: ', 'Phone: ', 'Cell: ']),
			P(b.phone(), 'PHONE_NUMBER'),
			'\nEmergency Contact: ',
			P(`${b.given()} ${b.family()}`, 'PERSON'),
			` (${b.pick(RELATIONS)})`,
			'\nInsurance: ',
			b.pick(['Medicare', 'Aetna', 'Blue Cross', 'Medicaid', 'Self-pay']),
		]
	},
	// clinic note sentences
	(b) => {
		const family = b.family()
		const rel = b.pick(RELATIONS)
		return [
			b.pick(['Mrs. ', 'Mr. ', 'Ms. ']),
			P(family, 'PERSON'),
			` is a ${40 + Math.floor(b.r() * 49)}-year-old seen today for follow-up of hypertension and type 2 diabetes. `,
			b.pick([
				'She lives in ',
				'He lives alone in ',
				'Lives with family in ',
				'Recently moved from ',
			]),
			P(b.town(), 'GPE'),
			` and is accompanied by her ${rel}, `,
			P(b.given(), 'PERSON'),
			'. ',
			b.pick(['Referred by Dr. ', 'Previously followed by Dr. ', 'PCP: Dr. ']),
			P(b.family(), 'PERSON'),
			' at ',
			P(b.facility(), 'ORGANIZATION'),
			'. ',
			'Denies chest pain or dyspnea. Metformin 500 mg twice daily, lisinopril 10 mg daily. A1c 7.4%.',
		]
	},
	// letter with a signature block
	(b) => {
		const signer = `${b.given()} ${b.family()}`
		const town = b.town()
		return [
			'Dear Dr. ',
			P(b.family(), 'PERSON'),
			',\n\n',
			'Thank you for referring ',
			P(`${b.given()} ${b.family()}`, 'PERSON'),
			', whom I saw on ',
			P(b.date(), 'DATE_TIME'),
			' for evaluation of chronic low back pain. MRI showed mild degenerative disc disease at L4-L5. ',
			'I recommended physical therapy and will see ',
			b.pick(['him', 'her']),
			' again in six weeks.\n\n',
			b.pick(['Sincerely,', 'Best regards,', 'Kind regards,']),
			'\n\n',
			P(signer, 'PERSON'),
			b.pick([', MD', ', DO', ', NP', ' MD']),
			'\n',
			P(b.facility(), 'ORGANIZATION'),
			'\n',
			P(b.street(), 'STREET_ADDRESS'),
			'\n',
			P(town, 'GPE'),
			', ',
			b.pick(STATES),
			' ',
			P(b.zip(), 'ZIP_CODE'),
			'\nTel ',
			P(b.phone(), 'PHONE_NUMBER'),
		]
	},
	// lab report header
	(b) => [
		b.pick(['LABORATORY REPORT', 'Lab Results', 'PATHOLOGY REPORT']),
		'\n',
		'Patient: ',
		P(`${b.family().toUpperCase()}, ${b.given().toUpperCase()}`, 'PERSON'),
		'   MRN: ',
		P(b.digits(8), 'MEDICAL_RECORD_NUMBER'),
		'   DOB: ',
		P(b.date(), 'DATE_TIME'),
		'\nCollected: ',
		P(b.date(), 'DATE_TIME'),
		'   Received: ',
		P(b.date(), 'DATE_TIME'),
		'\nOrdering Provider: ',
		P(`${b.family()}, ${b.given()}`, 'PERSON'),
		b.pick([' MD', ', MD', '']),
		'\nPerformed at: ',
		P(b.facility(), 'ORGANIZATION'),
		', ',
		P(b.town(), 'GPE'),
		', ',
		b.pick(STATES),
		'\nTEST RESULT FLAG UNITS REFERENCE\nSodium 139 mmol/L 135-145\nPotassium 5.6 H mmol/L 3.5-5.1\nCreatinine 1.3 H mg/dL 0.6-1.2',
	],
	// signature and routing lines
	(b) => [
		b.pick(['Electronically signed by: ', 'Signed: ', 'Dictated by: ', 'Attn: ', 'From: ', 'cc: ']),
		P(`${b.given()} ${b.family()}`, 'PERSON'),
		b.pick([', MD', ', RN', ', PA-C', '']),
		' on ',
		P(b.date(), 'DATE_TIME'),
		'\n',
		b.pick(['Transcribed by ', 'Reviewed with ', 'Discussed with ']),
		P(b.given() + ' ' + b.family(), 'PERSON'),
		b.pick(['.', ' by phone.', ' at bedside.']),
	],
	// social history in prose
	(b) => [
		'SOCIAL HISTORY: ',
		b.pick(['Retired teacher', 'Works as a machinist', 'Unemployed', 'Former nurse']),
		', originally from ',
		P(b.town(), 'GPE'),
		'. ',
		b.pick(['Lives with her ', 'Lives with his ', 'Her ', 'His ']),
		b.pick(RELATIONS),
		' ',
		P(b.given(), 'PERSON'),
		b.pick([
			' helps with medications.',
			' drives her to appointments.',
			' is the health care proxy.',
		]),
		' Moved to ',
		P(b.town(), 'GPE'),
		' in 2015. Quit smoking 10 years ago; no alcohol.',
	],
	// discharge summary header
	(b) => [
		'DISCHARGE SUMMARY\nPatient: ',
		P(`${b.given()} ${b.family()}`, 'PERSON'),
		'\nAdmitted: ',
		P(b.date(), 'DATE_TIME'),
		'  Discharged: ',
		P(b.date(), 'DATE_TIME'),
		'\nAttending: ',
		P(`${b.given()} ${b.family()}`, 'PERSON'),
		', MD',
		'\nDischarged to home at ',
		P(b.street(), 'STREET_ADDRESS'),
		', ',
		P(b.town(), 'GPE'),
		'\nFollow up with ',
		P(b.family(), 'PERSON'),
		' clinic in 2 weeks. Call ',
		P(b.phone(), 'PHONE_NUMBER'),
		' with questions.',
	],
]

/** OCR as a fax reads it: upper case, confusable characters and uneven spacing. */
function ocrNoise(b: Builder, s: string, level: number): string {
	let out = ''
	for (const ch of s) {
		let c = ch
		if (level > 0 && b.chance(0.03 * level)) {
			if (c === '0') c = 'O'
			else if (c === 'O') c = '0'
			else if (c === '1') c = b.pick(['l', 'I'])
			else if (c === 'l') c = '1'
			else if (c === 'I') c = 'l'
			else if (c === '5') c = 'S'
			else if (c === ' ') c = '  '
		}
		out += c
	}
	return out
}

function render(
	b: Builder,
	pieces: Piece[],
	ocr: { upper: boolean; level: number },
): { text: string; spans: GoldSpan[] } {
	let text = ''
	const spans: GoldSpan[] = []
	for (const p of pieces) {
		const raw = typeof p === 'string' ? p : p.text
		let s = ocr.upper ? raw.toUpperCase() : raw
		s = ocrNoise(b, s, ocr.level)
		if (typeof p !== 'string')
			spans.push({ start: text.length, end: text.length + s.length, label: p.label })
		text += s
	}
	return { text, spans }
}

/** `count` records of one part; about half of them OCR-styled, a quarter in upper case. */
export function syntheticRecords(part: SyntheticPart, count = 400): GoldRecord[] {
	const b = new Builder(rng(SYNTHETIC_PARTS[part]))
	const records: GoldRecord[] = []
	for (let i = 0; i < count; i++) {
		const template = TEMPLATES[i % TEMPLATES.length] as (b: Builder) => Piece[]
		const style = b.r()
		const ocr =
			style < 0.5
				? { upper: false, level: 0 }
				: style < 0.75
					? { upper: false, level: 1 }
					: { upper: true, level: 1 }
		const { text, spans } = render(b, template(b), ocr)
		records.push({ id: `synthetic-${part}-${i}`, text, spans })
	}
	return records
}
