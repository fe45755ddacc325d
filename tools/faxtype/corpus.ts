/**
 * The synthetic fax-type corpus (decision 037): documents of every fax type from the templates of
 * corpus-templates.ts, dressed the way faxes arrive (a fax machine's header line, a cover sheet in
 * front of some, pages split, OCR's character confusions, broken lines, all capitals), plus the
 * public MTSamples transcriptions mapped to fax types where their category corresponds.
 *
 * Deterministic: one seed gives the same rows, in the same order, every time. Nothing here reads
 * or writes a file; the trainer reads MTSamples and passes its rows in.
 */
import { FAX_TYPE_VALUES, FAX_TYPES, type FaxType } from '#server/gateway/fax-types.ts'
import { seededRng } from '../corpora/training-data.ts'
import { date, phone, picker, type Pick } from './corpus-pools.ts'
import { COVER_SHEETS, TEMPLATES } from './corpus-templates.ts'

/** Which part of the corpus a row belongs to: the templates trained on, or those held out. */
export type CorpusSplit = 'train' | 'heldout'

export type CorpusRow = {
	id: string
	text: string
	label: FaxType
	split: CorpusSplit
	/** `label/split/index` for synthetic rows, `mtsamples` for mapped transcriptions. */
	template: string
	/** The template's index among its label's training templates (the calibration folds); -1 if none. */
	templateIndex: number
}

export type CorpusOptions = {
	seed: number
	/** Documents written from each training template (junk's templates included). */
	perTrainTemplate: number
	/** Documents written from each held-out template. */
	perHeldoutTemplate: number
}

export const DEFAULT_CORPUS_OPTIONS: CorpusOptions = {
	seed: 37,
	perTrainTemplate: 45,
	perHeldoutTemplate: 60,
}

/** OCR's usual misreadings: the character read, and what it may come out as. */
const CONFUSIONS: Readonly<Record<string, readonly string[]>> = {
	l: ['1', 'I', '|'],
	I: ['l', '1'],
	i: ['l', '1', ''],
	o: ['0', 'c'],
	O: ['0', 'Q'],
	e: ['c', 'o'],
	a: ['o', 'e'],
	c: ['e'],
	m: ['rn', 'nn'],
	n: ['ri', 'h'],
	h: ['b', 'n'],
	S: ['5', '$'],
	s: ['5'],
	B: ['8'],
	g: ['q', '9'],
	t: ['f', 'l'],
	u: ['v', 'ii'],
	',': ['.'],
	'.': [',', ''],
	'0': ['O'],
	'1': ['l', 'I'],
	'5': ['S'],
}

/** What reading a fax page does to text, at a rate per character. */
export function ocrNoise(text: string, p: Pick, rate: number): string {
	let out = ''
	for (let i = 0; i < text.length; i++) {
		const ch = text[i] as string
		if (ch === '\n' || ch === '\f' || p.rng() >= rate) {
			out += ch
			continue
		}
		const roll = p.rng()
		const options = CONFUSIONS[ch]
		if (options && roll < 0.7) out += p.one(options)
		else if (roll < 0.8)
			out += '' // dropped
		else if (roll < 0.9)
			out += ch + ch // doubled
		else out += ch + p.one([' ', '.', "'", ','])
	}
	return out
}

/** Lines broken where the fax wrapped them, sometimes with a hyphen, sometimes joined. */
function brokenLines(text: string, p: Pick, rate: number): string {
	return text.replace(/([A-Za-z]{3,}) /g, (match, word: string) => {
		if (p.rng() >= rate) return match
		return p.chance(0.2) && word.length > 5
			? `${word.slice(0, 3)}-\n${word.slice(3)} `
			: `${word}\n`
	})
}

/** A fax machine's header line, as it is stamped at the top of each page. */
function faxHeader(p: Pick, page: number, pages: number): string {
	return p.one([
		`${date(p)} ${p.int(1, 12)}:${String(p.int(0, 59)).padStart(2, '0')} FROM: ${phone(p)} TO: ${phone(p)} P.${page}/${pages}`,
		`Received ${date(p)} ${p.int(1, 23)}:${String(p.int(0, 59)).padStart(2, '0')} Page ${page} of ${pages}`,
		`FAX ${phone(p)}    ${date(p)}    PAGE ${String(page).padStart(3, '0')}`,
	])
}

