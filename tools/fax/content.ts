/**
 * Clinical material the templates draw on: invented scenarios (a problem with its symptoms,
 * medicines, tests and a specialty), lab panels with units and reference ranges, imaging studies.
 * Written for this generator; nothing is copied from a patient record.
 */
export type Scenario = {
	problem: string
	icd10: string
	specialty: string
	symptoms: string
	history: string
	exam: string
	meds: readonly string[]
	plan: string
	study: string
	finding: string
	impression: string
	procedure: string
	cpt: string
	drug: string
}

export const SCENARIOS: readonly Scenario[] = [
	{
		problem: 'Heart failure with reduced ejection fraction',
		icd10: 'I50.22',
		specialty: 'Cardiology',
		symptoms: 'progressive dyspnea on exertion, orthopnea and bilateral ankle swelling',
		history:
			'ejection fraction of 30 percent on the last echocardiogram, two admissions for volume overload this year',
		exam: 'jugular venous distension, bibasilar crackles, 2+ pitting edema to the mid shin',
		meds: [
			'Furosemide 40 mg PO daily',
			'Carvedilol 12.5 mg PO BID',
			'Sacubitril-valsartan 49-51 mg PO BID',
			'Spironolactone 25 mg PO daily',
		],
		plan: 'increase diuretic, daily weights, sodium restriction under 2 g a day, repeat basic metabolic panel in one week',
		study: 'Transthoracic echocardiogram',
		finding:
			'left ventricle moderately dilated with global hypokinesis, estimated ejection fraction 30 to 35 percent, mild mitral regurgitation',
		impression: 'Moderately reduced left ventricular systolic function, unchanged from prior',
		procedure: 'Cardiac resynchronization therapy device evaluation',
		cpt: '93306',
		drug: 'Sacubitril-valsartan 49-51 mg tablet',
	},
	{
		problem: 'Type 2 diabetes mellitus with hyperglycemia',
		icd10: 'E11.65',
		specialty: 'Endocrinology',
		symptoms: 'polyuria, polydipsia and fatigue over two months',
		history: 'hemoglobin A1c rising from 7.4 to 9.1 percent despite metformin at the maximum dose',
		exam: 'BMI 34, diminished monofilament sensation at both great toes, no foot ulcers',
		meds: [
			'Metformin 1000 mg PO BID',
			'Glipizide 5 mg PO daily',
			'Atorvastatin 40 mg PO nightly',
			'Lisinopril 10 mg PO daily',
		],
		plan: 'start a GLP-1 receptor agonist, diabetes education referral, retinal exam, recheck A1c in three months',
		study: 'Retinal photography',
		finding: 'scattered dot-blot hemorrhages in both eyes without macular edema',
		impression: 'Mild nonproliferative diabetic retinopathy, both eyes',
		procedure: 'Continuous glucose monitor',
		cpt: '95251',
		drug: 'Semaglutide 0.25 mg/0.5 mL pen injector',
	},
	{
		problem: 'Chronic obstructive pulmonary disease with acute exacerbation',
		icd10: 'J44.1',
		specialty: 'Pulmonology',
		symptoms: 'increased cough, purulent sputum and wheezing for five days',
		history: '45 pack-year smoking history, home oxygen at night, last exacerbation in the spring',
		exam: 'diffuse expiratory wheezes, prolonged expiratory phase, oxygen saturation 89 percent on room air',
		meds: [
			'Tiotropium 18 mcg inhaled daily',
			'Fluticasone-salmeterol 250/50 one puff BID',
			'Albuterol HFA 2 puffs q4h PRN',
			'Prednisone 40 mg PO daily x 5 days',
		],
		plan: 'complete steroid burst, pulmonary rehabilitation referral, smoking cessation counselling, spirometry in six weeks',
		study: 'CT chest without contrast',
		finding:
			'centrilobular emphysema with upper lobe predominance, a 6 mm solid nodule in the right lower lobe',
		impression: 'Emphysema. 6 mm right lower lobe nodule; follow-up CT in 6 to 12 months suggested',
		procedure: 'Pulmonary rehabilitation program, 36 sessions',
		cpt: '94625',
		drug: 'Umeclidinium-vilanterol 62.5/25 mcg inhaler',
	},
	{
		problem: 'Primary osteoarthritis of the right knee',
		icd10: 'M17.11',
		specialty: 'Orthopedics',
		symptoms:
			'right knee pain worse with stairs, morning stiffness under 30 minutes, intermittent swelling',
		history:
			'failed six months of physical therapy, two corticosteroid injections with short relief',
		exam: 'medial joint line tenderness, small effusion, crepitus, range of motion 5 to 110 degrees',
		meds: [
			'Meloxicam 15 mg PO daily',
			'Acetaminophen 650 mg PO q8h PRN',
			'Diclofenac 1% gel QID topically',
		],
		plan: 'discuss total knee arthroplasty, weight management, continue home exercise program',
		study: 'MRI right knee without contrast',
		finding:
			'high-grade chondral loss in the medial compartment, complex tear of the posterior horn of the medial meniscus, small joint effusion',
		impression: 'Advanced medial compartment osteoarthritis with degenerative medial meniscal tear',
		procedure: 'Right total knee arthroplasty',
		cpt: '27447',
		drug: 'Hyaluronic acid injection (hylan G-F 20)',
	},
	{
		problem: 'Chronic kidney disease, stage 3b',
		icd10: 'N18.32',
		specialty: 'Nephrology',
		symptoms: 'no new symptoms; referred for declining eGFR',
		history:
			'eGFR falling from 52 to 38 mL/min over 18 months, long-standing hypertension and diabetes',
		exam: 'blood pressure 152/88, trace edema, no bruits',
		meds: [
			'Losartan 100 mg PO daily',
			'Amlodipine 10 mg PO daily',
			'Empagliflozin 10 mg PO daily',
			'Sodium bicarbonate 650 mg PO BID',
		],
		plan: 'renal ultrasound, urine albumin-to-creatinine ratio, avoid NSAIDs, dietitian referral',
		study: 'Renal ultrasound',
		finding:
			'right kidney 9.4 cm, left kidney 9.8 cm, increased cortical echogenicity bilaterally, no hydronephrosis',
		impression: 'Bilateral increased renal echogenicity compatible with medical renal disease',
		procedure: 'Nephrology consultation and renal ultrasound',
		cpt: '76770',
		drug: 'Finerenone 10 mg tablet',
	},
	{
		problem: 'Migraine without aura, intractable',
		icd10: 'G43.011',
		specialty: 'Neurology',
		symptoms:
			'throbbing unilateral headaches with nausea and photophobia, 12 headache days a month',
		history: 'failed topiramate and propranolol trials, frequent triptan use',
		exam: 'normal neurological examination, no papilledema',
		meds: [
			'Sumatriptan 50 mg PO PRN',
			'Amitriptyline 25 mg PO nightly',
			'Ondansetron 4 mg ODT PRN',
		],
		plan: 'headache diary, start CGRP antagonist, limit acute medication to two days a week',
		study: 'MRI brain with and without contrast',
		finding:
			'no acute intracranial abnormality, a few nonspecific T2 hyperintense foci in the frontal white matter',
		impression:
			'No acute findings. Nonspecific white matter foci, likely microvascular or migraine related',
		procedure: 'OnabotulinumtoxinA injections for chronic migraine',
		cpt: '64615',
		drug: 'Erenumab-aooe 70 mg/mL autoinjector',
	},
	{
		problem: 'Atrial fibrillation, persistent',
		icd10: 'I48.19',
		specialty: 'Cardiology',
		symptoms: 'palpitations and fatigue, episodes lasting several days',
		history: 'CHA2DS2-VASc score of 4, on anticoagulation, prior cardioversion two years ago',
		exam: 'irregularly irregular rhythm at 104 beats per minute, no murmurs',
		meds: [
			'Apixaban 5 mg PO BID',
			'Metoprolol succinate 50 mg PO daily',
			'Diltiazem ER 120 mg PO daily',
		],
		plan: 'rate control, Holter monitor, discuss rhythm control with electrophysiology',
		study: '48-hour Holter monitor',
		finding:
			'atrial fibrillation throughout with average ventricular rate 96, maximum 148, no pauses over 2.5 seconds',
		impression: 'Persistent atrial fibrillation with suboptimal rate control',
		procedure: 'Catheter ablation for atrial fibrillation',
		cpt: '93656',
		drug: 'Dofetilide 250 mcg capsule',
	},
	{
		problem: 'Lumbar radiculopathy',
		icd10: 'M54.16',
		specialty: 'Orthopedics',
		symptoms: 'low back pain radiating down the left leg to the foot with numbness for eight weeks',
		history: 'no bowel or bladder symptoms, six weeks of physical therapy without improvement',
		exam: 'positive straight leg raise on the left at 40 degrees, diminished left ankle reflex',
		meds: [
			'Gabapentin 300 mg PO TID',
			'Naproxen 500 mg PO BID',
			'Cyclobenzaprine 5 mg PO nightly PRN',
		],
		plan: 'MRI lumbar spine, epidural steroid injection if concordant findings, continue therapy',
		study: 'MRI lumbar spine without contrast',
		finding:
			'left paracentral disc extrusion at L5-S1 contacting the descending left S1 nerve root, mild facet arthropathy',
		impression: 'L5-S1 left paracentral disc extrusion with left S1 nerve root impingement',
		procedure: 'Lumbar transforaminal epidural steroid injection, left L5-S1',
		cpt: '64483',
		drug: 'Pregabalin 75 mg capsule',
	},
	{
		problem: 'Hypothyroidism',
		icd10: 'E03.9',
		specialty: 'Endocrinology',
		symptoms: 'fatigue, cold intolerance, constipation and weight gain',
		history: 'TSH 11.2 on screening, positive thyroid peroxidase antibodies',
		exam: 'dry skin, delayed relaxation of ankle reflexes, diffusely enlarged nontender thyroid',
		meds: ['Levothyroxine 75 mcg PO daily', 'Vitamin D3 2000 units PO daily'],
		plan: 'titrate levothyroxine, recheck TSH in six weeks, thyroid ultrasound',
		study: 'Thyroid ultrasound',
		finding:
			'heterogeneous enlarged thyroid gland, a 1.1 cm isoechoic nodule in the left lobe without microcalcifications',
		impression: 'Thyroiditis pattern. 1.1 cm left thyroid nodule, TI-RADS 3',
		procedure: 'Thyroid fine needle aspiration',
		cpt: '10005',
		drug: 'Liothyronine 5 mcg tablet',
	},
	{
		problem: 'Major depressive disorder, recurrent, moderate',
		icd10: 'F33.1',
		specialty: 'Psychiatry',
		symptoms: 'low mood, anhedonia, poor sleep and poor concentration for three months',
		history: 'PHQ-9 score of 17, partial response to sertraline, no suicidal ideation',
		exam: 'constricted affect, linear thought process, good insight',
		meds: ['Sertraline 150 mg PO daily', 'Trazodone 50 mg PO nightly PRN'],
		plan: 'augment therapy, weekly psychotherapy, safety plan reviewed, follow up in four weeks',
		study: 'None',
		finding: 'not applicable',
		impression: 'not applicable',
		procedure: 'Transcranial magnetic stimulation, 36 sessions',
		cpt: '90867',
		drug: 'Vortioxetine 10 mg tablet',
	},
	{
		problem: 'Community-acquired pneumonia',
		icd10: 'J18.9',
		specialty: 'Pulmonology',
		symptoms: 'fever, productive cough and pleuritic chest pain for three days',
		history: 'no recent hospitalization, pneumococcal vaccine up to date',
		exam: 'temperature 38.7 C, crackles and bronchial breath sounds at the right base',
		meds: [
			'Amoxicillin-clavulanate 875 mg PO BID',
			'Azithromycin 500 mg PO daily',
			'Benzonatate 100 mg PO TID PRN',
		],
		plan: 'complete antibiotic course, chest x-ray in six weeks to document clearance',
		study: 'Chest x-ray, PA and lateral',
		finding:
			'airspace consolidation in the right lower lobe, small right pleural effusion, normal heart size',
		impression: 'Right lower lobe pneumonia with small parapneumonic effusion',
		procedure: 'CT chest with contrast',
		cpt: '71260',
		drug: 'Levofloxacin 750 mg tablet',
	},
	{
		problem: 'Iron deficiency anemia',
		icd10: 'D50.9',
		specialty: 'Gastroenterology',
		symptoms: 'fatigue and exertional dyspnea, no overt bleeding',
		history: 'hemoglobin 9.2 g/dL, ferritin 6 ng/mL, no colonoscopy on record',
		exam: 'conjunctival pallor, soft nontender abdomen, guaiac positive stool',
		meds: ['Ferrous sulfate 325 mg PO daily', 'Omeprazole 20 mg PO daily'],
		plan: 'upper endoscopy and colonoscopy, consider intravenous iron',
		study: 'CT abdomen and pelvis with contrast',
		finding:
			'circumferential wall thickening of the ascending colon over 4 cm, no lymphadenopathy, liver normal',
		impression: 'Ascending colon wall thickening; correlate with colonoscopy',
		procedure: 'Colonoscopy with biopsy',
		cpt: '45380',
		drug: 'Ferric carboxymaltose 750 mg/15 mL infusion',
	},
	{
		problem: 'Breast mass, left',
		icd10: 'N63.20',
		specialty: 'Oncology',
		symptoms: 'a palpable lump in the left breast noticed one month ago',
		history: 'no family history of breast cancer, last mammogram two years ago normal',
		exam: "2 cm firm mobile mass at 2 o'clock in the left breast, no axillary adenopathy",
		meds: ['None reported'],
		plan: 'diagnostic mammogram and ultrasound, core biopsy if suspicious',
		study: 'Diagnostic mammogram and left breast ultrasound',
		finding: "irregular hypoechoic mass at 2 o'clock, 1.8 x 1.5 x 1.4 cm, with angular margins",
		impression:
			'Suspicious left breast mass, BI-RADS 4C. Ultrasound-guided core biopsy recommended',
		procedure: 'Ultrasound-guided core needle biopsy, left breast',
		cpt: '19083',
		drug: 'Anastrozole 1 mg tablet',
	},
	{
		problem: 'Nephrolithiasis',
		icd10: 'N20.0',
		specialty: 'Urology',
		symptoms: 'colicky right flank pain radiating to the groin with hematuria',
		history: 'one prior stone passed spontaneously five years ago',
		exam: 'right costovertebral angle tenderness, afebrile',
		meds: ['Tamsulosin 0.4 mg PO daily', 'Ketorolac 10 mg PO q6h PRN', 'Ondansetron 4 mg PO PRN'],
		plan: 'medical expulsive therapy, strain urine, urology follow up if no passage in four weeks',
		study: 'CT abdomen and pelvis without contrast (renal stone protocol)',
		finding:
			'6 mm obstructing calculus at the right ureterovesical junction with mild right hydronephrosis',
		impression: '6 mm right UVJ stone with mild hydronephrosis',
		procedure: 'Ureteroscopy with laser lithotripsy',
		cpt: '52356',
		drug: 'Potassium citrate 10 mEq ER tablet',
	},
	{
		problem: 'Rheumatoid arthritis, seropositive',
		icd10: 'M05.79',
		specialty: 'Rheumatology',
		symptoms: 'symmetric swelling of the hands and wrists with two hours of morning stiffness',
		history: 'positive rheumatoid factor and anti-CCP, partial response to methotrexate',
		exam: 'synovitis of the 2nd and 3rd MCP joints bilaterally and both wrists',
		meds: ['Methotrexate 20 mg PO weekly', 'Folic acid 1 mg PO daily', 'Prednisone 5 mg PO daily'],
		plan: 'add a biologic agent after tuberculosis screening, taper prednisone',
		study: 'X-ray both hands, 3 views',
		finding:
			'periarticular osteopenia and small marginal erosions at the 2nd MCP joints bilaterally',
		impression: 'Erosive changes consistent with rheumatoid arthritis',
		procedure: 'Biologic infusion therapy',
		cpt: '96413',
		drug: 'Adalimumab 40 mg/0.4 mL pen',
	},
]

