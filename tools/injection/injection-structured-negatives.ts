import { fnv1a } from '#server/platform/fnv.ts'
import type { Rng } from '../corpora/training-data.ts'

/**
 * Structured chart text written for the injection classifier's trainer, as benign negatives: the
 * shapes the FHIR loaders give problem lists, medication lists, lab and vital-sign timelines,
 * allergy lists, immunization lists and visit summaries, several sections to a chunk of a few
 * hundred characters, as the ingestion pipeline chunks them. Without these the model only ever saw
 * prose as benign, and terse lines of values, codes and dates ("Most recent: 2.1 mIU/L (reference
 * 0.4 mIU/L–4 mIU/L) on 2026-09-01.") could score high on the model alone.
 *
 * Everything is authored and synthetic: the vocabularies are invented or generic (lab tests with
 * units and typical reference ranges, medication names in the RxNorm style, conditions with
 * SNOMED-like codes made up from a hash of the name, allergies, vaccines, visit types), and the
 * dates and values are drawn from a seeded generator, so the same seed gives the same text.
 */

export const STRUCTURED_KINDS = {
	labs: 'labs',
	problems: 'problems',
	medications: 'medications',
	allergies: 'allergies',
	immunizations: 'immunizations',
	visit: 'visit',
} as const
export type StructuredKind = (typeof STRUCTURED_KINDS)[keyof typeof STRUCTURED_KINDS]

// ---------------------------------------------------------------------------------------------
// Helpers

const pick = <T>(rng: Rng, items: readonly T[]): T => {
	const item = items[Math.floor(rng() * items.length)]
	if (item === undefined) throw new Error('pick from an empty list')
	return item
}

const between = (rng: Rng, lo: number, hi: number) => lo + Math.floor(rng() * (hi - lo + 1))

/** Up to `n` distinct items, in the order drawn. */
function sample<T>(rng: Rng, items: readonly T[], n: number): T[] {
	const pool = [...items]
	const out: T[] = []
	while (out.length < n && pool.length > 0) {
		const [item] = pool.splice(Math.floor(rng() * pool.length), 1)
		if (item !== undefined) out.push(item)
	}
	return out
}

/** A made-up code in the SNOMED style: 6–9 digits, or a long extension id ending in 1000…. */
function snomedLike(name: string): string {
	// FNV-1a: the same name always gets the same code
	let h = fnv1a(name)
	const next = () => {
		h = Math.imul(h ^ (h >>> 13), 0x5bd1e995) >>> 0
		return h
	}
	const long = next() % 8 === 0
	const length = long ? 5 + (next() % 2) : 6 + (next() % 4)
	let digits = String(1 + (next() % 9))
	while (digits.length < length) digits += String(next() % 10)
	return long ? `${digits}1000${String(next() % 1000).padStart(3, '0')}10${next() % 10}` : digits
}

const DAY_MS = 86_400_000

/** A day number (days since 1970-01-01) as YYYY-MM-DD. */
const isoDay = (day: number) => new Date(day * DAY_MS).toISOString().slice(0, 10)

/** A day number in [fromYear, toYear]. */
const dayIn = (rng: Rng, fromYear: number, toYear: number) => {
	const from = Date.UTC(fromYear, 0, 1) / DAY_MS
	const to = Date.UTC(toYear, 11, 31) / DAY_MS
	return between(rng, from, to)
}

/** Numbers as the loaders print them: at most two decimals, no trailing zeros. */
function formatNumber(n: number): string {
	if (Number.isInteger(n)) return String(n)
	const abs = Math.abs(n)
	return String(Number(abs >= 0.1 ? n.toFixed(2) : n.toPrecision(2)))
}

const round = (n: number, decimals: number) => Number(n.toFixed(decimals))

const capital = (s: string) => s.charAt(0).toUpperCase() + s.slice(1)

const joinList = (items: readonly string[]) =>
	items.length <= 1
		? (items[0] ?? '')
		: `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`

/** A section as a chunk shows it: its heading on the first line, then its text. */
type Section = { heading: string; text: string }
const render = (s: Section) => `${s.heading}\n${s.text}`

// ---------------------------------------------------------------------------------------------
// Vocabularies (generic clinical terms; ranges are typical adult values, not any lab's)

type Lab = {
	/** The names a test goes by (a short one, a long LOINC-style one). */
	names: readonly string[]
	unit: string
	/** The usual range of values drawn, and the reference range when there is one. */
	low: number
	high: number
	decimals: number
	reference: 'range' | 'upper' | 'lower' | 'none'
}

const lab = (
	names: string | readonly string[],
	unit: string,
	low: number,
	high: number,
	decimals: number,
	reference: Lab['reference'] = 'range',
): Lab => ({
	names: typeof names === 'string' ? [names] : names,
	unit,
	low,
	high,
	decimals,
	reference,
})

