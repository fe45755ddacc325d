import { documentTypeFromLoinc } from '../fhir/document-types.ts'
import { renderNarrative } from './ccda-narrative.ts'
import {
	child,
	descendants,
	elements,
	parseXml,
	path,
	textContent,
	type XmlElement,
} from './ccda-xml.ts'
import { IngestError, INGEST_ERRORS } from './errors.ts'
import type { PatientOption } from './fhir-chart.ts'
import { newest } from './fhir-format.ts'
import { pdfText } from './pdf.ts'
import { splitSections } from './sections.ts'
import type { LoadedChart, LoadedPatient, LoadedSection, LoadResult } from './types.ts'

/**
 * A C-CDA document → one chart with one document: the patient from recordTarget/patientRole (the
 * first non-SSN id with an extension is the MRN), the title, effectiveTime and LOINC type from
 * the header, and one section per structuredBody section (nested sections flattened as
 * "Parent / Child") with its narrative as plain text. A nonXMLBody is read when it embeds a
 * base64 PDF (its text layer, split on headings); anything else is refused. C-CDA carries no
 * FHIR ids, so sections have none.
 */
const LOINC_OID = '2.16.840.1.113883.6.1'
const SSN_OID = '2.16.840.1.113883.4.1'
const SEXES = { M: 'male', F: 'female', UN: 'other' } as const

export async function loadCcda(
	xml: string,
	file: string,
	patient?: PatientOption,
): Promise<LoadResult> {
	const doc = parseXml(xml, file)
	if (doc.name !== 'ClinicalDocument')
		throw new IngestError(
			INGEST_ERRORS.invalidCcda,
			`${file} is not a CDA ClinicalDocument (its root element is <${doc.name}>).`,
		)
	const id = child(doc, 'id')
	if (!id?.attrs.root)
		throw new IngestError(INGEST_ERRORS.invalidCcda, `${file}: ClinicalDocument has no id.`)
	const sourceId = `ccda:${id.attrs.root}${id.attrs.extension ? `^${id.attrs.extension}` : ''}`
	const code = child(doc, 'code')
	const loinc =
		!code?.attrs.codeSystem || code.attrs.codeSystem === LOINC_OID ? code?.attrs.code : undefined
	const authoredAt = hl7Time(child(doc, 'effectiveTime')?.attrs.value)
	const docDay = authoredAt?.slice(0, 10) ?? null

	const chartPatient = recordTarget(doc)
	const ref =
		patient && (patient.fhirId || patient.mrn)
			? { ...patient }
			: chartPatient?.mrn
				? { mrn: chartPatient.mrn }
				: null
	if (!ref)
		throw new IngestError(
			INGEST_ERRORS.noPatient,
			`${file} names no patient record number (MRN); say which patient it belongs to.`,
		)

	const sections = await bodySections(doc, file, docDay)
	if (sections.length === 0)
		throw new IngestError(INGEST_ERRORS.emptyDocument, `${file} has no narrative text.`)
	const chart: LoadedChart = {
		patient: chartPatient,
		patientRef: ref,
		documents: [
			{
				sourceSystem: 'ccda',
				sourceId,
				type: documentTypeFromLoinc([loinc]),
				title: textContent(child(doc, 'title')) || code?.attrs.displayName || 'Clinical document',
				authoredAt,
				sections,
				fhirIds: [],
			},
		],
	}
	return { charts: [chart], resources: 0 }
}

