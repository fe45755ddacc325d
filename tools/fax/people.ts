import type { Rand } from './random.ts'

/**
 * Invented people and places for the faxes' senders, recipients and the patients who are not in
 * the charts. The family names are made-up compounds ("Quillfeather", "Marrowby") so nobody
 * mistakes them for real people; phone numbers use the 555-01xx block set aside for fiction.
 */
export const GIVEN_FEMALE = [
	'Adelaide',
	'Beatrix',
	'Clementine',
	'Delphine',
	'Esmeralda',
	'Fenna',
	'Georgina',
	'Hollis',
	'Imelda',
	'Juniper',
	'Katrin',
	'Lavinia',
	'Marisol',
	'Nerys',
	'Ottilie',
	'Philippa',
	'Quinn',
	'Rosalind',
	'Sabine',
	'Tamsin',
	'Ulla',
	'Verity',
	'Wren',
	'Xanthe',
	'Yolanda',
	'Zinnia',
	'Maria',
	'Linda',
	'Grace',
	'Eleanor',
	'Priya',
	'Sofia',
	'Anna',
	'Ruth',
] as const
export const GIVEN_MALE = [
	'Alaric',
	'Bartholomew',
	'Cosmo',
	'Desmond',
	'Ephraim',
	'Fitzgerald',
	'Gideon',
	'Horatio',
	'Ignatius',
	'Jasper',
	'Leopold',
	'Mortimer',
	'Nathaniel',
	'Octavius',
	'Percival',
	'Quentin',
	'Rupert',
	'Silas',
	'Thaddeus',
	'Ulysses',
	'Valentin',
	'Wendell',
	'Xavier',
	'Yorick',
	'Zebulon',
	'John',
	'Thomas',
	'Marcus',
	'Daniel',
	'Henry',
	'Samuel',
	'David',
] as const
export const FAMILY = [
	'Quillfeather',
	'Marrowby',
	'Thistlewood',
	'Ambervale',
	'Brackenridge',
	'Cobblestone',
	'Dewhurst',
	'Fenwright',
	'Gildersleeve',
	'Hollowell',
	'Inkwater',
	'Juniperlee',
	'Kettleburn',
	'Larkspur',
	'Mossgrove',
	'Nettlefield',
	'Oakenshaw',
	'Pemberwick',
	'Quarrington',
	'Rookwood',
	'Saltmarsh',
	'Tumbleweed',
	'Underhollow',
	'Vexley',
	'Wintermere',
	'Yarrowdale',
	'Zephyrton',
	'Applewhite',
	'Bramblecombe',
	'Crowfoot',
	'Duskwater',
	'Emberly',
	'Foxglove',
	'Gallowmere',
	'Hazelbrook',
	'Ironwood',
	'Lanternfield',
	'Moonridge',
	'Nightingale-Ross',
	'Orchardson',
	'Puddingstone',
	'Ravensworth',
	'Silverthorn',
	'Tallowmere',
	'Umberfield',
	'Whistledown',
] as const
export const MIDDLE_INITIALS = 'ABCDEFGHJKLMNPRSTW'.split('')

export type Person = { given: string; family: string; middle?: string; sex: 'female' | 'male' }

export function inventPerson(rng: Rand, avoid: ReadonlySet<string> = new Set()): Person {
	for (;;) {
		const sex = rng.chance(0.5) ? 'female' : 'male'
		const given = rng.pick(sex === 'female' ? GIVEN_FEMALE : GIVEN_MALE)
		const family = rng.pick(FAMILY)
		if (avoid.has(`${given} ${family}`.toLowerCase()) || avoid.has(family.toLowerCase())) continue
		return { given, family, sex, ...(rng.chance(0.4) ? { middle: rng.pick(MIDDLE_INITIALS) } : {}) }
	}
}

export const CREDENTIALS = [
	'MD',
	'DO',
	'MD, FACP',
	'MD, PhD',
	'NP',
	'PA-C',
	'FNP-BC',
	'MD, FACC',
] as const
export const STAFF_ROLES = [
	'Referral Coordinator',
	'Medical Records',
	'Office Manager',
	'Front Desk',
	'Nurse Navigator',
	'Scheduling',
	'Patient Access',
	'Release of Information Specialist',
	'Case Manager',
] as const

export type Place = { street: string; city: string; state: string; zip: string }
const STREETS = [
	'Larkspur Lane',
	'Quillfeather Road',
	'Mossgrove Avenue',
	'Old Mill Parkway',
	'Harbor View Drive',
	'Thistle Court',
	'Riverbend Boulevard',
	'Copper Kettle Way',
	'Lantern Hill Road',
	'Foxglove Street',
] as const
const CITIES = [
	['Fernbrook', 'MA'],
	['Lake Orrin', 'NH'],
	['Millbridge', 'RI'],
	['Port Alder', 'ME'],
	['Cedar Hollow', 'CT'],
	['Wrenfield', 'VT'],
	['Ashby Falls', 'MA'],
	['North Tallow', 'NY'],
] as const

