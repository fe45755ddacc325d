import { readdir, readFile } from 'node:fs/promises'
import path from 'node:path'

/**
 * The chart patients a fax may concern: read from FHIR R4 bundles on disk (the demo hospital's
 * committed bundles and the shared-data Synthea charts), never imported from ingest/ (tools/
 * depends on server/ and db/ only). Only the demographics a fax would carry are read: names,
 * birth date, the MRN identifier, a phone. All of them are synthetic.
 */
export type ChartPatient = {
	id: string
	given: string
	family: string
	birthDate: string
	sex: 'female' | 'male' | null
	mrn: string | null
	phone: string | null
	/** The bundle the patient came from, relative to the folder it was read from. */
	source: string
	sourceDir: string
}

type Json = Record<string, unknown>
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v)

export function patientFromResource(
	resource: unknown,
): Omit<ChartPatient, 'source' | 'sourceDir'> | null {
	if (!isObject(resource) || resource.resourceType !== 'Patient') return null
	const id = typeof resource.id === 'string' ? resource.id : null
	const birthDate = typeof resource.birthDate === 'string' ? resource.birthDate : null
	const names = Array.isArray(resource.name) ? resource.name.filter(isObject) : []
	const name = names.find((n) => n.use === 'official') ?? names[0]
	const family = typeof name?.family === 'string' ? name.family : null
	const given =
		Array.isArray(name?.given) && typeof name.given[0] === 'string' ? name.given[0] : null
	if (!id || !birthDate || !family || !given) return null
	const identifiers = Array.isArray(resource.identifier) ? resource.identifier.filter(isObject) : []
	const mr = identifiers.find((i) => {
		const type = isObject(i.type) ? i.type : null
		const codings = Array.isArray(type?.coding) ? type.coding.filter(isObject) : []
		return codings.some((c) => c.code === 'MR') && typeof i.value === 'string'
	})
	const telecom = Array.isArray(resource.telecom) ? resource.telecom.filter(isObject) : []
	const phone = telecom.find((t) => t.system === 'phone' && typeof t.value === 'string')
	const gender = resource.gender === 'female' || resource.gender === 'male' ? resource.gender : null
	return {
		id,
		// Synthea appends digits to names ("Willia123"): a fax would not print them.
		given: given.replace(/\d+$/, ''),
		family: family.replace(/\d+$/, ''),
		birthDate,
		sex: gender,
		mrn: mr && typeof mr.value === 'string' ? mr.value : null,
		phone: phone && typeof phone.value === 'string' ? phone.value : null,
	}
}

/** Every Patient in the `*.json` bundles of `dir`, in file-name order. A missing folder is empty. */
export async function loadChartPatients(dir: string): Promise<ChartPatient[]> {
	let names: string[]
	try {
		names = (await readdir(dir)).filter((n) => n.endsWith('.json')).sort()
	} catch {
		return []
	}
	const out: ChartPatient[] = []
	for (const name of names) {
		const bundle: unknown = JSON.parse(await readFile(path.join(dir, name), 'utf8'))
		const entries = isObject(bundle) && Array.isArray(bundle.entry) ? bundle.entry : []
		for (const entry of entries) {
			const patient = patientFromResource(isObject(entry) ? entry.resource : null)
			if (patient) out.push({ ...patient, source: name, sourceDir: dir })
		}
	}
	return out
}