const LABS: readonly Lab[] = [
	lab(['Glucose', 'Glucose [Mass/volume] in Blood'], 'mg/dL', 70, 99, 0),
	lab(['Urea Nitrogen', 'Urea nitrogen [Mass/volume] in Serum or Plasma'], 'mg/dL', 7, 20, 0),
	lab(['Creatinine', 'Creatinine [Mass/volume] in Serum or Plasma'], 'mg/dL', 0.6, 1.3, 2),
	lab(['Calcium', 'Calcium [Mass/volume] in Serum or Plasma'], 'mg/dL', 8.5, 10.2, 1),
	lab(['Sodium', 'Sodium [Moles/volume] in Serum or Plasma'], 'mmol/L', 135, 145, 0),
	lab(['Potassium', 'Potassium [Moles/volume] in Serum or Plasma'], 'mmol/L', 3.5, 5.1, 1),
	lab(['Chloride', 'Chloride [Moles/volume] in Serum or Plasma'], 'mmol/L', 98, 107, 0),
	lab(
		['Carbon Dioxide', 'Carbon dioxide, total [Moles/volume] in Serum or Plasma'],
		'mmol/L',
		22,
		29,
		0,
	),
	lab('Anion gap', 'mmol/L', 8, 16, 0),
	lab(['Albumin', 'Albumin [Mass/volume] in Serum or Plasma'], 'g/dL', 3.5, 5, 1),
	lab(['Total protein', 'Protein [Mass/volume] in Serum or Plasma'], 'g/dL', 6, 8.3, 1),
	lab(
		['Total bilirubin', 'Bilirubin.total [Mass/volume] in Serum or Plasma'],
		'mg/dL',
		0.1,
		1.2,
		1,
	),
	lab(
		['Alkaline phosphatase', 'Alkaline phosphatase [Enzymatic activity/volume] in Serum or Plasma'],
		'U/L',
		44,
		147,
		0,
	),
	lab(
		['ALT', 'Alanine aminotransferase [Enzymatic activity/volume] in Serum or Plasma'],
		'U/L',
		7,
		56,
		0,
	),
	lab(
		['AST', 'Aspartate aminotransferase [Enzymatic activity/volume] in Serum or Plasma'],
		'U/L',
		10,
		40,
		0,
	),
	lab('Magnesium', 'mg/dL', 1.7, 2.2, 1),
	lab('Phosphate', 'mg/dL', 2.5, 4.5, 1),
	lab('Uric acid', 'mg/dL', 3.5, 7.2, 1),
	lab(
		['eGFR', 'Glomerular filtration rate/1.73 sq M.predicted'],
		'mL/min/{1.73_m2}',
		60,
		120,
		0,
		'lower',
	),
	lab(
		['Total Cholesterol', 'Cholesterol [Mass/volume] in Serum or Plasma'],
		'mg/dL',
		140,
		200,
		2,
		'upper',
	),
	lab(
		['Triglycerides', 'Triglycerides [Mass/volume] in Serum or Plasma'],
		'mg/dL',
		60,
		150,
		2,
		'upper',
	),
	lab(['Low Density Lipoprotein Cholesterol', 'LDL cholesterol'], 'mg/dL', 60, 100, 2, 'upper'),
	lab(['High Density Lipoprotein Cholesterol', 'HDL cholesterol'], 'mg/dL', 40, 80, 2, 'lower'),
	lab(['Hemoglobin A1c', 'Hemoglobin A1c/Hemoglobin.total in Blood'], '%', 4.2, 5.6, 1),
	lab(
		['Microalbumin Creatinine Ratio', 'Microalbumin/Creatinine [Mass Ratio] in Urine'],
		'mg/g',
		2,
		30,
		1,
		'upper',
	),
	lab(['TSH', 'Thyrotropin [Units/volume] in Serum or Plasma'], 'mIU/L', 0.4, 4, 1),
	lab(['Free T4', 'Thyroxine (T4) free [Mass/volume] in Serum or Plasma'], 'ng/dL', 0.8, 1.8, 1),
	lab(['Hemoglobin', 'Hemoglobin [Mass/volume] in Blood'], 'g/dL', 12, 15.5, 1),
	lab(['Hematocrit', 'Hematocrit [Volume Fraction] of Blood by Automated count'], '%', 36, 46, 1),
	lab(['WBC', 'Leukocytes [#/volume] in Blood by Automated count'], '10*3/uL', 4.5, 11, 1),
	lab(['Platelets', 'Platelets [#/volume] in Blood by Automated count'], '10*3/uL', 150, 400, 0),
	lab(['RBC', 'Erythrocytes [#/volume] in Blood by Automated count'], '10*6/uL', 4.2, 5.4, 2),
	lab(['MCV', 'MCV [Entitic volume] by Automated count'], 'fL', 80, 100, 1),
	lab(['MCH', 'MCH [Entitic mass] by Automated count'], 'pg', 27, 33, 1),
	lab(['MCHC', 'MCHC [Mass/volume] by Automated count'], 'g/dL', 32, 36, 1),
	lab(['RDW', 'Erythrocyte distribution width [Ratio] by Automated count'], '%', 11.5, 14.5, 1),
	lab('Ferritin', 'ng/mL', 15, 150, 0),
	lab(['Iron', 'Iron [Mass/volume] in Serum or Plasma'], 'ug/dL', 60, 170, 0),
	lab('Transferrin saturation', '%', 20, 50, 0),
	lab('Vitamin B12', 'pg/mL', 200, 900, 0),
	lab('Folate', 'ng/mL', 3, 20, 1, 'lower'),
	lab('Vitamin D, 25-hydroxy', 'ng/mL', 30, 100, 0),
	lab(['INR', 'INR in Platelet poor plasma by Coagulation assay'], '{INR}', 0.8, 1.2, 1),
	lab('Prothrombin time', 's', 11, 13.5, 1),
	lab('aPTT', 's', 25, 35, 1),
	lab(
		['Troponin I', 'Troponin I.cardiac [Mass/volume] in Serum or Plasma'],
		'ng/mL',
		0,
		0.04,
		2,
		'upper',
	),
	lab(
		['NT-proBNP', 'Natriuretic peptide.B prohormone N-Terminal [Mass/volume] in Serum or Plasma'],
		'pg/mL',
		20,
		125,
		0,
		'upper',
	),
	lab(
		['C-reactive protein', 'C reactive protein [Mass/volume] in Serum or Plasma'],
		'mg/L',
		0.5,
		10,
		1,
		'upper',
	),
	lab('Erythrocyte sedimentation rate', 'mm/h', 0, 20, 0),
	lab('Lactate', 'mmol/L', 0.5, 2.2, 1),
	lab(
		['PSA', 'Prostate specific Ag [Mass/volume] in Serum or Plasma'],
		'ng/mL',
		0.2,
		4,
		1,
		'upper',
	),
	lab('Lipase', 'U/L', 10, 60, 0),
	lab('Urine specific gravity', '{SG}', 1.005, 1.03, 2),
	lab(['Urine pH', 'pH of Urine by Test strip'], '[pH]', 4.5, 8, 1),
	lab(['Body Height', 'Body height'], 'cm', 150, 190, 1, 'none'),
	lab(['Body Weight', 'Body weight'], 'kg', 50, 110, 1, 'none'),
	lab(['Body Mass Index', 'Body mass index (BMI) [Ratio]'], 'kg/m2', 18.5, 25, 2),
	lab(['Heart rate', 'Pulse'], '/min', 60, 100, 0),
	lab('Respiratory rate', '/min', 12, 20, 0),
	lab(['Body temperature', 'Oral temperature'], 'Cel', 36.1, 37.2, 1),
	lab(['Oxygen saturation', 'Oxygen saturation in Arterial blood'], '%', 95, 100, 0),
	lab(
		['Pain severity - 0-10 verbal numeric rating [Score] - Reported'],
		'{score}',
		0,
		6,
		0,
		'none',
	),
	lab(
		['Total score [PHQ-2]', 'Patient Health Questionnaire 2 item (PHQ-2) total score'],
		'{score}',
		0,
		3,
		0,
		'none',
	),
	lab(['Total score [PHQ-9]'], '{score}', 0, 12, 0, 'none'),
	lab(['Generalized anxiety disorder 7 item (GAD-7) total score'], '{score}', 0, 10, 0, 'none'),
	lab(['Total score [AUDIT-C]'], '{score}', 0, 5, 0, 'none'),
]

