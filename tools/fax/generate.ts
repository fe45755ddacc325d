import { copyFile, mkdir, writeFile } from 'node:fs/promises'
import path from 'node:path'
import { writeBadUploads } from './bad-uploads.ts'
import {
	type DocContext,
	FAX_LABELS,
	type FaxLabel,
	type Subject,
	type Template,
	type Clinician,
} from './context.ts'
import { SCENARIOS } from './content.ts'
import { COVER_MESSAGES, COVER_STYLES, coverRe, type CoverInfo } from './cover.ts'
import {
	addDays,
	DATE_FORMATS,
	formatDate,
	formatName,
	MRN_LABELS,
	NAME_FORMATS,
	PHONE_FORMATS,
} from './formats.ts'
import { type FaxCase, faxCase, type BadUploadCase } from './format.ts'
import {
	type Block,
	type LayoutPage,
	layoutDocument,
	PAGE_H,
	PAGE_W,
	randomStyle,
	stampLine,
} from './layout.ts'
import { type ChartPatient, loadChartPatients } from './patients.ts'
import {
	CREDENTIALS,
	inventOrg,
	inventPerson,
	OUR_CLINICIANS,
	OUR_PRACTICES,
	fictionalPhone,
	SPECIALTIES,
	STAFF_ROLES,
	type ClinicKind,
} from './people.ts'
import { hash32, Rand } from './random.ts'
import {
	encodeJpeg,
	encodePng,
	encodeScannedPdf,
	encodeTextPdf,
	encodeTiff,
	type Fonts,
	loadFonts,
	rasterizePage,
	type ScanProfile,
} from './render.ts'
import { CLINICAL_TEMPLATES } from './templates-clinical.ts'
import { ADMIN_TEMPLATES, JUNK_TEMPLATES } from './templates-admin.ts'
import { RESULT_TEMPLATES } from './templates-results.ts'

/**
 * The synthetic fax set: `count` faxes for the chart patients (the demo hospital and the shared
 * Synthea charts), people who are not in the charts and near-misses, every one of the 12 labels,
 * in every format and resolution intake accepts; plus the bad uploads. Same seed, same bytes.
 */
export const TEMPLATES: readonly Template[] = [
	...CLINICAL_TEMPLATES,
	...RESULT_TEMPLATES,
	...ADMIN_TEMPLATES,
	...JUNK_TEMPLATES,
]

export type GenerateOptions = {
	out: string
	seed: number
	count: number
	/** Folders of FHIR R4 bundles whose Patients the faxes concern. */
	chartDirs: readonly string[]
	fontDir?: string
	/** Copy the bundles of the patients the set refers to into OUT/charts/ (default true). */
	copyCharts?: boolean
	onProgress?: (done: number, total: number) => void
}

export type GenerateSummary = {
	faxes: FaxCase[]
	bad: BadUploadCase[]
	pages: number
	patients: number
}

/** Every third fax or so is held out: decided by the id alone. */
export const splitOf = (id: string): 'dev' | 'holdout' =>
	hash32(`fax-split:${id}`) % 100 < 30 ? 'holdout' : 'dev'

