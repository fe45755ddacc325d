import { ANTIBIOTICS, LAB_TESTS, type LabTest, ORGANISMS } from './content.ts'
import {
	clinicianName,
	d,
	demographics,
	dobOf,
	letterhead,
	nameOf,
	signature,
	type DocContext,
	type Template,
} from './context.ts'
import { addDays } from './formats.ts'
import type { Block } from './layout.ts'
import type { Rand } from './random.ts'

/** Laboratory results (tables with units and reference ranges) and imaging reports. */
const h = (text: string, level?: 1 | 2): Block => ({
	t: 'heading',
	text,
	...(level ? { level } : {}),
})
const p = (text: string): Block => ({ t: 'text', text })

function value(rng: Rand, t: LabTest): { v: string; flag: string } {
	const span = t.high - t.low || t.high || 1
	const r = rng.next()
	const x =
		r < 0.2
			? t.low - span * rng.float(0.05, 0.4)
			: r < 0.4
				? t.high + span * rng.float(0.05, 0.8)
				: t.low + span * rng.float(0.05, 0.95)
	const v = Math.max(0, x)
	const flag = v < t.low ? 'L' : v > t.high ? 'H' : ''
	return { v: v.toFixed(t.decimals), flag }
}
const range = (t: LabTest, form: number) => {
	const lo = t.low.toFixed(t.decimals)
	const hi = t.high.toFixed(t.decimals)
	if (t.low === 0) return form === 0 ? `<${hi}` : `0-${hi}`
	return form === 0 ? `${lo}-${hi}` : form === 1 ? `${lo} - ${hi}` : `(${lo}-${hi})`
}
const panelTests = (ctx: DocContext, n?: number) => {
	const panels = [...new Set(LAB_TESTS.map((t) => t.panel))]
	const chosen = ctx.rng.sample(panels, n ?? ctx.rng.int(1, 3))
	return chosen.map((panel) => ({ panel, tests: LAB_TESTS.filter((t) => t.panel === panel) }))
}
const specimen = (ctx: DocContext): Block => ({
	t: 'kv',
	pairs: [
		[
			'Collected',
			`${d(ctx, ctx.serviceDate)} ${ctx.rng.int(6, 11)}:${String(ctx.rng.int(0, 59)).padStart(2, '0')}`,
		],
		['Received', d(ctx, ctx.serviceDate)],
		['Reported', d(ctx, addDays(ctx.serviceDate, ctx.rng.int(0, 2)))],
		['Accession', `${ctx.rng.pick(['A', 'L', 'CC'])}${ctx.rng.digits(9)}`],
		['Ordering', clinicianName(ctx.author)],
		['Specimen', ctx.rng.pick(['Serum', 'Whole blood', 'Plasma', 'Serum/Plasma'])],
	],
	columns: 2,
})