/** Observations whose value is a coded answer, not a number. */
const CODED_OBSERVATIONS: readonly { name: string; values: readonly string[] }[] = [
	{
		name: 'Tobacco smoking status',
		values: ['Never smoker', 'Former smoker', 'Current every day smoker', 'Light tobacco smoker'],
	},
	{ name: 'Appearance of Urine', values: ['Clear', 'Cloudy', 'Translucent'] },
	{ name: 'Color of Urine', values: ['Yellow', 'Straw', 'Amber'] },
	{ name: 'Glucose [Presence] in Urine by Test strip', values: ['Negative', 'Trace'] },
	{ name: 'Protein [Presence] in Urine by Test strip', values: ['Negative', 'Trace', '1+'] },
	{ name: 'Ketones [Presence] in Urine by Test strip', values: ['Negative'] },
	{ name: 'Nitrite [Presence] in Urine by Test strip', values: ['Negative', 'Positive'] },
	{ name: 'Housing status', values: ['Stable housing', 'Lives alone', 'Lives with family'] },
	{
		name: 'Laboratory comment',
		values: [
			'Specimen slightly hemolyzed.',
			'The sample was collected at the patient’s home by the visiting nurse.',
			'Result verified by repeat analysis.',
			'The patient was not fasting at the time of the draw.',
			'Interpret with caution, the specimen was received late.',
		],
	},
]

const BLOOD_PRESSURE_NAMES = ['Blood Pressure', 'Blood pressure panel', 'Blood pressure']

/** Panels reported together, as a DiagnosticReport lists its results. */
const PANELS: readonly { name: string; tests: readonly string[] }[] = [
	{
		name: 'Lipid panel',
		tests: [
			'Total Cholesterol',
			'Triglycerides',
			'Low Density Lipoprotein Cholesterol',
			'High Density Lipoprotein Cholesterol',
		],
	},
	{
		name: 'Basic metabolic panel',
		tests: [
			'Glucose',
			'Urea Nitrogen',
			'Creatinine',
			'Calcium',
			'Sodium',
			'Potassium',
			'Chloride',
			'Carbon Dioxide',
		],
	},
	{
		name: 'Complete blood count (hemogram) panel',
		tests: ['WBC', 'RBC', 'Hemoglobin', 'Hematocrit', 'MCV', 'MCH', 'MCHC', 'RDW', 'Platelets'],
	},
	{
		name: 'Hepatic function panel',
		tests: ['Albumin', 'Total protein', 'Total bilirubin', 'Alkaline phosphatase', 'ALT', 'AST'],
	},
	{ name: 'Iron studies', tests: ['Iron', 'Ferritin', 'Transferrin saturation'] },
	{ name: 'Thyroid panel', tests: ['TSH', 'Free T4'] },
	{ name: 'Coagulation panel', tests: ['Prothrombin time', 'INR', 'aPTT'] },
	{ name: 'Urinalysis', tests: ['Urine specific gravity', 'Urine pH'] },
]

/**
 * A report's conclusion is free text, so structured chunks hold ordinary sentences too (with "the",
 * "is", "was" …); without them the only function words the model ever saw beside lab values were
 * those of attacks planted there.
 */
const CONCLUSIONS = [
	'Results reviewed.',
	'No critical values.',
	'Mild anemia, iron studies pending.',
	'Lipids at goal on current therapy.',
	'Renal function stable compared with prior.',
	'Repeat in three months.',
	'The specimen was hemolyzed; the potassium may be falsely elevated.',
	'Values are within the reference range for the age and sex of the patient.',
	'The results were discussed with the patient by phone.',
	'The A1c is improved from the last visit but remains above the goal.',
	'There is a mild microcytic anemia, consistent with iron deficiency.',
	'The sample was received after the stability window and was not run.',
	'Findings are unchanged from the prior panel of the same type.',
	'The patient was fasting for 12 hours before the draw.',
	'A repeat test is suggested in four to six weeks to confirm the trend.',
	'Thyroid function is normal on the current dose of levothyroxine.',
	'The creatinine is stable and the eGFR is at the patient’s baseline.',
	'This result was called to the ordering provider and read back.',
]

const CONDITIONS: readonly string[] = [
	'Hypertension',
	'Essential hypertension (disorder)',
	'Prediabetes',
	'Diabetes mellitus type 2 (disorder)',
	'Hyperlipidemia',
	'Hypertriglyceridemia (disorder)',
	'Anemia (disorder)',
	'Iron deficiency anemia',
	'Hypothyroidism',
	'Chronic sinusitis (disorder)',
	'Viral sinusitis (disorder)',
	'Acute bronchitis (disorder)',
	'Acute viral pharyngitis (disorder)',
	'Streptococcal sore throat (disorder)',
	'Otitis media',
	'Childhood asthma',
	'Asthma',
	'Chronic obstructive bronchitis (disorder)',
	'Pulmonary emphysema (disorder)',
	'Concussion with no loss of consciousness',
	'Sprain of ankle',
	'Fracture of forearm',
	'Laceration of hand',
	'Whiplash injury to neck',
	'Chronic low back pain (finding)',
	'Osteoarthritis of knee',
	'Osteoporosis (disorder)',
	'Rheumatoid arthritis',
	'Gout',
	'Body mass index 30+ - obesity (finding)',
	'Obesity',
	'Coronary heart disease',
	'Atrial fibrillation',
	'Chronic congestive heart failure (disorder)',
	'Myocardial infarction',
	'History of myocardial infarction (situation)',
	'Stroke',
	'Chronic kidney disease stage 3 (disorder)',
	'Urinary tract infectious disease (disorder)',
	'Gastroesophageal reflux disease',
	'Appendicitis',
	'History of appendectomy',
	'Cholelithiasis',
	'Migraine',
	'Epilepsy',
	'Major depression disorder',
	'Generalized anxiety disorder',
	'Insomnia',
	'Allergic rhinitis',
	'Atopic dermatitis',
	'Seasonal allergic rhinitis',
	'Normal pregnancy',
	'Miscarriage in first trimester',
	'Anemia due to chronic kidney disease',
	'Vitamin D deficiency',
	'Tobacco dependence syndrome (disorder)',
	'Housing unsatisfactory (finding)',
	'Limited social contact (finding)',
	'Stress (finding)',
	'Full-time employment (finding)',
]

const ICD10_CODES = [
	'I10',
	'E11.9',
	'E78.5',
	'D50.9',
	'E03.9',
	'J32.9',
	'J45.909',
	'M17.11',
	'K21.9',
	'F32.9',
	'F41.1',
	'N18.3',
	'G43.909',
	'E55.9',
	'R73.03',
]