export async function generateFaxSet(options: GenerateOptions): Promise<GenerateSummary> {
	const fonts = loadFonts(options.fontDir)
	const patients: ChartPatient[] = []
	for (const dir of options.chartDirs) patients.push(...(await loadChartPatients(dir)))
	if (patients.length === 0) throw new Error('no chart patients found in the chart folders')
	const avoid = new Set(
		patients.flatMap((p) => [`${p.given} ${p.family}`.toLowerCase(), p.family.toLowerCase()]),
	)
	await mkdir(path.join(options.out, 'files'), { recursive: true })

	// Labels in shuffled rounds of twelve, so every label appears once the count reaches 12.
	const order = new Rand(options.seed)
	const labels: FaxLabel[] = []
	while (labels.length < options.count) labels.push(...order.shuffle(FAX_LABELS))

	const faxes: FaxCase[] = []
	const used = new Set<ChartPatient>()
	let pageCount = 0
	for (let i = 0; i < options.count; i++) {
		const id = `fax-${String(i + 1).padStart(4, '0')}`
		const made = await makeFax({
			id,
			label: labels[i] as FaxLabel,
			junkIndex: labels.slice(0, i).filter((l) => l === 'junk').length,
			rng: Rand.forKey(options.seed, id),
			patients,
			avoid,
			fonts,
			out: options.out,
		})
		for (const p of made.touched) used.add(p)
		faxes.push(faxCase.parse(made.fax))
		pageCount += made.fax.pages
		options.onProgress?.(i + 1, options.count)
	}
	await writeFile(
		path.join(options.out, 'fax.jsonl'),
		faxes.map((f) => JSON.stringify(f)).join('\n') + '\n',
	)
	const bad = await writeBadUploads(options.out, fonts)
	await writeFile(
		path.join(options.out, 'bad-uploads.jsonl'),
		bad.map((b) => JSON.stringify(b)).join('\n') + '\n',
	)
	if (options.copyCharts !== false) {
		await mkdir(path.join(options.out, 'charts'), { recursive: true })
		const files = [...new Set([...used].map((p) => path.join(p.sourceDir, p.source)))].sort()
		for (const file of files)
			await copyFile(file, path.join(options.out, 'charts', path.basename(file)))
	}
	return { faxes, bad, pages: pageCount, patients: used.size }
}

type PatientCase = FaxCase['patientCase']
type Kind = FaxCase['kind']

function makeSubject(
	rng: Rand,
	patientCase: PatientCase,
	patients: readonly ChartPatient[],
	avoid: ReadonlySet<string>,
): { subject: Subject; patient: ChartPatient | null; touched: ChartPatient[] } {
	const base = {
		nameFormat: rng.pick(NAME_FORMATS),
		dobFormat: rng.pick(DATE_FORMATS),
		phoneFormat: rng.pick(PHONE_FORMATS),
	}
	const foreignMrn = () => ({
		label: rng.pick(MRN_LABELS),
		value: rng.pick([
			rng.digits(7),
			`${rng.pick(['A', 'MR', 'H'])}${rng.digits(6)}`,
			`${rng.digits(3)}-${rng.digits(4)}`,
		]),
	})
	const randomDob = () =>
		`${rng.int(1935, 2005)}-${String(rng.int(1, 12)).padStart(2, '0')}-${String(rng.int(1, 28)).padStart(2, '0')}`
	const chart = rng.pick(patients)
	switch (patientCase) {
		case 'chart': {
			// The sender may print our MRN, its own record number (which will not match), or none.
			const mrnChoice = rng.weighted([
				['ours', 4],
				['foreign', 2],
				['none', 4],
			] as const)
			return {
				patient: chart,
				touched: [chart],
				subject: {
					...base,
					given: chart.given,
					family: chart.family,
					...(rng.chance(0.2) ? { middle: rng.pick('ABCDEJLMR'.split('')) } : {}),
					birthDate: rng.chance(0.93) ? chart.birthDate : null,
					sex: chart.sex,
					mrn:
						mrnChoice === 'ours' && chart.mrn
							? { label: rng.pick(MRN_LABELS), value: chart.mrn }
							: mrnChoice === 'foreign'
								? foreignMrn()
								: null,
					phone: chart.phone && rng.chance(0.5) ? chart.phone : null,
				},
			}
		}
		case 'near_miss_name': {
			// Same name as a chart patient, another birth date (and never our MRN).
			let dob = chart.birthDate
			while (dob === chart.birthDate)
				dob = rng.chance(0.5)
					? addDays(chart.birthDate, rng.pick([-1, 1, 365, -365, 30, rng.int(-9000, 9000)]))
					: randomDob()
			return {
				patient: null,
				touched: [chart],
				subject: {
					...base,
					given: chart.given,
					family: chart.family,
					birthDate: dob,
					sex: chart.sex,
					mrn: rng.chance(0.4) ? foreignMrn() : null,
					phone: rng.chance(0.3) ? fictionalPhone(rng) : null,
				},
			}
		}
		case 'near_miss_dob': {
			// Same birth date as a chart patient, another person (sometimes a twin: same family name).
			const other = inventPerson(rng, avoid)
			return {
				patient: null,
				touched: [chart],
				subject: {
					...base,
					given: other.given,
					family: rng.chance(0.4) ? chart.family : other.family,
					birthDate: chart.birthDate,
					sex: other.sex,
					mrn: rng.chance(0.4) ? foreignMrn() : null,
					phone: rng.chance(0.3) ? fictionalPhone(rng) : null,
				},
			}
		}
		case 'not_in_charts':
		case 'none': {
			const other = inventPerson(rng, avoid)
			return {
				patient: null,
				touched: [],
				subject: {
					...base,
					given: other.given,
					family: other.family,
					...(other.middle ? { middle: other.middle } : {}),
					birthDate: rng.chance(0.9) ? randomDob() : null,
					sex: other.sex,
					mrn: rng.chance(0.5) ? foreignMrn() : null,
					phone: rng.chance(0.4) ? fictionalPhone(rng) : null,
				},
			}
		}
	}
}