export const RESULT_TEMPLATES: Template[] = [
	{
		id: 'lab-table',
		label: 'lab_result',
		set: 'A',
		build: (ctx) => {
			const rf = ctx.rng.int(0, 2)
			const blocks: Block[] = [
				...letterhead(ctx),
				h(ctx.rng.pick(['Laboratory Report', 'Final Lab Results', 'Clinical Laboratory Report'])),
				...demographics(ctx),
				specimen(ctx),
			]
			for (const { panel, tests } of panelTests(ctx)) {
				blocks.push(h(panel, 2))
				blocks.push({
					t: 'table',
					header: ['Test', 'Result', 'Flag', 'Units', 'Reference Range'],
					rows: tests.map((t) => {
						const { v, flag } = value(ctx.rng, t)
						return [t.name, v, flag, t.unit, range(t, rf)]
					}),
					widths: [3, 1.2, 0.8, 1.8, 2],
				})
			}
			blocks.push(
				p(
					ctx.rng.pick([
						'H = above reference range, L = below reference range.',
						'Results flagged H/L fall outside the reference interval.',
						'FINAL REPORT',
					]),
				),
			)
			blocks.push(
				p(
					`Performing laboratory: ${ctx.org.name}, CLIA #${ctx.rng.digits(2)}D${ctx.rng.digits(7)}. Laboratory director: ${clinicianName(ctx.author)}.`,
				),
			)
			return blocks
		},
	},
	{
		id: 'lab-inline',
		label: 'lab_result',
		set: 'A',
		build: (ctx) => {
			const blocks: Block[] = [
				...letterhead(ctx),
				p(`RESULTS REPORT     Printed ${d(ctx, ctx.date)}`),
				...demographics(ctx, 'inline'),
				{ t: 'rule' },
			]
			for (const { panel, tests } of panelTests(ctx)) {
				blocks.push({ t: 'text', text: `${panel.toUpperCase()}`, bold: true })
				for (const t of tests) {
					const { v, flag } = value(ctx.rng, t)
					blocks.push({
						t: 'text',
						text: `${t.name} ${v}${flag ? ` (${flag})` : ''} ${t.unit} [${range(t, 0)}]`,
						indent: 12,
					})
				}
			}
			blocks.push(p(`Resulted by ${ctx.org.name}. Please review and sign.`))
			return blocks
		},
	},
	{
		id: 'lab-cumulative',
		label: 'lab_result',
		set: 'B',
		build: (ctx) => {
			const dates = [
				addDays(ctx.serviceDate, -ctx.rng.int(60, 120)),
				addDays(ctx.serviceDate, -ctx.rng.int(10, 50)),
				ctx.serviceDate,
			]
			const tests = ctx.rng.sample(LAB_TESTS, ctx.rng.int(8, 16))
			return [
				{ t: 'banner', text: 'CUMULATIVE RESULTS' },
				...demographics(ctx, 'table'),
				p(`Ordering provider: ${clinicianName(ctx.author)}   Performing site: ${ctx.org.name}`),
				{
					t: 'table',
					header: ['Analyte', ...dates.map((x) => d(ctx, x)), 'Units', 'Ref'],
					rows: tests.map((t) => [
						t.name,
						...dates.map(() => {
							const { v, flag } = value(ctx.rng, t)
							return `${v}${flag ? ` ${flag}` : ''}`
						}),
						t.unit,
						range(t, 1),
					]),
					widths: [2.6, 1.3, 1.3, 1.3, 1.6, 1.5],
				},
				p('Trend report. Values outside the reference interval are followed by H or L.'),
			]
		},
	},
	{
		id: 'lab-micro',
		label: 'lab_result',
		set: 'B',
		build: (ctx) => {
			const org = ctx.rng.pick(ORGANISMS)
			return [
				...letterhead(ctx),
				h('Microbiology Report'),
				...demographics(ctx, 'kv2'),
				specimen(ctx),
				{
					t: 'kv',
					pairs: [
						[
							'Source',
							ctx.rng.pick(['Urine, clean catch', 'Urine, catheter', 'Blood, peripheral']),
						],
						['Test', 'Culture and susceptibility'],
						['Status', 'FINAL'],
					],
				},
				p(`CULTURE RESULT: >100,000 CFU/mL ${org}`),
				h('Susceptibility (MIC)', 2),
				{
					t: 'table',
					header: ['Antibiotic', 'MIC (ug/mL)', 'Interpretation'],
					rows: ctx.rng
						.sample(ANTIBIOTICS, 5)
						.map((a) => [
							a,
							ctx.rng.pick(['<=1', '<=2', '4', '8', '>=16', '<=0.25']),
							ctx.rng.pick(['S', 'S', 'S', 'I', 'R']),
						]),
				},
				p(
					'S = susceptible, I = intermediate, R = resistant. Interpretive criteria per current CLSI guidelines.',
				),
				...signature(ctx),
			]
		},
	},
	{
		id: 'imaging-radiology',
		label: 'imaging_report',
		set: 'A',
		build: (ctx) => [
			...letterhead(ctx),
			h(ctx.rng.pick(['Radiology Report', 'Diagnostic Imaging Report', 'Imaging Report'])),
			...demographics(ctx),
			{
				t: 'kv',
				pairs: [
					['Exam', ctx.scenario.study === 'None' ? 'Chest x-ray, 2 views' : ctx.scenario.study],
					['Exam Date', d(ctx, ctx.serviceDate)],
					['Accession #', ctx.rng.digits(8)],
					['Ordering Physician', ctx.recipient.name],
				],
			},
			h('Clinical History', 2),
			p(`${ctx.scenario.problem}. ${ctx.scenario.symptoms}.`),
			h('Technique', 2),
			p(
				ctx.rng.pick([
					'Standard protocol images were obtained.',
					'Multiplanar multisequence images were acquired without intravenous contrast.',
					'Axial images with coronal and sagittal reformats.',
				]),
			),
			h('Comparison', 2),
			p(
				ctx.rng.pick([
					'None available.',
					`Prior study dated ${d(ctx, addDays(ctx.serviceDate, -400))}.`,
				]),
			),
			h('Findings', 2),
			p(
				ctx.scenario.study === 'None'
					? 'The lungs are clear. Heart size is normal. No pleural effusion or pneumothorax.'
					: `${ctx.scenario.finding.charAt(0).toUpperCase()}${ctx.scenario.finding.slice(1)}. No other significant abnormality.`,
			),
			h('Impression', 2),
			p(
				ctx.scenario.study === 'None'
					? 'No acute cardiopulmonary process.'
					: ctx.scenario.impression + '.',
			),
			p(`Dictated by: ${clinicianName(ctx.author)}, Radiologist`),
			p(`Signed: ${d(ctx, ctx.date)}`),
		],
	},
	{
		id: 'imaging-ultrasound',
		label: 'imaging_report',
		set: 'A',
		build: (ctx) => [
			...letterhead(ctx),
			p(
				`${ctx.rng.pick(['ULTRASOUND', 'SONOGRAPHY'])} REPORT - ${ctx.rng.pick(['Abdomen complete', 'Renal', 'Pelvis', 'Thyroid', 'Venous duplex, lower extremity'])}`,
			),
			...demographics(ctx, 'kv2'),
			p(`Indication: ${ctx.scenario.problem}.`),
			h('Measurements', 2),
			{
				t: 'table',
				header: ['Structure', 'Measurement', 'Comment'],
				rows: [
					['Right kidney', `${ctx.rng.float(9, 12).toFixed(1)} cm`, 'normal'],
					['Left kidney', `${ctx.rng.float(9, 12).toFixed(1)} cm`, 'normal'],
					[
						'Liver',
						`${ctx.rng.float(13, 17).toFixed(1)} cm`,
						ctx.rng.pick(['normal echotexture', 'increased echogenicity']),
					],
					['Spleen', `${ctx.rng.float(8, 13).toFixed(1)} cm`, 'normal'],
				],
			},
			h('Impression', 2),
			...[
				ctx.rng.pick(['No hydronephrosis.', 'Hepatic steatosis.', 'No sonographic abnormality.']),
				ctx.scenario.impression + '.',
			].map((x, i) => ({ t: 'text' as const, text: `${i + 1}. ${x}` })),
			...signature(ctx),
		],
	},
	{
		id: 'imaging-consult',
		label: 'imaging_report',
		set: 'B',
		build: (ctx) => [
			{ t: 'banner', text: ctx.org.name.toUpperCase() },
			{
				t: 'table',
				header: ['Patient', 'DOB', 'MRN', 'Study date'],
				rows: [
					[
						nameOf(ctx.subject),
						dobOf(ctx.subject) ?? '-',
						ctx.subject.mrn?.value ?? '-',
						d(ctx, ctx.serviceDate),
					],
				],
				widths: [2, 1.2, 1.5, 1.2],
			},
			p(`PROCEDURE: ${ctx.scenario.study === 'None' ? 'XR chest PA/lateral' : ctx.scenario.study}`),
			p(`INDICATION: ${ctx.scenario.symptoms}`),
			p(
				`RESULT: ${ctx.scenario.study === 'None' ? 'Normal cardiomediastinal silhouette; clear lungs.' : ctx.scenario.finding}.`,
			),
			p(
				`CONCLUSION: ${ctx.scenario.study === 'None' ? 'Normal chest radiograph' : ctx.scenario.impression}.`,
			),
			p(
				`Critical result communicated: ${ctx.rng.pick(['not applicable', `yes, to ${ctx.recipient.name} by phone`])}.`,
			),
			p(
				`This report was electronically signed by ${clinicianName(ctx.author)} (Diagnostic Radiology) on ${d(ctx, ctx.date)}.`,
			),
		],
	},
	{
		id: 'imaging-echo',
		label: 'imaging_report',
		set: 'B',
		build: (ctx) => [
			...letterhead(ctx),
			h('Echocardiography Report'),
			...demographics(ctx, 'inline'),
			{
				t: 'kv',
				pairs: [
					['Study', 'Transthoracic echocardiogram, complete'],
					['Date', d(ctx, ctx.serviceDate)],
					[
						'Sonographer',
						`${ctx.rng.pick(['K.', 'M.', 'T.'])} ${ctx.rng.pick(['Larkspur', 'Foxglove', 'Emberly'])}, RDCS`,
					],
					['Rhythm', ctx.rng.pick(['Sinus rhythm', 'Atrial fibrillation'])],
				],
			},
			{
				t: 'table',
				header: ['Parameter', 'Value', 'Normal'],
				rows: [
					['LVEF (biplane)', `${ctx.rng.int(25, 65)} %`, '52-72 %'],
					['LVIDd', `${ctx.rng.float(4.2, 6.4).toFixed(1)} cm`, '4.2-5.8 cm'],
					['IVSd', `${ctx.rng.float(0.7, 1.4).toFixed(1)} cm`, '0.6-1.0 cm'],
					['LA volume index', `${ctx.rng.int(22, 52)} mL/m2`, '<34 mL/m2'],
					['RVSP', `${ctx.rng.int(22, 55)} mmHg`, '<35 mmHg'],
					['TAPSE', `${ctx.rng.float(1.3, 2.6).toFixed(1)} cm`, '>1.7 cm'],
				],
			},
			h('Summary', 2),
			...[
				ctx.rng.pick([
					'Normal left ventricular size and systolic function.',
					'Moderately reduced left ventricular systolic function with global hypokinesis.',
				]),
				ctx.rng.pick(['Mild mitral regurgitation.', 'No significant valvular disease.']),
				ctx.rng.pick(['Normal right ventricular function.', 'Mildly elevated pulmonary pressure.']),
			].map((x, i) => ({ t: 'text' as const, text: `${i + 1}. ${x}` })),
			...signature(ctx),
		],
	},
]