type Medication = { ingredient: string; strengths: readonly string[]; forms: readonly string[] }
const med = (
	ingredient: string,
	strengths: readonly string[],
	forms: readonly string[],
): Medication => ({
	ingredient,
	strengths,
	forms,
})
const TABLET = ['Oral Tablet']
const CAPSULE = ['Oral Capsule']

const MEDICATIONS: readonly Medication[] = [
	med('lisinopril', ['5 MG', '10 MG', '20 MG', '40 MG'], TABLET),
	med('amlodipine', ['2.5 MG', '5 MG', '10 MG'], TABLET),
	med('Hydrochlorothiazide', ['12.5 MG', '25 MG'], TABLET),
	med('losartan potassium', ['25 MG', '50 MG', '100 MG'], TABLET),
	med('metoprolol succinate', ['25 MG', '50 MG', '100 MG'], ['24 HR Extended Release Oral Tablet']),
	med('Metoprolol tartrate', ['25 MG', '50 MG'], TABLET),
	med('carvedilol', ['6.25 MG', '12.5 MG', '25 MG'], TABLET),
	med('furosemide', ['20 MG', '40 MG'], TABLET),
	med('spironolactone', ['25 MG'], TABLET),
	med('Simvastatin', ['10 MG', '20 MG', '40 MG'], TABLET),
	med('atorvastatin', ['10 MG', '20 MG', '40 MG', '80 MG'], TABLET),
	med('rosuvastatin calcium', ['5 MG', '10 MG'], TABLET),
	med(
		'metformin hydrochloride',
		['500 MG', '850 MG', '1000 MG'],
		['Oral Tablet', '24 HR Extended Release Oral Tablet'],
	),
	med('glipizide', ['5 MG', '10 MG'], TABLET),
	med('insulin glargine', ['100 UNT/ML'], ['Injectable Solution', 'Pen Injector']),
	med('insulin lispro', ['100 UNT/ML'], ['Injectable Solution']),
	med('levothyroxine sodium', ['0.025 MG', '0.05 MG', '0.075 MG', '0.1 MG'], TABLET),
	med('ferrous sulfate', ['325 MG'], TABLET),
	med('Vitamin D3', ['1000 UNT', '2000 UNT'], ['Oral Capsule', 'Oral Tablet']),
	med('cyanocobalamin', ['1 MG/ML'], ['Injectable Solution']),
	med('Nitroglycerin', ['0.4 MG/ACTUAT'], ['Mucosal Spray']),
	med('Nitroglycerin', ['0.4 MG'], ['Sublingual Tablet']),
	med('aspirin', ['81 MG'], ['Oral Tablet', 'Delayed Release Oral Tablet', 'Chewable Tablet']),
	med('clopidogrel', ['75 MG'], TABLET),
	med('warfarin sodium', ['2 MG', '5 MG'], TABLET),
	med('apixaban', ['2.5 MG', '5 MG'], TABLET),
	med('Albuterol', ['0.09 MG/ACTUAT'], ['Metered Dose Inhaler', 'Inhalation Aerosol']),
	med('fluticasone propionate', ['0.05 MG/ACTUAT'], ['Nasal Spray']),
	med('budesonide', ['0.25 MG/ML'], ['Inhalation Suspension']),
	med('montelukast', ['10 MG'], TABLET),
	med('cetirizine hydrochloride', ['10 MG'], TABLET),
	med('loratadine', ['10 MG'], TABLET),
	med('Acetaminophen', ['325 MG', '500 MG'], ['Oral Tablet', 'Oral Capsule']),
	med('Ibuprofen', ['200 MG', '400 MG', '600 MG'], TABLET),
	med('Naproxen sodium', ['220 MG'], TABLET),
	med('tramadol hydrochloride', ['50 MG'], TABLET),
	med('Amoxicillin', ['250 MG', '500 MG'], CAPSULE),
	med('Amoxicillin 250 MG / Clavulanate', ['125 MG'], TABLET),
	med('Penicillin V Potassium', ['250 MG', '500 MG'], TABLET),
	med('cephalexin', ['500 MG'], CAPSULE),
	med('azithromycin', ['250 MG'], TABLET),
	med('nitrofurantoin', ['100 MG'], CAPSULE),
	med('doxycycline hyclate', ['100 MG'], CAPSULE),
	med('omeprazole', ['20 MG', '40 MG'], ['Delayed Release Oral Capsule']),
	med('pantoprazole', ['40 MG'], ['Delayed Release Oral Tablet']),
	med('ondansetron', ['4 MG'], ['Oral Tablet', 'Disintegrating Oral Tablet']),
	med('sertraline', ['25 MG', '50 MG', '100 MG'], TABLET),
	med('escitalopram', ['10 MG', '20 MG'], TABLET),
	med('bupropion hydrochloride', ['150 MG'], ['12 HR Extended Release Oral Tablet']),
	med('trazodone hydrochloride', ['50 MG'], TABLET),
	med('gabapentin', ['100 MG', '300 MG'], CAPSULE),
	med('prednisone', ['5 MG', '10 MG', '20 MG'], TABLET),
	med('Epinephrine', ['0.3 MG/0.3ML'], ['Auto-Injector']),
	med('Hydrocortisone', ['10 MG/ML'], ['Topical Cream']),
	med('alendronic acid', ['70 MG'], TABLET),
	med('allopurinol', ['100 MG', '300 MG'], TABLET),
	med('Ethinyl Estradiol 0.03 MG / Levonorgestrel', ['0.15 MG'], ['Oral Tablet']),
	med('Sumatriptan', ['50 MG'], TABLET),
	med('levetiracetam', ['500 MG'], TABLET),
]

const MED_STATUSES = ['active', 'active', 'active', 'stopped', 'completed', 'on-hold', 'cancelled']
/** How each dose form is given: its dose unit, route, and free-text directions (to a patient). */
type Directions = { form: RegExp; unit: string; route: string; sigs: readonly string[] }
const DIRECTIONS: readonly Directions[] = [
	{
		form: /inhaler|aerosol|inhalation/i,
		unit: 'puff',
		route: 'Respiratory tract route',
		sigs: [
			'2 puffs every 4 hours as needed for wheezing',
			'Inhale 2 puffs twice daily, rinse mouth after use',
		],
	},
	{
		form: /nasal/i,
		unit: 'spray',
		route: 'Nasal route',
		sigs: ['1 spray in each nostril daily', '2 sprays in each nostril once daily'],
	},
	{
		form: /mucosal|sublingual/i,
		unit: 'dose',
		route: 'Sublingual route',
		sigs: ['1 dose under the tongue every 5 minutes as needed for chest pain, up to 3 doses'],
	},
	{
		form: /inject/i,
		unit: 'mL',
		route: 'Subcutaneous route',
		sigs: ['Inject 10 units under the skin at bedtime', 'Inject 1 mL into the muscle once a month'],
	},
	{
		form: /cream/i,
		unit: 'application',
		route: 'Topical route',
		sigs: ['Apply a thin layer to the affected area twice daily'],
	},
	{
		form: /capsule/i,
		unit: 'capsule',
		route: 'Oral route',
		sigs: [
			'Take 1 capsule by mouth at bedtime',
			'1 capsule by mouth twice daily',
			'Take 1 capsule by mouth 30 minutes before the first meal of the day',
			'Take the capsule whole with water, until the course is finished',
		],
	},
	{
		form: /./,
		unit: 'tablet',
		route: 'Oral route',
		sigs: [
			'1 tablet by mouth daily',
			'Take 1 tablet by mouth every morning',
			'1 tablet by mouth twice daily with meals',
			'Take 1 to 2 tablets by mouth every 6 hours as needed for pain',
			'Take 1 tablet by mouth in the morning with food and a full glass of water',
			'Take one tablet at bedtime; do not take it with the evening dose of the other medicine',
			'Take half a tablet for the first week, then one tablet a day after that',
		],
	},
]