/** A document as a fax delivers it: pages, headers, a cover sheet, OCR noise, capitals. */
export function asFax(
	body: string,
	p: Pick,
	options: { cover: 'train' | 'heldout' | null; allowCover: boolean },
): string {
	let pages = [body]
	// a long document runs over several pages
	if (body.length > 900 && p.chance(0.5)) {
		const cut = body.indexOf('\n', Math.floor(body.length / 2))
		if (cut > 0) pages = [body.slice(0, cut), body.slice(cut + 1)]
	}
	if (options.allowCover && options.cover && p.chance(0.35))
		pages = [p.one(COVER_SHEETS[options.cover])(p), ...pages]
	if (p.chance(0.45))
		pages = pages.map((page, i) => `${faxHeader(p, i + 1, pages.length)}\n${page}`)
	let text = pages.join('\f')
	const level = p.rng()
	if (level < 0.3) {
		// clean: a text layer, or a very good scan
	} else if (level < 0.7) {
		text = ocrNoise(brokenLines(text, p, 0.04), p, 0.01)
	} else {
		text = ocrNoise(brokenLines(text, p, 0.12), p, 0.035)
	}
	if (p.chance(0.12)) text = text.toUpperCase()
	if (p.chance(0.15)) text = text.replace(/ /g, () => (p.chance(0.1) ? '  ' : ' '))
	return text
}

/** The synthetic rows: every label's templates, training and held-out, dressed as faxes. */
export function syntheticCorpus(options: CorpusOptions = DEFAULT_CORPUS_OPTIONS): CorpusRow[] {
	const rows: CorpusRow[] = []
	FAX_TYPE_VALUES.forEach((label, labelIndex) => {
		for (const split of ['train', 'heldout'] as const) {
			const templates = TEMPLATES[label][split]
			const per = split === 'train' ? options.perTrainTemplate : options.perHeldoutTemplate
			templates.forEach((template, t) => {
				// one generator per template: adding a template leaves the others' rows unchanged
				const p = picker(
					seededRng(
						options.seed * 1_000_003 + labelIndex * 1_009 + t * 31 + (split === 'train' ? 0 : 7),
					),
				)
				for (let n = 0; n < per; n++) {
					const body = template(p)
					// junk stays junk: no cover sheet in front of an advertisement or a blank page
					const text = asFax(body, p, {
						cover: split,
						allowCover: label !== FAX_TYPES.junk,
					})
					rows.push({
						id: `${label}-${split}-${t}-${String(n).padStart(3, '0')}`,
						text,
						label,
						split,
						template: `${label}/${split}/${t}`,
						templateIndex: split === 'train' ? t : -1,
					})
				}
			})
		}
	})
	return rows
}

/** MTSamples categories (doctype-mtsamples.jsonl) → fax types; null where none corresponds. */
export function faxTypeOfMtsamples(label: string, text: string): FaxType | null {
	switch (label) {
		case 'consult_history_physical':
			// MTSamples files consults and H&Ps under one category: a consult says so
			return /\bconsult/i.test(text) ? FAX_TYPES.consultNote : FAX_TYPES.historyAndPhysical
		case 'radiology_report':
			return FAX_TYPES.imagingReport
		case 'progress_note':
		case 'office_note':
			return FAX_TYPES.progressNote
		case 'discharge_summary':
			return FAX_TYPES.dischargeSummary
		case 'lab_pathology_report':
			return FAX_TYPES.labResult
		// ED reports, letters and autopsies have no fax type of their own: left out
		default:
			return null
	}
}

/**
 * MTSamples rows mapped to fax types and dressed as faxes (their own generator, so the synthetic
 * rows do not move when this data changes). All of them are training rows: they are public
 * transcriptions, not our templates, and the held-out figures are measured on held-out templates.
 */
export function mtsamplesCorpus(
	rows: ReadonlyArray<{ id: string; text: string; label: string }>,
	seed: number,
): CorpusRow[] {
	const p = picker(seededRng(seed * 7_919 + 1))
	const out: CorpusRow[] = []
	for (const row of [...rows].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))) {
		const label = faxTypeOfMtsamples(row.label, row.text)
		if (!label) continue
		out.push({
			id: `mtsamples-${row.id}`,
			text: asFax(row.text, p, { cover: 'train', allowCover: true }),
			label,
			split: 'train',
			template: 'mtsamples',
			templateIndex: -1,
		})
	}
	return out
}