export type LabTest = {
	name: string
	unit: string
	low: number
	high: number
	decimals: number
	panel: string
}

export const LAB_TESTS: readonly LabTest[] = [
	{ panel: 'CBC', name: 'WBC', unit: 'x10^3/uL', low: 4.0, high: 11.0, decimals: 1 },
	{ panel: 'CBC', name: 'RBC', unit: 'x10^6/uL', low: 4.2, high: 5.9, decimals: 2 },
	{ panel: 'CBC', name: 'Hemoglobin', unit: 'g/dL', low: 12.0, high: 17.5, decimals: 1 },
	{ panel: 'CBC', name: 'Hematocrit', unit: '%', low: 36, high: 52, decimals: 1 },
	{ panel: 'CBC', name: 'MCV', unit: 'fL', low: 80, high: 100, decimals: 0 },
	{ panel: 'CBC', name: 'Platelets', unit: 'x10^3/uL', low: 150, high: 400, decimals: 0 },
	{ panel: 'CMP', name: 'Sodium', unit: 'mmol/L', low: 135, high: 145, decimals: 0 },
	{ panel: 'CMP', name: 'Potassium', unit: 'mmol/L', low: 3.5, high: 5.1, decimals: 1 },
	{ panel: 'CMP', name: 'Chloride', unit: 'mmol/L', low: 98, high: 107, decimals: 0 },
	{ panel: 'CMP', name: 'CO2', unit: 'mmol/L', low: 22, high: 29, decimals: 0 },
	{ panel: 'CMP', name: 'BUN', unit: 'mg/dL', low: 7, high: 20, decimals: 0 },
	{ panel: 'CMP', name: 'Creatinine', unit: 'mg/dL', low: 0.6, high: 1.2, decimals: 2 },
	{ panel: 'CMP', name: 'Glucose', unit: 'mg/dL', low: 70, high: 99, decimals: 0 },
	{ panel: 'CMP', name: 'Calcium', unit: 'mg/dL', low: 8.6, high: 10.3, decimals: 1 },
	{ panel: 'CMP', name: 'Albumin', unit: 'g/dL', low: 3.5, high: 5.0, decimals: 1 },
	{ panel: 'CMP', name: 'ALT', unit: 'U/L', low: 7, high: 56, decimals: 0 },
	{ panel: 'CMP', name: 'AST', unit: 'U/L', low: 10, high: 40, decimals: 0 },
	{ panel: 'CMP', name: 'Alkaline Phosphatase', unit: 'U/L', low: 44, high: 147, decimals: 0 },
	{ panel: 'CMP', name: 'Total Bilirubin', unit: 'mg/dL', low: 0.1, high: 1.2, decimals: 1 },
	{
		panel: 'Lipid Panel',
		name: 'Total Cholesterol',
		unit: 'mg/dL',
		low: 100,
		high: 199,
		decimals: 0,
	},
	{ panel: 'Lipid Panel', name: 'LDL Cholesterol', unit: 'mg/dL', low: 0, high: 99, decimals: 0 },
	{ panel: 'Lipid Panel', name: 'HDL Cholesterol', unit: 'mg/dL', low: 40, high: 90, decimals: 0 },
	{ panel: 'Lipid Panel', name: 'Triglycerides', unit: 'mg/dL', low: 0, high: 149, decimals: 0 },
	{ panel: 'Endocrine', name: 'Hemoglobin A1c', unit: '%', low: 4.0, high: 5.6, decimals: 1 },
	{ panel: 'Endocrine', name: 'TSH', unit: 'mIU/L', low: 0.45, high: 4.5, decimals: 2 },
	{ panel: 'Endocrine', name: 'Free T4', unit: 'ng/dL', low: 0.8, high: 1.8, decimals: 2 },
	{ panel: 'Cardiac', name: 'BNP', unit: 'pg/mL', low: 0, high: 100, decimals: 0 },
	{ panel: 'Cardiac', name: 'Troponin I', unit: 'ng/mL', low: 0, high: 0.04, decimals: 2 },
	{ panel: 'Iron Studies', name: 'Ferritin', unit: 'ng/mL', low: 15, high: 300, decimals: 0 },
	{ panel: 'Iron Studies', name: 'Iron', unit: 'ug/dL', low: 60, high: 170, decimals: 0 },
	{ panel: 'Iron Studies', name: 'TIBC', unit: 'ug/dL', low: 240, high: 450, decimals: 0 },
	{ panel: 'Coagulation', name: 'PT', unit: 'sec', low: 11, high: 13.5, decimals: 1 },
	{ panel: 'Coagulation', name: 'INR', unit: '', low: 0.8, high: 1.1, decimals: 1 },
	{ panel: 'Renal', name: 'eGFR', unit: 'mL/min/1.73m2', low: 60, high: 120, decimals: 0 },
	{ panel: 'Renal', name: 'Urine Albumin/Creatinine', unit: 'mg/g', low: 0, high: 29, decimals: 0 },
	{ panel: 'Inflammatory', name: 'CRP', unit: 'mg/L', low: 0, high: 10, decimals: 1 },
	{ panel: 'Inflammatory', name: 'ESR', unit: 'mm/hr', low: 0, high: 20, decimals: 0 },
	{ panel: 'Vitamins', name: 'Vitamin D, 25-OH', unit: 'ng/mL', low: 30, high: 100, decimals: 0 },
	{ panel: 'Vitamins', name: 'Vitamin B12', unit: 'pg/mL', low: 200, high: 900, decimals: 0 },
]