type Allergy = { name: string; category: string; type: 'allergy' | 'intolerance' }
const ALLERGIES: readonly Allergy[] = [
	{ name: 'Peanut (substance)', category: 'food', type: 'allergy' },
	{ name: 'Tree nut (substance)', category: 'food', type: 'allergy' },
	{ name: 'Shellfish (substance)', category: 'food', type: 'allergy' },
	{ name: 'Fish (substance)', category: 'food', type: 'allergy' },
	{ name: 'Eggs (edible) (substance)', category: 'food', type: 'allergy' },
	{ name: "Cow's milk (substance)", category: 'food', type: 'intolerance' },
	{ name: 'Wheat (substance)', category: 'food', type: 'allergy' },
	{ name: 'Soya bean (substance)', category: 'food', type: 'allergy' },
	{ name: 'Lactose', category: 'food', type: 'intolerance' },
	{ name: 'Penicillin V', category: 'medication', type: 'allergy' },
	{ name: 'Amoxicillin', category: 'medication', type: 'allergy' },
	{ name: 'Sulfamethoxazole / Trimethoprim', category: 'medication', type: 'allergy' },
	{ name: 'Aspirin', category: 'medication', type: 'allergy' },
	{ name: 'Ibuprofen', category: 'medication', type: 'intolerance' },
	{ name: 'Codeine', category: 'medication', type: 'intolerance' },
	{ name: 'Lisinopril', category: 'medication', type: 'intolerance' },
	{ name: 'Iodinated contrast media', category: 'medication', type: 'allergy' },
	{ name: 'Latex (substance)', category: 'environment', type: 'allergy' },
	{ name: 'House dust mite (organism)', category: 'environment', type: 'allergy' },
	{ name: 'Animal dander (substance)', category: 'environment', type: 'allergy' },
	{ name: 'Grass pollen (substance)', category: 'environment', type: 'allergy' },
	{ name: 'Tree pollen (substance)', category: 'environment', type: 'allergy' },
	{ name: 'Mold (organism)', category: 'environment', type: 'allergy' },
	{ name: 'Bee venom (substance)', category: 'environment', type: 'allergy' },
]

const REACTIONS = [
	'Wheal (finding)',
	'Dyspnea (finding)',
	'Urticaria (disorder)',
	'Allergic rhinitis (disorder)',
	'Eruption of skin (disorder)',
	'Itching of skin (finding)',
	'Sneezing (finding)',
	'Nausea (finding)',
	'Diarrhea (finding)',
	'Cough (finding)',
	'Anaphylaxis (disorder)',
	'Angioedema (disorder)',
	'Rash',
	'Hives',
]

const VACCINES: readonly string[] = [
	'Influenza, seasonal, injectable, preservative free',
	'Influenza, injectable, quadrivalent, preservative free',
	'Td (adult) preservative free',
	'Tdap',
	'DTaP',
	'IPV',
	'MMR',
	'varicella',
	'Hib (PRP-OMP)',
	'rotavirus, monovalent',
	'Hep B, adolescent or pediatric',
	'Hep B, adult',
	'hepatitis A, adult',
	'Hep A, ped/adol, 2 dose',
	'HPV, quadrivalent',
	'Pneumococcal conjugate PCV 13',
	'pneumococcal polysaccharide vaccine, 23 valent',
	'zoster vaccine recombinant',
	'meningococcal MCV4P',
	'COVID-19, mRNA, LNP-S, PF, 30 mcg/0.3 mL dose',
]

const VISIT_TYPES = [
	'General examination of patient (procedure)',
	'Encounter for check up (procedure)',
	'Encounter for symptom',
	'Encounter for problem (procedure)',
	'Follow-up encounter (procedure)',
	'Well child visit (procedure)',
	'Prenatal visit',
	'Emergency room admission (procedure)',
	'Emergency treatment (procedure)',
	'Hospital admission (procedure)',
	'Consultation for treatment',
	'Telemedicine consultation with patient',
	'Urgent care clinic (environment)',
	'Patient encounter procedure',
	'Office visit',
	'Annual wellness visit',
	'Postoperative follow-up visit',
	'Medication review',
	'Home visit',
	'Outpatient procedure',
]

const VISIT_CLASSES = [
	'ambulatory',
	'ambulatory',
	'ambulatory',
	'wellness',
	'outpatient',
	'emergency',
	'inpatient',
	'urgentcare',
	'virtual',
	'home health',
]
const VISIT_STATUSES = ['finished', 'finished', 'finished', 'finished', 'in-progress', 'cancelled']

const ORGANIZATIONS = [
	'SOME HEALTH CENTER',
	'NORTHFIELD FAMILY MEDICINE',
	'RIVERBEND MEDICAL GROUP',
	'LAKESIDE COMMUNITY CLINIC',
	'PINE HOLLOW URGENT CARE',
	'EASTGATE PRIMARY CARE',
	'Demo Hospital (synthetic)',
	'Harbor View Clinic',
	'Meadowbrook Health Partners',
	'Westfield Pediatrics',
	'Valley General Hospital',
	'Cedar Street Internal Medicine',
]

const PROCEDURES = [
	'Medication reconciliation (procedure)',
	'Assessment of health and social care needs (procedure)',
	'Depression screening (procedure)',
	'Screening for drug abuse (procedure)',
	'Assessment of anxiety (procedure)',
	'Hemoglobin A1c measurement',
	'Venipuncture',
	'Electrocardiographic procedure',
	'Spirometry (procedure)',
	'Colonoscopy',
	'Screening mammography (procedure)',
	'Plain chest X-ray (procedure)',
	'Throat culture (procedure)',
	'Suture open wound',
	'Physical therapy procedure',
	'Urine screening test for diabetes',
	'Review of systems (procedure)',
	'Injection of tetanus antitoxin',
	'Bone density scan (procedure)',
	'Appendectomy',
]

