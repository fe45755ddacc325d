/**
 * Synthetic fax texts for the demographics extractor, with what a person reading them would
 * take from them. Invented names, numbers and clinics only. The held-out set
 * (extract.holdout.test.ts) was written before the extractor and is not tuned against.
 */
export type ExtractionExample = {
	id: string
	text: string
	expect: {
		/** The patient: first given name and family name, compared without case. */
		name: { given: string; family: string } | null
		birthDate: string | null
		mrn: string | null
		phone: string | null
		/** Names on the page that are not the patient's (senders, recipients, physicians). */
		notPatient?: string[]
	}
}

/** Scores one example per field: 1 when the first value found is the expected one (or both are absent). */
export function fieldHits(
	found: {
		names: { given: string; family: string }[]
		birthDates: string[]
		mrns: string[]
		phones: string[]
	},
	expected: ExtractionExample['expect'],
): { name: boolean; birthDate: boolean; mrn: boolean; phone: boolean; notPatient: boolean } {
	const norm = (s: string) => s.toLowerCase().replace(/[^a-z]/g, '')
	const firstGiven = (s: string) => norm(s.split(/\s+/)[0] ?? '')
	const top = found.names[0]
	const name = expected.name
		? top !== undefined &&
			firstGiven(top.given) === norm(expected.name.given) &&
			norm(top.family) === norm(expected.name.family)
		: found.names.length === 0
	const same = (values: string[], want: string | null) =>
		want === null ? values.length === 0 : values[0] === want
	const taken = found.names.flatMap((n) => [norm(n.given), norm(n.family)])
	const notPatient = (expected.notPatient ?? []).every((other) =>
		other
			.split(/\s+/)
			.map(norm)
			.filter((part) => part.length > 2)
			.every((part) => !taken.includes(part)),
	)
	return {
		name,
		birthDate: same(found.birthDates, expected.birthDate),
		mrn: same(found.mrns, expected.mrn),
		phone: expected.phone === null ? true : found.phones.includes(expected.phone),
		notPatient,
	}
}