export const ORGANISMS = [
	'Escherichia coli',
	'Klebsiella pneumoniae',
	'Enterococcus faecalis',
	'Proteus mirabilis',
] as const
export const ANTIBIOTICS = [
	'Ampicillin',
	'Cefazolin',
	'Ceftriaxone',
	'Ciprofloxacin',
	'Nitrofurantoin',
	'Trimethoprim/Sulfa',
	'Gentamicin',
] as const

export const ALLERGIES = [
	'No known drug allergies',
	'Penicillin (hives)',
	'Sulfa drugs (rash)',
	'Codeine (nausea)',
	'Iodinated contrast (urticaria)',
	'NKDA',
	'Latex',
] as const
export const SOCIAL = [
	'Lives with spouse, retired teacher, former smoker (quit 2009), drinks 1-2 glasses of wine a week.',
	'Works as a carpenter, never smoker, no alcohol, walks daily.',
	'Lives alone, independent in activities of daily living, 20 pack-year smoker, currently smoking half a pack a day.',
	'Married, two children, office manager, occasional alcohol, no drug use.',
	'Lives in an assisted living facility, uses a walker, no tobacco.',
] as const
export const FAMILY_HISTORY = [
	'Father with coronary artery disease at 58; mother with type 2 diabetes.',
	'Mother with breast cancer at 62. No family history of colon cancer.',
	'Noncontributory.',
	'Brother with hypertension; maternal grandmother with stroke.',
] as const
export const PAST_HISTORY = [
	'Hypertension',
	'Hyperlipidemia',
	'Gastroesophageal reflux disease',
	'Obstructive sleep apnea on CPAP',
	'Osteoporosis',
	'Benign prostatic hyperplasia',
	'Asthma in childhood',
	'Appendectomy (1998)',
	'Cholecystectomy (2012)',
	'Tonsillectomy',
	'Right carpal tunnel release',
	'Gout',
	'Anxiety',
] as const