const PERIOD_UNITS = ['day', 'day', 'day', 'week', 'month']

// ---------------------------------------------------------------------------------------------
// Sections

/** A patient's life in day numbers: born, and the last day the chart covers. */
type Timeline = { born: number; last: number }

function timeline(rng: Rng): Timeline {
	const last = dayIn(rng, 1990, 2027)
	const born = last - between(rng, 2, 90) * 365 - between(rng, 0, 364)
	return { born, last }
}

/** A day between `from` and `to` (day numbers). */
const dayBetween = (rng: Rng, from: number, to: number) => between(rng, Math.min(from, to), to)

/** A day in the last `days` of the chart, after the patient was born. */
const recent = (rng: Rng, t: Timeline, days: number) =>
	dayBetween(rng, Math.max(t.born + 1, t.last - days), t.last)

/** A value drawn for a lab: mostly in range, sometimes out of it either way. */
function drawValue(rng: Rng, test: Lab): number {
	const span = test.high - test.low
	const r = rng()
	const v =
		r < 0.7
			? test.low + rng() * span
			: r < 0.85
				? test.high + rng() * span * 0.8
				: Math.max(0, test.low - rng() * span * 0.5)
	return round(v, test.decimals)
}

type LabStyle = {
	/** Demo-style values with reference ranges and flags, or Synthea-style bare values. */
	ranges: boolean
	/** "0.4–4 mIU/L" (the low bound without its unit) or "0.4 mIU/L–4 mIU/L". */
	compactRange: boolean
	longNames: boolean
}

function qualifiers(rng: Rng, test: Lab, value: number, style: LabStyle): string {
	if (!style.ranges || test.reference === 'none') return ''
	const u = test.unit
	const lo = formatNumber(test.low)
	const hi = formatNumber(test.high)
	let flag: string | null = null
	if (test.reference !== 'lower' && value > test.high)
		flag = rng() < 0.1 ? 'critically high' : 'high'
	if (test.reference !== 'upper' && value < test.low) flag = rng() < 0.1 ? 'critically low' : 'low'
	if (flag && rng() < 0.05) flag = 'abnormal'
	const reference =
		test.reference === 'upper'
			? `≤ ${hi} ${u}`
			: test.reference === 'lower'
				? `≥ ${lo} ${u}`
				: style.compactRange
					? `${lo}–${hi} ${u}`
					: `${lo} ${u}–${hi} ${u}`
	const parts = [flag, `reference ${reference}`].filter(Boolean)
	return ` (${parts.join('; ')})`
}

const labName = (rng: Rng, test: Lab, style: LabStyle) =>
	(style.longNames ? test.names[test.names.length - 1] : test.names[0]) ?? pick(rng, test.names)

/** Result dates for one test, newest first. */
function resultDates(rng: Rng, t: Timeline, count: number): number[] {
	const dates: number[] = []
	let d = recent(rng, t, 400)
	for (let i = 0; i < count; i++) {
		dates.push(d)
		d -= between(rng, 20, 800)
	}
	return dates.filter((x) => x > t.born)
}

function timelineLines(
	rng: Rng,
	dates: readonly number[],
	value: (rng: Rng) => string,
	undatedRate = 0.02,
): string[] {
	const when = (d: number) => (rng() < undatedRate ? 'undated' : isoDay(d))
	const [first, ...rest] = dates
	if (first === undefined) return []
	const lines = [`Most recent: ${value(rng)} on ${when(first)}.`]
	if (rest.length > 0) lines.push('Earlier results:')
	for (const d of rest) lines.push(`${when(d)}: ${value(rng)}`)
	return lines
}

function labSection(rng: Rng, t: Timeline, style: LabStyle, test = pick(rng, LABS)): Section {
	const dates = resultDates(rng, t, between(rng, 1, rng() < 0.7 ? 3 : 7))
	const u = test.unit
	const value = (r: Rng) => {
		if (r() < 0.01)
			return `no value recorded (status ${pick(r, ['cancelled', 'entered-in-error'])})`
		const v = drawValue(r, test)
		return `${formatNumber(v)} ${u}${qualifiers(r, test, v, style)}`
	}
	return { heading: labName(rng, test, style), text: timelineLines(rng, dates, value).join('\n') }
}

function bloodPressureSection(rng: Rng, t: Timeline, style: LabStyle): Section {
	const dates = resultDates(rng, t, between(rng, 1, 6))
	const unit = style.ranges ? 'mmHg' : 'mm[Hg]'
	const [sys, dia] = style.longNames
		? ['Systolic Blood Pressure', 'Diastolic Blood Pressure']
		: ['Systolic', 'Diastolic']
	const value = (r: Rng) => {
		const s = between(r, 100, 165)
		const d = between(r, 60, Math.min(105, s - 25))
		const flag = style.ranges && (s >= 140 || d >= 90) && r() < 0.5 ? ' (high)' : ''
		return `${sys} ${s} ${unit}, ${dia} ${d} ${unit}${flag}`
	}
	return {
		heading: pick(rng, BLOOD_PRESSURE_NAMES),
		text: timelineLines(rng, dates, value).join('\n'),
	}
}

function codedSection(rng: Rng, t: Timeline): Section {
	const obs = pick(rng, CODED_OBSERVATIONS)
	const dates = resultDates(rng, t, between(rng, 1, 4))
	return {
		heading: obs.name,
		text: timelineLines(rng, dates, (r) => pick(r, obs.values)).join('\n'),
	}
}

function reportSection(rng: Rng, t: Timeline, style: LabStyle): Section {
	const panel = pick(rng, PANELS)
	const date = isoDay(recent(rng, t, 1500))
	const name = rng() < 0.5 ? panel.name : capital(panel.name)
	const status = rng() < 0.8 ? ' (status final)' : rng() < 0.5 ? ' (status amended)' : ''
	const lines = [`${name}, ${date}${status}.`]
	for (const testName of panel.tests) {
		const test = LABS.find((l) => l.names[0] === testName)
		if (!test) continue
		if (rng() < 0.05) {
			lines.push(`${labName(rng, test, style)}: result not in this chart`)
			continue
		}
		const v = drawValue(rng, test)
		lines.push(
			`${labName(rng, test, style)}: ${formatNumber(v)} ${test.unit}${qualifiers(rng, test, v, style)}`,
		)
	}
	if (rng() < 0.45) lines.push(`Conclusion: ${pick(rng, CONCLUSIONS)}`)
	return { heading: `${name} (${date})`, text: lines.join('\n') }
}

