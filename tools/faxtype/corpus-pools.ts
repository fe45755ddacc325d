/**
 * Word pools of the synthetic fax-type corpus (decision 037): invented clinics, people, places and
 * the clinical vocabulary the templates of corpus-templates.ts draw from. Every person, clinic and
 * number here is made up; none is a real patient or practice.
 */
import type { Rng } from '../corpora/training-data.ts'

export const GIVEN = [
	'Maria',
	'James',
	'Aisha',
	'Robert',
	'Linh',
	'Patricia',
	'Tomasz',
	'Grace',
	'Dmitri',
	'Keisha',
	'Hector',
	'Yuki',
	'Fatima',
	'Owen',
	'Priya',
	'Samuel',
	'Ingrid',
	'Carlos',
	'Mei',
	'Darnell',
	'Eleanor',
	'Rafael',
	'Nadia',
	'Victor',
	'Beatriz',
	'Arjun',
	'Colleen',
	'Tobias',
	'Imani',
	'Wesley',
]
export const FAMILY = [
	'Okafor',
	'Lindqvist',
	'Ramirez',
	'Chen',
	'Abernathy',
	'Kowalski',
	'Nguyen',
	'Haddad',
	'Brennan',
	'Castillo',
	'Fairbanks',
	'Ivanova',
	'Mbeki',
	'Sorensen',
	'Delacroix',
	'Whitfield',
	'Tanaka',
	'Oyelaran',
	'Pemberton',
	'Quintero',
	'Rasmussen',
	'Stavros',
	'Underwood',
	'Vasquez',
	'Yilmaz',
]
export const PLACES = [
	'Riverside',
	'Oak Valley',
	'Cedar Hill',
	'Lakeshore',
	'Northgate',
	'Pinecrest',
	'Harborview',
	'Maple Grove',
	'Summit',
	'Bayside',
	'Westbrook',
	'Stonebridge',
	'Fairmont',
	'Greenfield',
]
export const SPECIALTIES = [
	'Cardiology',
	'Gastroenterology',
	'Orthopedics',
	'Neurology',
	'Endocrinology',
	'Pulmonology',
	'Nephrology',
	'Rheumatology',
	'Dermatology',
	'Urology',
	'Oncology',
	'Family Medicine',
	'Internal Medicine',
	'Pediatrics',
	'Women\u2019s Health',
]
export const CLINIC_KINDS = [
	'Associates',
	'Clinic',
	'Medical Group',
	'Health Center',
	'Specialists',
	'Partners',
	'Practice',
]
export const HOSPITAL_KINDS = [
	'Medical Center',
	'Regional Hospital',
	'Community Hospital',
	'General',
]
export const STREETS = ['Main St', 'Elm Ave', 'Harbor Blvd', 'Route 9', 'Park Rd', 'Mill Lane']
export const INSURERS = [
	'BlueRiver Health Plan',
	'Summit Mutual Insurance',
	'CareFirst Alliance',
	'Evergreen Health',
	'Meridian Medicaid',
	'Pacific Coast Medicare Advantage',
	'Harbor Employee Benefits',
	'United Crest',
]
export const PHARMACIES = [
	'Corner Drug',
	'Valley Pharmacy',
	'MedExpress Mail Order',
	'HealthMart',
	'Main Street Apothecary',
	'QuickScript Pharmacy',
]