function recordTarget(doc: XmlElement): LoadedPatient | null {
	const role = path(doc, 'recordTarget', 'patientRole')
	const mrn = elements(role, 'id').find((i) => i.attrs.extension && i.attrs.root !== SSN_OID)
	if (!role || !mrn) return null
	const person = child(role, 'patient')
	const names = elements(person, 'name')
	const name = names.find((n) => (n.attrs.use ?? '').split(/\s+/).includes('L')) ?? names[0]
	const given = elements(name, 'given')
		.filter((g) => g.attrs.qualifier !== 'CL')
		.map(textContent)
		.filter(Boolean)
	const birth = hl7Time(child(person, 'birthTime')?.attrs.value)
	const gender = child(person, 'administrativeGenderCode')?.attrs.code ?? ''
	return {
		// HL7's URN for an instance identifier: there is no FHIR Patient id in a C-CDA.
		fhirId: `urn:hl7ii:${mrn.attrs.root ?? ''}:${mrn.attrs.extension}`,
		mrn: mrn.attrs.extension ?? null,
		givenName: given.join(' '),
		familyName: textContent(child(name, 'family')),
		birthDate: birth && /^\d{4}-\d{2}-\d{2}$/.test(birth) ? birth : null,
		sex: SEXES[gender as keyof typeof SEXES] ?? 'unknown',
		// C-CDA telecoms are not read yet: a chart from C-CDA has no phone to match faxes on.
		phone: null,
	}
}

async function bodySections(
	doc: XmlElement,
	file: string,
	docDay: string | null,
): Promise<LoadedSection[]> {
	const component = child(doc, 'component')
	const structured = child(component, 'structuredBody')
	if (structured) {
		const sections: LoadedSection[] = []
		const walk = (parent: XmlElement, prefix: string | null) => {
			for (const section of elements(parent, 'component').flatMap((c) => elements(c, 'section'))) {
				const title =
					textContent(child(section, 'title')) || child(section, 'code')?.attrs.displayName || null
				const heading = prefix && title ? `${prefix} / ${title}` : (title ?? prefix)
				const text = renderNarrative(child(section, 'text'))
				if (text) sections.push({ heading, text, fhirIds: [], date: sectionDate(section, docDay) })
				walk(section, heading)
			}
		}
		walk(structured, null)
		return sections
	}
	const body = child(component, 'nonXMLBody')
	const text = child(body, 'text')
	if (!body || !text)
		throw new IngestError(
			INGEST_ERRORS.invalidCcda,
			`${file} has neither a structuredBody nor a nonXMLBody.`,
		)
	const mediaType = text.attrs.mediaType ?? 'text/plain'
	if (child(text, 'reference'))
		throw new IngestError(
			INGEST_ERRORS.unsupportedCcdaBody,
			`${file}: the nonXMLBody refers to an external file; only an embedded PDF can be read.`,
		)
	if (mediaType !== 'application/pdf' || text.attrs.representation !== 'B64')
		throw new IngestError(
			INGEST_ERRORS.unsupportedCcdaBody,
			`${file}: the nonXMLBody embeds ${mediaType}; only an embedded PDF (base64) can be read.`,
		)
	const data = Buffer.from(textContent(text).replace(/\s+/g, ''), 'base64')
	const pdf = await pdfText(new Uint8Array(data), file)
	return splitSections(pdf, [], docDay)
}

/** The newest date of the section's entries, not later than the document; else the document's. */
function sectionDate(section: XmlElement, docDay: string | null): string | null {
	const days: string[] = []
	for (const entry of elements(section, 'entry'))
		for (const time of [...descendants(entry, 'effectiveTime'), ...descendants(entry, 'time')])
			for (const el of [time, child(time, 'low'), child(time, 'high')]) {
				const d = hl7Time(el?.attrs.value)?.slice(0, 10)
				if (d && d.length === 10 && (!docDay || d <= docDay)) days.push(d)
			}
	return newest(days) ?? docDay
}

/** HL7 TS "20050329171504-0500" → "2005-03-29T17:15:04-05:00"; partial dates stay partial. */
export function hl7Time(value: string | undefined): string | null {
	const m = /^(\d{4})(\d{2})?(\d{2})?(\d{2})?(\d{2})?(\d{2})?(\.\d+)?([+-]\d{4})?$/.exec(
		value?.trim() ?? '',
	)
	if (!m) return null
	const [, y, mo, d, h, mi, s, frac, tz] = m
	let out = y as string
	if (mo) out += `-${mo}`
	if (mo && d) out += `-${d}`
	if (mo && d && h) {
		out += `T${h}:${mi ?? '00'}:${s ?? '00'}${s && frac ? frac : ''}`
		if (tz) out += `${tz.slice(0, 3)}:${tz.slice(3)}`
	}
	return out
}