function labsSections(rng: Rng, t: Timeline): (() => Section)[] {
	const style: LabStyle = {
		ranges: rng() < 0.55,
		compactRange: rng() < 0.5,
		longNames: rng() < 0.35,
	}
	const tests = sample(rng, LABS, 12)
	return [
		...tests.map((test) => () => labSection(rng, t, style, test)),
		() => bloodPressureSection(rng, t, style),
		() => codedSection(rng, t),
		() => reportSection(rng, t, style),
	]
}

/** A condition's or substance's code label: mostly SNOMED-like, sometimes ICD-10, sometimes none. */
function codeOf(rng: Rng, name: string, icd = true): string | null {
	const r = rng()
	if (r < 0.08) return null
	if (icd && r < 0.14) return `ICD-10-CM ${pick(rng, ICD10_CODES)}`
	return `SNOMED ${snomedLike(name)}`
}

function problemSection(rng: Rng, t: Timeline, name: string): Section {
	const code = codeOf(rng, name)
	const parts = [code ? `${name} — ${code}.` : `${name}.`]
	const onset = dayBetween(rng, t.born + 365, t.last)
	if (rng() < 0.95) parts.push(`Onset ${isoDay(onset)}.`)
	const r = rng()
	const status =
		r < 0.6
			? 'active'
			: r < 0.85
				? 'resolved'
				: r < 0.93
					? 'inactive'
					: pick(rng, ['recurrence', 'remission'])
	if (status === 'resolved' || (status === 'inactive' && rng() < 0.5)) {
		const ended = onset + between(rng, 5, 900)
		parts.push(`${status === 'resolved' ? 'Resolved' : 'Abated'} ${isoDay(ended)}.`)
	}
	const verification =
		rng() < 0.1 ? pick(rng, ['unconfirmed', 'provisional', 'differential']) : null
	if (rng() < 0.97) parts.push(`Status: ${[status, verification].filter(Boolean).join(', ')}.`)
	if (rng() < 0.2) parts.push(`Recorded ${isoDay(onset + between(rng, 1, 60))}.`)
	return { heading: name, text: parts.join(' ') }
}

function problemSections(rng: Rng, t: Timeline): (() => Section)[] {
	return sample(rng, CONDITIONS, 14).map((name) => () => problemSection(rng, t, name))
}

function medicationName(rng: Rng, m: Medication): string {
	const name = `${m.ingredient} ${pick(rng, m.strengths)} ${pick(rng, m.forms)}`
	return rng() < 0.15 ? name.toLowerCase() : name
}

/** Dosage as the loaders write it: the prescriber's text, or dose, frequency and route. */
function dosage(rng: Rng, name: string): string {
	const directions = DIRECTIONS.find((d) => d.form.test(name))
	if (!directions) return 'as directed'
	if (rng() < 0.35) return pick(rng, directions.sigs)
	const parts: string[] = []
	if (rng() < 0.8) parts.push(`dose ${between(rng, 1, 2)} ${directions.unit}`)
	const frequency = between(rng, 1, 3)
	const unit = pick(rng, PERIOD_UNITS)
	parts.push(`${frequency} time${frequency === 1 ? '' : 's'} per ${unit}`)
	if (rng() < 0.5) parts.push(directions.route)
	if (rng() < 0.15) parts.push('as needed')
	return parts.join(', ')
}

function medicationSection(rng: Rng, t: Timeline, m: Medication): Section {
	const name = medicationName(rng, m)
	const count = rng() < 0.6 ? 1 : between(rng, 2, 6)
	let d = recent(rng, t, 2000)
	const lines: string[] = []
	const reason = rng() < 0.4 ? pick(rng, CONDITIONS) : null
	for (let i = 0; i < count && d > t.born; i++) {
		const details = [
			`status ${i === 0 ? pick(rng, MED_STATUSES) : pick(rng, ['stopped', 'completed', 'stopped'])}`,
		]
		if (rng() < 0.05) details.push(`intent ${pick(rng, ['plan', 'proposal', 'original-order'])}`)
		if (reason && rng() < 0.8) details.push(`reason: ${reason}`)
		if (rng() < 0.35) details.push(`dosage: ${dosage(rng, name)}`)
		const when = rng() < 0.02 ? 'Undated' : isoDay(d)
		lines.push(`${when}: ${name} — ${details.join('; ')}`)
		d -= between(rng, 30, 1200)
	}
	return { heading: name, text: lines.join('\n') }
}

function medicationSections(rng: Rng, t: Timeline): (() => Section)[] {
	return sample(rng, MEDICATIONS, 14).map((m) => () => medicationSection(rng, t, m))
}

function allergySection(rng: Rng, t: Timeline, a: Allergy): Section {
	const code = codeOf(rng, a.name, false)
	const parts = [code ? `${a.name} — ${code}.` : `${a.name}.`]
	const category = rng() < 0.05 ? joinList([a.category, 'medication']) : a.category
	if (rng() < 0.9) parts.push(`${capital(category)} ${a.type}.`)
	if (rng() < 0.85)
		parts.push(`Criticality: ${pick(rng, ['low', 'low', 'high', 'unable-to-assess'])}.`)
	const status = [pick(rng, ['active', 'active', 'active', 'inactive', 'resolved'])]
	if (rng() < 0.9) status.push(pick(rng, ['confirmed', 'confirmed', 'unconfirmed']))
	parts.push(`Status: ${status.join(', ')}.`)
	const recorded = dayBetween(rng, t.born, t.last)
	if (rng() < 0.3) parts.push(`Onset ${isoDay(dayBetween(rng, t.born, recorded))}.`)
	if (rng() < 0.9) parts.push(`Recorded ${isoDay(recorded)}.`)
	if (rng() < 0.8) {
		const reactions = sample(rng, REACTIONS, between(rng, 1, 3)).map((r) =>
			rng() < 0.4 ? `${r} (${pick(rng, ['mild', 'moderate', 'severe'])})` : r,
		)
		parts.push(`Reactions: ${reactions.join(', ')}.`)
	}
	return { heading: a.name, text: parts.join(' ') }
}

function allergySections(rng: Rng, t: Timeline): (() => Section)[] {
	return sample(rng, ALLERGIES, 8).map((a) => () => allergySection(rng, t, a))
}