export const CONDITIONS = [
	'type 2 diabetes mellitus',
	'essential hypertension',
	'atrial fibrillation',
	'COPD',
	'chronic kidney disease stage 3',
	'hypothyroidism',
	'iron deficiency anemia',
	'gastroesophageal reflux disease',
	'osteoarthritis of the right knee',
	'major depressive disorder',
	'congestive heart failure',
	'asthma',
	'hyperlipidemia',
	'migraine without aura',
	'rheumatoid arthritis',
	'obstructive sleep apnea',
	'benign prostatic hyperplasia',
	'lumbar radiculopathy',
	'chronic hepatitis C',
	'peripheral neuropathy',
	'psoriasis',
	'irritable bowel syndrome',
	'coronary artery disease',
	'osteoporosis',
]
export const SYMPTOMS = [
	'chest pain',
	'shortness of breath',
	'abdominal pain',
	'fatigue',
	'dizziness',
	'palpitations',
	'low back pain',
	'headaches',
	'joint swelling',
	'cough',
	'weight loss',
	'rectal bleeding',
	'numbness in both feet',
	'dysphagia',
	'syncope',
	'rash',
	'hematuria',
	'knee pain',
]
export const MEDS = [
	'metformin 1000 mg twice daily',
	'lisinopril 20 mg daily',
	'atorvastatin 40 mg nightly',
	'apixaban 5 mg twice daily',
	'levothyroxine 75 mcg daily',
	'omeprazole 20 mg daily',
	'albuterol inhaler as needed',
	'sertraline 50 mg daily',
	'furosemide 40 mg daily',
	'amlodipine 10 mg daily',
	'insulin glargine 22 units at bedtime',
	'gabapentin 300 mg three times daily',
	'methotrexate 15 mg weekly',
	'tamsulosin 0.4 mg daily',
	'metoprolol succinate 50 mg daily',
	'prednisone 10 mg daily',
	'empagliflozin 10 mg daily',
	'semaglutide 0.5 mg weekly',
	'adalimumab 40 mg every other week',
	'montelukast 10 mg nightly',
]
export const PROCEDURES = [
	'colonoscopy',
	'upper endoscopy',
	'cardiac catheterization',
	'total knee arthroplasty',
	'laparoscopic cholecystectomy',
	'lumbar epidural steroid injection',
	'echocardiogram',
	'sleep study',
	'MRI of the lumbar spine',
	'CT scan of the chest',
	'physical therapy',
	'carpal tunnel release',
	'cataract surgery',
	'pulmonary function testing',
]
export const ADMIT_REASONS = [
	'community-acquired pneumonia',
	'acute decompensated heart failure',
	'diabetic ketoacidosis',
	'cellulitis of the left leg',
	'acute pancreatitis',
	'COPD exacerbation',
	'small bowel obstruction',
	'urinary tract infection with sepsis',
	'acute kidney injury',
	'syncope',
	'GI bleed',
	'hip fracture status post open reduction internal fixation',
	'non-ST elevation myocardial infarction',
]
export const IMAGING = [
	{ study: 'CT ABDOMEN AND PELVIS WITH CONTRAST', region: 'abdomen' },
	{ study: 'CHEST X-RAY, 2 VIEWS', region: 'chest' },
	{ study: 'MRI LUMBAR SPINE WITHOUT CONTRAST', region: 'spine' },
	{ study: 'CT HEAD WITHOUT CONTRAST', region: 'head' },
	{ study: 'ULTRASOUND RIGHT UPPER QUADRANT', region: 'abdomen' },
	{ study: 'BILATERAL SCREENING MAMMOGRAM', region: 'breast' },
	{ study: 'MRI RIGHT KNEE', region: 'knee' },
	{ study: 'CT ANGIOGRAM CHEST (PE PROTOCOL)', region: 'chest' },
	{ study: 'DEXA BONE DENSITY SCAN', region: 'bone' },
	{ study: 'RENAL ULTRASOUND', region: 'kidney' },
	{ study: 'X-RAY LEFT WRIST 3 VIEWS', region: 'wrist' },
	{ study: 'THYROID ULTRASOUND', region: 'neck' },
] as const
export const FINDINGS: Record<string, string[]> = {
	abdomen: [
		'The liver is normal in size without focal lesion.',
		'The gallbladder contains multiple shadowing stones without wall thickening.',
		'No free fluid or free air.',
		'The appendix is normal.',
		'Mild diverticulosis of the sigmoid colon without inflammation.',
		'The pancreas and spleen are unremarkable.',
	],
	chest: [
		'The lungs are clear without focal consolidation.',
		'No pleural effusion or pneumothorax.',
		'The cardiomediastinal silhouette is within normal limits.',
		'Patchy opacity in the right lower lobe.',
		'No filling defect in the pulmonary arteries.',
		'Small calcified granuloma in the left upper lobe.',
	],
	spine: [
		'Disc desiccation and mild bulge at L4-L5 with moderate foraminal narrowing.',
		'No fracture or spondylolisthesis.',
		'The conus terminates normally.',
		'Broad-based disc protrusion at L5-S1 contacting the S1 nerve root.',
	],
	head: [
		'No acute intracranial hemorrhage, mass effect or midline shift.',
		'Mild chronic small vessel ischemic change.',
		'The ventricles are normal in size.',
		'The paranasal sinuses are clear.',
	],
	breast: [
		'The breasts are heterogeneously dense.',
		'No suspicious mass, calcification or architectural distortion.',
		'Stable benign-appearing calcifications in the left breast.',
	],
	knee: [
		'Complex tear of the posterior horn of the medial meniscus.',
		'The cruciate ligaments are intact.',
		'Small joint effusion.',
		'Moderate chondral thinning of the medial compartment.',
	],
	bone: [
		'Lumbar spine T-score -2.6.',
		'Left femoral neck T-score -1.9.',
		'Findings consistent with osteoporosis at the spine.',
	],
	kidney: [
		'The right kidney measures 10.8 cm and the left 11.2 cm.',
		'No hydronephrosis or stones.',
		'Simple cyst in the lower pole of the left kidney.',
	],
	wrist: [
		'Nondisplaced fracture of the distal radius.',
		'Carpal alignment is maintained.',
		'Soft tissue swelling dorsally.',
	],
	neck: [
		'A 1.4 cm solid hypoechoic nodule in the right lobe.',
		'The isthmus is normal.',
		'No abnormal cervical lymph nodes.',
	],
}
/** A laboratory panel: its tests as [name, reference range, unit]. */
export type LabPanel = { name: string; tests: ReadonlyArray<readonly [string, string, string]> }

