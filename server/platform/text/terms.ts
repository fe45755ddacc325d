/**
 * Shared text normalization for the local deterministic models, the citation verifier and
 * retrieval: the same words count as the same terms everywhere (lower case, clinical
 * abbreviations expanded, numbers kept, stop words dropped for matching). Imports nothing of the
 * project (server/platform).
 */
const ABBREVIATIONS: Record<string, string> = {
	htn: 'hypertension',
	dm: 'diabetes',
	t2dm: 'diabetes',
	cad: 'coronary artery disease',
	chf: 'heart failure',
	hf: 'heart failure',
	copd: 'chronic obstructive pulmonary disease',
	ckd: 'chronic kidney disease',
	afib: 'atrial fibrillation',
	mi: 'myocardial infarction',
	bp: 'blood pressure',
	hr: 'heart rate',
	rr: 'respiratory rate',
	k: 'potassium',
	na: 'sodium',
	hgb: 'hemoglobin',
	hb: 'hemoglobin',
	a1c: 'hemoglobin a1c',
	hba1c: 'hemoglobin a1c',
	alc: 'hemoglobin a1c',
	wbc: 'white blood cell',
	cr: 'creatinine',
	egfr: 'glomerular filtration rate',
	ldl: 'ldl cholesterol',
	hdl: 'hdl cholesterol',
	sob: 'shortness of breath',
	cp: 'chest pain',
	uti: 'urinary tract infection',
	meds: 'medications',
	med: 'medication',
	rx: 'prescription',
	hx: 'history',
	dx: 'diagnosis',
	tx: 'treatment',
	pt: 'patient',
	yo: 'year old',
	bid: 'twice daily',
	tid: 'three times daily',
	qd: 'daily',
	prn: 'as needed',
}

const STOP = new Set(
	(
		'a an the and or but of to in on at for from by with without is are was were be been being ' +
		'this that these those it its as into than then there their they them he she his her him ' +
		'you your we our i me my do does did has have had what which who whom when where why how ' +
		'any all some no not can could should would will shall may might must about over under ' +
		'patient patients chart please tell show give list'
	).split(' '),
)

/** Lower-cased words and numbers, abbreviations expanded (a word may expand to several). */
export function words(text: string): string[] {
	const out: string[] = []
	for (const raw of text.toLowerCase().match(/[a-z0-9]+(?:\.[0-9]+)?/g) ?? []) {
		const expanded = ABBREVIATIONS[raw]
		if (expanded) out.push(...expanded.split(' '))
		else out.push(raw)
	}
	return out
}

/** Words that carry meaning for matching: stop words and single letters dropped. */
export function contentTerms(text: string): string[] {
	return words(text).filter((w) => !STOP.has(w) && (w.length > 1 || /[0-9]/.test(w)))
}

/** Splits prose into sentences (and list items), keeping each sentence's own text. */
export function sentences(text: string): string[] {
	return text
		.split(/(?<=[.!?])\s+(?=[A-Z0-9"(])|\n+/)
		.map((s) => s.trim())
		.filter((s) => s.length > 0)
}

const ISO_DAY = /\b(\d{4}-\d{2}-\d{2})\b/g

/** Whether YYYY-MM-DD is a day of the calendar ("2023-02-29" is not). */
const isCalendarDay = (day: string) => {
	const at = new Date(`${day}T00:00:00Z`)
	return !Number.isNaN(at.getTime()) && at.toISOString().slice(0, 10) === day
}

/** The ISO days (YYYY-MM-DD) a text names, in order; strings that are no calendar day are left out. */
export const daysIn = (text: string): string[] =>
	[...text.matchAll(ISO_DAY)].map((m) => m[1]!).filter(isCalendarDay)

/** The text with its ISO days blanked out, for matching its words apart from its dates. */
export const withoutDays = (text: string): string => text.replace(ISO_DAY, ' ')