function immunizationSection(rng: Rng, t: Timeline, name: string): Section {
	// seasonal vaccines come once a year, so a long chart lists a long run of dates; a series has a
	// few doses weeks or years apart
	const yearly = /influenza|covid/i.test(name)
	const count = yearly ? between(rng, 1, rng() < 0.5 ? 6 : 30) : between(rng, 1, 4)
	const dates: number[] = []
	let d = recent(rng, t, 700)
	for (let i = 0; i < count && d > t.born; i++) {
		dates.push(d)
		d -= yearly ? between(rng, 330, 400) : between(rng, 28, rng() < 0.5 ? 200 : 3650)
	}
	const [latest] = dates
	const head = latest === undefined ? `${name}.` : `${name} — most recent ${isoDay(latest)}.`
	const lines = dates.map((x) => {
		const status = rng() < 0.04 ? ` (${pick(rng, ['not-done', 'entered-in-error'])})` : ''
		return `${isoDay(x)}${status}`
	})
	return { heading: name, text: [head, ...lines].join('\n') }
}

function immunizationSections(rng: Rng, t: Timeline): (() => Section)[] {
	return sample(rng, VACCINES, 10).map((v) => () => immunizationSection(rng, t, v))
}

/** Identical lines collapsed, keeping order: "x" ×3 → "x (×3)", as the loaders do. */
function collapseRepeats(lines: readonly string[]): string[] {
	const counts = new Map<string, number>()
	for (const line of lines) counts.set(line, (counts.get(line) ?? 0) + 1)
	return [...counts].map(([line, n]) => (n > 1 ? `${line} (×${n})` : line))
}

function visitSections(rng: Rng, t: Timeline): (() => Section)[] {
	const start = dayBetween(rng, t.born, t.last)
	const cls = pick(rng, VISIT_CLASSES)
	const long = cls === 'inpatient' || (cls === 'emergency' && rng() < 0.3)
	const end = long ? start + between(rng, 1, 12) : start
	const reason = rng() < 0.6 ? pick(rng, CONDITIONS) : null
	const day = isoDay(start)
	const visit = (): Section => {
		const lines: string[] = []
		if (rng() < 0.95) lines.push(`Type: ${pick(rng, VISIT_TYPES)}.`)
		lines.push(`Class: ${cls}.`)
		lines.push(`Status: ${pick(rng, VISIT_STATUSES)}.`)
		lines.push(rng() < 0.6 || end !== start ? `Period: ${day} to ${isoDay(end)}.` : `Date: ${day}.`)
		if (reason) lines.push(`Reason: ${reason}.`)
		if (rng() < 0.85) lines.push(`Provider organization: ${pick(rng, ORGANIZATIONS)}.`)
		return { heading: 'Visit', text: lines.join('\n') }
	}
	const diagnoses = (): Section => ({
		heading: 'Diagnoses',
		text: sample(rng, CONDITIONS, between(rng, 1, 4))
			.map((c) => {
				const code = codeOf(rng, c)
				return code ? `${c} — ${code}` : c
			})
			.join('\n'),
	})
	const procedures = (): Section => ({
		heading: 'Procedures',
		text: collapseRepeats(
			Array.from({ length: between(rng, 1, 6) }, () =>
				rng() < 0.9 ? `${pick(rng, PROCEDURES)}, ${day}` : pick(rng, PROCEDURES),
			),
		).join('\n'),
	})
	const immunizations = (): Section => ({
		heading: 'Immunizations',
		text: sample(rng, VACCINES, between(rng, 1, 3)).join('\n'),
	})
	const medications = (): Section => ({
		heading: 'Medications ordered',
		text: sample(rng, MEDICATIONS, between(rng, 1, 4))
			.map((m) => `${medicationName(rng, m)} (status ${pick(rng, MED_STATUSES)})`)
			.join('\n'),
	})
	const observations = (): Section => {
		const lines: string[] = []
		for (const test of sample(rng, LABS, between(rng, 2, 9))) {
			lines.push(`${test.names[0]}: ${formatNumber(drawValue(rng, test))} ${test.unit}`)
		}
		if (rng() < 0.5) {
			const s = between(rng, 100, 160)
			lines.push(
				`Blood Pressure: Systolic Blood Pressure ${s} mm[Hg], Diastolic Blood Pressure ${between(rng, 60, s - 30)} mm[Hg]`,
			)
		}
		if (rng() < 0.3) {
			const obs = pick(rng, CODED_OBSERVATIONS)
			lines.push(`${obs.name}: ${pick(rng, obs.values)}`)
		}
		if (rng() < 0.3) {
			const n = between(rng, 2, 9)
			lines.push(`${pick(rng, PANELS).name} report: ${n} results`)
		}
		return { heading: 'Observations and results', text: collapseRepeats(lines).join('\n') }
	}
	return [visit, diagnoses, procedures, immunizations, medications, observations]
}

const SECTIONS: Record<StructuredKind, (rng: Rng, t: Timeline) => (() => Section)[]> = {
	labs: labsSections,
	problems: problemSections,
	medications: medicationSections,
	allergies: allergySections,
	immunizations: immunizationSections,
	visit: visitSections,
}

/** How often each kind is drawn: timelines and visits are most of a chart. */
const KIND_WEIGHTS: readonly [StructuredKind, number][] = [
	['labs', 0.3],
	['problems', 0.15],
	['medications', 0.15],
	['allergies', 0.1],
	['immunizations', 0.1],
	['visit', 0.2],
]

function drawKind(rng: Rng): StructuredKind {
	let r = rng()
	for (const [kind, weight] of KIND_WEIGHTS) {
		r -= weight
		if (r < 0) return kind
	}
	return 'visit'
}

/** The ingestion chunker's target: sections are merged while they fit in this many characters. */
const CHUNK_TARGET_CHARS = 1_000

/**
 * One chunk of one kind of structured document: whole sections joined by blank lines, as many as
 * fit a length drawn from 300–1,000 characters (a single long section may run over).
 */
export function structuredChartChunk(rng: Rng, kind: StructuredKind = drawKind(rng)): string {
	const t = timeline(rng)
	const makers = SECTIONS[kind](rng, t)
	const target = between(rng, 300, CHUNK_TARGET_CHARS)
	// visits start with the visit; later chunks of a long visit may start anywhere
	const first = kind === 'visit' && rng() < 0.8 ? 0 : Math.floor(rng() * makers.length)
	const parts: string[] = []
	let length = 0
	for (let i = 0; i < makers.length; i++) {
		const make = makers[(first + i) % makers.length]
		if (!make) break
		const text = render(make())
		if (parts.length > 0 && length + 2 + text.length > CHUNK_TARGET_CHARS) break
		parts.push(text)
		length += text.length + (parts.length > 1 ? 2 : 0)
		if (length >= target) break
	}
	return parts.join('\n\n')
}

/** `count` structured chunks, kinds drawn by their weights. Deterministic for a given `rng` seed. */
export function structuredChartChunks(rng: Rng, count: number): string[] {
	return Array.from({ length: count }, () => structuredChartChunk(rng))
}