export const LAB_PANELS: readonly LabPanel[] = [
	{
		name: 'COMPREHENSIVE METABOLIC PANEL',
		tests: [
			['Sodium', '136-145', 'mmol/L'],
			['Potassium', '3.5-5.1', 'mmol/L'],
			['Chloride', '98-107', 'mmol/L'],
			['CO2', '22-29', 'mmol/L'],
			['BUN', '7-20', 'mg/dL'],
			['Creatinine', '0.6-1.2', 'mg/dL'],
			['Glucose', '70-99', 'mg/dL'],
			['Calcium', '8.5-10.2', 'mg/dL'],
			['ALT', '7-56', 'U/L'],
			['AST', '10-40', 'U/L'],
			['Alkaline phosphatase', '44-147', 'U/L'],
			['Total bilirubin', '0.1-1.2', 'mg/dL'],
		],
	},
	{
		name: 'CBC WITH DIFFERENTIAL',
		tests: [
			['WBC', '4.0-11.0', 'K/uL'],
			['Hemoglobin', '12.0-16.0', 'g/dL'],
			['Hematocrit', '36-46', '%'],
			['Platelets', '150-400', 'K/uL'],
			['MCV', '80-100', 'fL'],
			['Neutrophils', '40-70', '%'],
			['Lymphocytes', '20-40', '%'],
		],
	},
	{
		name: 'LIPID PANEL',
		tests: [
			['Total cholesterol', '<200', 'mg/dL'],
			['LDL cholesterol', '<100', 'mg/dL'],
			['HDL cholesterol', '>40', 'mg/dL'],
			['Triglycerides', '<150', 'mg/dL'],
		],
	},
	{
		name: 'HEMOGLOBIN A1C',
		tests: [
			['Hemoglobin A1c', '4.0-5.6', '%'],
			['Estimated average glucose', '', 'mg/dL'],
		],
	},
	{
		name: 'THYROID PANEL',
		tests: [
			['TSH', '0.4-4.0', 'mIU/L'],
			['Free T4', '0.8-1.8', 'ng/dL'],
		],
	},
	{
		name: 'URINALYSIS',
		tests: [
			['Specific gravity', '1.005-1.030', ''],
			['pH', '5.0-8.0', ''],
			['Protein', 'Negative', ''],
			['Leukocyte esterase', 'Negative', ''],
			['Nitrite', 'Negative', ''],
		],
	},
	{
		name: 'COAGULATION',
		tests: [
			['PT', '11-13.5', 'sec'],
			['INR', '0.8-1.1', ''],
			['PTT', '25-35', 'sec'],
		],
	},
]

/** A small toolkit over one seeded generator. */
export type Pick = {
	rng: Rng
	one<T>(items: readonly T[]): T
	some<T>(items: readonly T[], min: number, max: number): T[]
	int(min: number, max: number): number
	chance(p: number): boolean
}