export function inventPlace(rng: Rand): Place {
	const [city, state] = rng.pick(CITIES)
	return {
		street: `${rng.int(10, 9900)} ${rng.pick(STREETS)}${rng.chance(0.3) ? `, Suite ${rng.int(100, 450)}` : ''}`,
		city,
		state,
		zip: `0${rng.digits(4)}`,
	}
}

/** A fictional phone number (555-01xx) as ten digits. */
export function fictionalPhone(rng: Rand): string {
	return `${rng.pick(['207', '401', '413', '508', '603', '617', '781', '802', '860', '978'])}5550${rng.int(100, 199)}`
}

export type ClinicKind =
	| 'primary_care'
	| 'specialty'
	| 'hospital'
	| 'lab'
	| 'imaging'
	| 'pharmacy'
	| 'payer'
	| 'law'
	| 'agency'
	| 'vendor'

export type Org = {
	name: string
	kind: ClinicKind
	specialty?: string
	place: Place
	phone: string
	fax: string
}

const ORG_NAMES: Record<ClinicKind, readonly string[]> = {
	primary_care: [
		'Riverbend Family Medicine',
		'Maple Hollow Primary Care',
		'Lantern Hill Internal Medicine',
		'Fernbrook Community Health Center',
		'Old Mill Family Practice',
		'Wrenfield Medical Associates',
	],
	specialty: [
		'Northgate Cardiology Associates',
		'Summit Peak Orthopedics',
		'Bluewater Pulmonary & Sleep',
		'Cedar Hollow Endocrinology',
		'Harborview Gastroenterology',
		'Ashby Falls Neurology Group',
		'Tallowmere Kidney Care',
		"Port Alder Women's Health",
		'Moonridge Rheumatology',
	],
	hospital: [
		'Bluewater Regional Hospital',
		'St. Quillon Medical Center',
		'Fernbrook General Hospital',
		'Lake Orrin Memorial Hospital',
		'Millbridge University Medical Center',
	],
	lab: [
		'Copper Creek Laboratory Services',
		'Quarrington Clinical Labs',
		'Northstar Reference Laboratory',
		'Evenfield Diagnostics',
	],
	imaging: [
		'Maple Hollow Imaging Center',
		'Harbor Light Radiology',
		'Clearview Diagnostic Imaging',
		'Summit Open MRI',
	],
	pharmacy: [
		'Harborlight Pharmacy',
		'Thistle & Mortar Drug',
		'Wintermere Community Pharmacy',
		'QuickFill Pharmacy #0412',
		'Larkspur Specialty Pharmacy',
	],
	payer: [
		'Evergreen Health Plan',
		'Bluewater Mutual Insurance',
		'Keystone Shield Health',
		'Orchard Valley Medicare Advantage',
		'Silverthorn Health Partners',
	],
	law: [
		'Thistlewood & Marrowby LLP',
		'Gildersleeve Kettleburn, P.C.',
		'Law Offices of Rupert Vexley',
	],
	agency: [
		'State Disability Determination Services',
		'Lake Orrin County Health Department',
		"Workers' Compensation Board",
		'Quarrington Life Insurance Co.',
	],
	vendor: [
		'MedSupply Direct',
		'PrimeToner Solutions',
		'Apex Practice Marketing',
		'CareLink Billing Pros',
		'Sunrise Vacation Rewards',
		'OfficeCoffee Express',
	],
}

export const SPECIALTIES = [
	'Cardiology',
	'Orthopedics',
	'Pulmonology',
	'Endocrinology',
	'Gastroenterology',
	'Neurology',
	'Nephrology',
	'Gynecology',
	'Rheumatology',
	'Dermatology',
	'Urology',
	'Oncology',
] as const

export function inventOrg(rng: Rand, kind: ClinicKind): Org {
	const name = rng.pick(ORG_NAMES[kind])
	const specialty =
		kind === 'specialty'
			? (SPECIALTIES.find((s) => name.toLowerCase().includes(s.slice(0, 6).toLowerCase())) ??
				rng.pick(SPECIALTIES))
			: undefined
	return {
		name,
		kind,
		...(specialty ? { specialty } : {}),
		place: inventPlace(rng),
		phone: fictionalPhone(rng),
		fax: fictionalPhone(rng),
	}
}

/** The practices that receive the faxes (ours) and the clinicians there. */
export const OUR_PRACTICES = [
	'Chartside Medical Group',
	'Chartside Internal Medicine',
	'Demo Hospital Primary Care',
	'Chartside Health - Intake',
] as const
export const OUR_CLINICIANS = [
	'Dr. Sam Rivera',
	'Dr. Lena Moreau',
	'Dr. Ines Halvorsen',
	'Sam Rivera, MD',
	'Lena Moreau, MD',
] as const