const SENDER_KIND: Record<FaxLabel, ClinicKind[]> = {
	referral: ['primary_care', 'specialty'],
	consult_note: ['specialty'],
	history_and_physical: ['hospital', 'specialty'],
	progress_note: ['primary_care', 'specialty'],
	discharge_summary: ['hospital'],
	lab_result: ['lab', 'hospital'],
	imaging_report: ['imaging', 'hospital'],
	prior_authorization: ['primary_care', 'specialty', 'payer'],
	pharmacy_request: ['pharmacy'],
	records_request: ['primary_care', 'hospital', 'specialty'],
	insurance_correspondence: ['payer'],
	junk: ['vendor', 'primary_care'],
}

const ATTACHMENTS: Partial<
	Record<FaxLabel, { p: number; max: number; labels: readonly FaxLabel[] }>
> = {
	referral: {
		p: 0.6,
		max: 3,
		labels: ['progress_note', 'lab_result', 'imaging_report', 'consult_note'],
	},
	prior_authorization: {
		p: 0.55,
		max: 2,
		labels: ['progress_note', 'lab_result', 'imaging_report'],
	},
	consult_note: { p: 0.45, max: 2, labels: ['lab_result', 'imaging_report'] },
	discharge_summary: { p: 0.5, max: 2, labels: ['lab_result', 'imaging_report'] },
	history_and_physical: { p: 0.4, max: 1, labels: ['lab_result'] },
	records_request: { p: 0.45, max: 1, labels: ['records_request'] },
	progress_note: { p: 0.3, max: 2, labels: ['progress_note'] },
	lab_result: { p: 0.35, max: 2, labels: ['lab_result'] },
	imaging_report: { p: 0.25, max: 1, labels: ['imaging_report'] },
	insurance_correspondence: { p: 0.2, max: 1, labels: ['insurance_correspondence'] },
}

const WHAT: Record<FaxLabel, readonly string[]> = {
	referral: ['Referral', 'New patient referral', 'Referral packet'],
	consult_note: ['Consult note', 'Consultation report', 'Visit summary'],
	history_and_physical: ['H&P', 'History and physical', 'Admission H&P'],
	progress_note: ['Office note', 'Progress note', 'Visit note'],
	discharge_summary: ['Discharge summary', 'Hospital discharge', 'D/C summary'],
	lab_result: ['Lab results', 'Laboratory report', 'Results'],
	imaging_report: ['Imaging report', 'Radiology results', 'Report'],
	prior_authorization: ['Prior auth', 'Authorization request', 'PA form'],
	pharmacy_request: ['Refill request', 'Rx request', 'Pharmacy request'],
	records_request: ['Records request', 'Request for records', 'ROI request'],
	insurance_correspondence: ['Claim correspondence', 'EOB', 'Insurance notice'],
	junk: ['Information', 'Announcement', 'Important notice'],
}