export function picker(rng: Rng): Pick {
	const int = (min: number, max: number) => min + Math.floor(rng() * (max - min + 1))
	const one = <T>(items: readonly T[]): T => items[Math.floor(rng() * items.length)] as T
	return {
		rng,
		one,
		int,
		chance: (p) => rng() < p,
		some<T>(items: readonly T[], min: number, max: number): T[] {
			const pool = [...items]
			const n = Math.min(pool.length, int(min, max))
			const out: T[] = []
			for (let i = 0; i < n; i++) out.push(pool.splice(Math.floor(rng() * pool.length), 1)[0] as T)
			return out
		},
	}
}

const MONTHS = [
	'January',
	'February',
	'March',
	'April',
	'May',
	'June',
	'July',
	'August',
	'September',
	'October',
	'November',
	'December',
]

/** A date in one of the ways faxes write them. */
export function date(p: Pick): string {
	const y = p.int(2019, 2026)
	const m = p.int(1, 12)
	const d = p.int(1, 28)
	const two = (n: number) => String(n).padStart(2, '0')
	switch (p.int(0, 4)) {
		case 0:
			return `${two(m)}/${two(d)}/${y}`
		case 1:
			return `${y}-${two(m)}-${two(d)}`
		case 2:
			return `${MONTHS[m - 1]} ${d}, ${y}`
		case 3:
			return `${d}-${(MONTHS[m - 1] ?? '').slice(0, 3)}-${y}`
		default:
			return `${m}/${d}/${String(y).slice(2)}`
	}
}

export function birthDate(p: Pick): string {
	const two = (n: number) => String(n).padStart(2, '0')
	const y = p.int(1932, 2015)
	return p.chance(0.5)
		? `${two(p.int(1, 12))}/${two(p.int(1, 28))}/${y}`
		: `${y}-${two(p.int(1, 12))}-${two(p.int(1, 28))}`
}

export function phone(p: Pick): string {
	const a = p.int(201, 989)
	const b = p.int(200, 989)
	const c = String(p.int(0, 9999)).padStart(4, '0')
	return p.one([`(${a}) ${b}-${c}`, `${a}-${b}-${c}`, `${a}.${b}.${c}`])
}

export function person(p: Pick): string {
	const given = p.one(GIVEN)
	const family = p.one(FAMILY)
	return p.one([
		`${given} ${family}`,
		`${family}, ${given}`,
		`${given.toUpperCase()} ${family.toUpperCase()}`,
		`${given[0]}. ${family}`,
	])
}

export function doctor(p: Pick): string {
	const name = `${p.one(GIVEN)} ${p.one(FAMILY)}`
	return p.one([
		`Dr. ${name}`,
		`${name}, MD`,
		`${name}, DO`,
		`${name}, NP`,
		`Dr. ${name.split(' ')[1]}`,
	])
}

export function clinic(p: Pick): string {
	return p.one([
		`${p.one(PLACES)} ${p.one(SPECIALTIES)} ${p.one(CLINIC_KINDS)}`,
		`${p.one(FAMILY)} & ${p.one(FAMILY)} ${p.one(SPECIALTIES)}`,
		`${p.one(PLACES)} ${p.one(HOSPITAL_KINDS)}`,
	])
}

export function hospital(p: Pick): string {
	return `${p.one(PLACES)} ${p.one(HOSPITAL_KINDS)}`
}

export function mrn(p: Pick): string {
	return p.one([
		String(p.int(100000, 9999999)),
		`MR${p.int(10000, 999999)}`,
		`${p.int(10, 99)}-${p.int(1000, 9999)}-${p.int(10, 99)}`,
	])
}

export function address(p: Pick): string {
	return `${p.int(10, 9800)} ${p.one(STREETS)}, ${p.one(PLACES)}, ${p.one(['OH', 'PA', 'WA', 'TX', 'MN', 'GA'])} ${p.int(10000, 99999)}`
}

export function age(p: Pick): number {
	return p.int(19, 88)
}

export function sex(p: Pick): { noun: string; pronoun: string; possessive: string } {
	return p.chance(0.5)
		? { noun: p.one(['woman', 'female']), pronoun: 'she', possessive: 'her' }
		: { noun: p.one(['man', 'male']), pronoun: 'he', possessive: 'his' }
}

export function sentenceCase(text: string): string {
	return text.charAt(0).toUpperCase() + text.slice(1)
}