async function makeFax(args: {
	id: string
	label: FaxLabel
	/** How many junk faxes came before this one (every fourth junk fax is a cover sheet alone). */
	junkIndex: number
	rng: Rand
	patients: readonly ChartPatient[]
	avoid: ReadonlySet<string>
	fonts: Fonts
	out: string
}): Promise<{ fax: FaxCase; touched: ChartPatient[] }> {
	const { id, label, rng, fonts } = args
	const split = splitOf(id)
	const set = split === 'dev' ? 'A' : 'B'
	const kind: Kind =
		label === 'junk'
			? args.junkIndex % 4 === 1
				? 'cover_only'
				: 'junk'
			: rng.weighted<Kind>([
					['document', 40],
					['cover+document', 52],
					['misdirected', 8],
				])
	const patientCase: PatientCase =
		label === 'junk' && kind === 'junk'
			? 'none'
			: kind === 'misdirected'
				? 'not_in_charts'
				: rng.weighted<PatientCase>([
						['chart', 68],
						['not_in_charts', 13],
						['near_miss_name', 11],
						['near_miss_dob', 8],
					])
	const {
		subject,
		patient: chartPatient,
		touched,
	} = makeSubject(rng, patientCase, args.patients, args.avoid)
	// A cover sheet alone files nothing: it is junk for the classifier and concerns no chart.
	const patient = kind === 'cover_only' ? null : chartPatient

	const senderOrg = inventOrg(rng, rng.pick(SENDER_KIND[label]))
	const person = inventPerson(rng, args.avoid)
	const author: Clinician = {
		...person,
		credential: rng.pick(CREDENTIALS),
		title:
			senderOrg.specialty ??
			rng.pick([...SPECIALTIES, 'Internal Medicine', 'Family Medicine', 'Hospital Medicine']),
	}
	const misdirected = kind === 'misdirected'
	let recipientOrg: string = rng.pick(OUR_PRACTICES)
	while (
		misdirected &&
		(recipientOrg === senderOrg.name || (OUR_PRACTICES as readonly string[]).includes(recipientOrg))
	)
		recipientOrg = inventOrg(rng, rng.pick(['primary_care', 'specialty'] as const)).name
	const recipientName = misdirected
		? `Dr. ${inventPerson(rng, args.avoid).given} ${inventPerson(rng, args.avoid).family}`
		: rng.pick(OUR_CLINICIANS)
	const date = addDays('2026-10-01', -rng.int(0, 120))
	const ctx: DocContext = {
		rng,
		style: randomStyle(rng),
		subject,
		scenario: rng.pick(SCENARIOS),
		author,
		org: senderOrg,
		recipient: { name: recipientName, org: recipientOrg },
		date,
		serviceDate: addDays(date, -rng.int(0, 14)),
		dateFormat: rng.pick(DATE_FORMATS),
		phoneFormat: rng.pick(PHONE_FORMATS),
	}
	const pool = (l: FaxLabel) => {
		const all = TEMPLATES.filter((t) => t.label === l)
		const inSet = all.filter((t) => t.set === set)
		return inSet.length > 0 ? inSet : all
	}
	const template = kind === 'cover_only' ? null : rng.pick(pool(label))
	const docBlocks: Block[] = template ? template.build(ctx) : []
	// Packets: referrals, authorization requests and the like often carry notes and results behind
	// them; the label stays the first document's.
	const attach = ATTACHMENTS[label]
	if (template && attach && rng.chance(attach.p)) {
		for (let k = rng.int(1, attach.max); k > 0; k--) {
			const extra = rng.pick(pool(rng.pick(attach.labels)))
			docBlocks.push(
				{ t: 'pagebreak' },
				...extra.build({
					...ctx,
					style: rng.chance(0.5) ? ctx.style : randomStyle(rng),
					serviceDate: addDays(ctx.serviceDate, -rng.int(1, 90)),
				}),
			)
		}
	}

	// Page furniture: the sending machine's header line and a footer, on every page.
	const header = rng.chance(0.6)
	const footer = rng.weighted([
		['none', 4],
		['page', 3],
		['confidential', 2],
		['both', 2],
	] as const)
	const reserve = {
		top: header ? 14 : 0,
		bottom: footer === 'none' ? 0 : footer === 'both' ? 24 : 14,
	}
	const pages: LayoutPage[] =
		docBlocks.length > 0 ? layoutDocument(docBlocks, ctx.style, fonts.measure, rng, reserve) : []

	const withCover =
		kind === 'cover+document' ||
		kind === 'cover_only' ||
		kind === 'misdirected' ||
		(kind === 'junk' && rng.chance(0.15))
	if (withCover) {
		const covers = COVER_STYLES.filter((c) => c.set === set)
		const cover = rng.pick(covers.length > 0 ? covers : COVER_STYLES)
		const staff = inventPerson(rng, args.avoid)
		const fromName = rng.chance(0.5)
			? `${staff.given} ${staff.family}, ${rng.pick(STAFF_ROLES)}`
			: `${author.given} ${author.family}, ${author.credential}`
		const patientText = `${formatName(subject, rng.pick(NAME_FORMATS))}${subject.birthDate && rng.chance(0.6) ? ` DOB ${formatDate(subject.birthDate, rng.pick(DATE_FORMATS))}` : ''}`
		const info: CoverInfo = {
			toName: recipientName,
			toOrg: recipientOrg,
			toFax: fictionalPhone(rng),
			toPhone: rng.chance(0.5) ? fictionalPhone(rng) : null,
			fromName,
			fromOrg: senderOrg.name,
			fromFax: senderOrg.fax,
			fromPhone: senderOrg.phone,
			date,
			pages: (kind === 'cover_only' ? rng.int(2, 6) : pages.length) + 1,
			re: coverRe(
				ctx,
				rng.pick(WHAT[label === 'junk' && kind === 'cover_only' ? rng.pick(FAX_LABELS) : label]),
				label !== 'junk' || kind === 'cover_only' ? rng.chance(0.6) : false,
				patientText,
			),
			message: rng.chance(0.7) ? rng.pick(COVER_MESSAGES) : null,
		}
		const coverStyle = randomStyle(rng)
		const coverPages = layoutDocument(
			cover.build(info, rng, { date: ctx.dateFormat, phone: ctx.phoneFormat }),
			coverStyle,
			fonts.measure,
			rng,
			reserve,
		)
		pages.unshift(...coverPages.slice(0, 1))
	}
	const total = pages.length
	const tti = `${formatDate(date, rng.pick(['MM/DD/YYYY', 'Mon D YYYY', 'DD-Mon-YYYY', 'M/D/YY'] as const)).toUpperCase()} ${String(rng.int(0, 23)).padStart(2, '0')}:${String(rng.int(0, 59)).padStart(2, '0')}`
	const ttiFrom = rng.chance(0.5) ? senderOrg.name.toUpperCase().slice(0, 24) : senderOrg.fax
	const confidential = rng.pick([
		'CONFIDENTIAL',
		'CONFIDENTIAL - Protected Health Information',
		'Contains PHI - handle per HIPAA',
	])
	pages.forEach((page, n) => {
		if (header) {
			const line = rng.chance(0.5)
				? `${tti}  FROM: ${ttiFrom}  TO: ${fictionalPhone(rng)}  P.${String(n + 1).padStart(3, '0')}/${String(total).padStart(3, '0')}`
				: `${tti}   ${ttiFrom}   PAGE ${n + 1} OF ${total}`
			stampLine(page, 'top', line, 20, 14, 'mono', 7.5)
		}
		if (footer === 'page' || footer === 'both')
			stampLine(
				page,
				'bottom',
				rng.pick([`Page ${n + 1} of ${total}`, `${n + 1}/${total}`, `- ${n + 1} -`]),
				PAGE_W / 2 - 20,
				PAGE_H - 22,
				ctx.style.body,
				8,
			)
		if (footer === 'confidential' || footer === 'both')
			stampLine(
				page,
				'bottom',
				confidential,
				40,
				PAGE_H - (footer === 'both' ? 34 : 22),
				ctx.style.body,
				7,
			)
	})

	const rendered = await renderFax(pages, rng, fonts, id)
	await writeFile(path.join(args.out, 'files', rendered.file), rendered.bytes)
	const fax: FaxCase = {
		id,
		file: `files/${rendered.file}`,
		label,
		patient: patient?.id ?? null,
		pages: pages.length,
		text: pages.map((p) => p.lines.join('\n')).join('\f'),
		split,
		template: [withCover ? 'cover' : null, template?.id ?? null].filter(Boolean).join('+'),
		kind,
		patientCase: kind === 'cover_only' ? 'none' : patientCase,
		format: rendered.format,
		dpi: rendered.dpi,
		noise: rendered.noise,
	}
	return { fax, touched }
}

type Format = FaxCase['format']

async function renderFax(
	pages: readonly LayoutPage[],
	rng: Rand,
	fonts: Fonts,
	id: string,
): Promise<{
	file: string
	bytes: Buffer
	format: Format
	dpi: [number, number]
	noise: FaxCase['noise']
}> {
	const multi = pages.length > 1
	const format = rng.weighted<Format>([
		['tiff-g4-fine', 24],
		['tiff-g4-standard', 20],
		['tiff-lzw-fine', 3],
		['pdf-text', 14],
		['pdf-scan-bilevel', 9],
		['pdf-scan-gray', 7],
		['png', multi ? 0 : 22],
		['jpeg', multi ? 0 : 24],
	])
	const noise = rng.weighted([
		['clean', 30],
		['light', 45],
		['heavy', 25],
	] as const)
	const profile = (xdpi: number, ydpi: number, bilevel: boolean): ScanProfile => {
		const k = noise === 'clean' ? 0 : noise === 'light' ? 1 : 2
		return {
			xdpi,
			ydpi,
			skew: k === 0 ? rng.float(-0.3, 0.3) : rng.float(-2, 2),
			bilevel,
			threshold: rng.int(110, 190),
			blur: rng.chance(0.4) ? rng.float(0.3, 0.9) : 0,
			saltPepper: [0, 0.0004, 0.002][k] ?? 0,
			speckles: [0, rng.int(20, 150), rng.int(150, 700)][k] ?? 0,
			streaks: k === 2 && rng.chance(0.4) ? rng.int(1, 2) : 0,
			dropouts: k >= 1 && rng.chance(0.3) ? rng.int(1, 4) : 0,
			paper: bilevel ? 255 : rng.int(215, 250),
			grain: bilevel ? 0 : ([6, 16, 30][k] ?? 0),
		}
	}
	const rasters = async (p: ScanProfile) => {
		const out = []
		for (const page of pages) out.push(await rasterizePage(page, p, rng))
		return out
	}
	switch (format) {
		case 'tiff-g4-fine':
		case 'tiff-g4-standard':
		case 'tiff-lzw-fine': {
			const ydpi = format === 'tiff-g4-standard' ? 98 : 196
			const bytes = await encodeTiff(
				await rasters(profile(204, ydpi, true)),
				204,
				ydpi,
				format === 'tiff-lzw-fine' ? 'lzw' : 'ccittfax4',
			)
			return {
				file: `${id}.${rng.chance(0.5) ? 'tif' : 'tiff'}`,
				bytes,
				format,
				dpi: [204, ydpi],
				noise,
			}
		}
		case 'pdf-text':
			return {
				file: `${id}.pdf`,
				bytes: await encodeTextPdf(pages, fonts),
				format,
				dpi: [0, 0],
				noise: 'clean',
			}
		case 'pdf-scan-bilevel': {
			const dpi = rng.pick([200, 200, 300])
			const images = await Promise.all(
				(await rasters(profile(dpi, dpi, true))).map((r) => encodePng(r, dpi, true)),
			)
			return {
				file: `${id}.pdf`,
				bytes: await encodeScannedPdf(images),
				format,
				dpi: [dpi, dpi],
				noise,
			}
		}
		case 'pdf-scan-gray': {
			const dpi = rng.pick([150, 200])
			const q = rng.int(45, 85)
			const images = await Promise.all(
				(await rasters(profile(dpi, dpi, false))).map((r) => encodeJpeg(r, dpi, q)),
			)
			return {
				file: `${id}.pdf`,
				bytes: await encodeScannedPdf(images),
				format,
				dpi: [dpi, dpi],
				noise,
			}
		}
		case 'png': {
			const bilevel = rng.chance(0.6)
			const dpi = bilevel ? rng.pick([200, 300]) : rng.pick([150, 200])
			const [r] = await rasters(profile(dpi, dpi, bilevel))
			return {
				file: `${id}.png`,
				bytes: await encodePng(r as NonNullable<typeof r>, dpi, bilevel),
				format,
				dpi: [dpi, dpi],
				noise,
			}
		}
		case 'jpeg': {
			const dpi = rng.pick([150, 200, 200, 300])
			const [r] = await rasters(profile(dpi, dpi, false))
			return {
				file: `${id}.${rng.chance(0.7) ? 'jpg' : 'jpeg'}`,
				bytes: await encodeJpeg(r as NonNullable<typeof r>, dpi, rng.int(25, 75)),
				format,
				dpi: [dpi, dpi],
				noise,
			}
		}
	}
}
