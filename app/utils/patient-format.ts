/** Age in whole years on `at` from an ISO birth date. */
export function ageOn(birthDate: string, at: Date = new Date()): number {
	const [y, m, d] = birthDate.split('-').map(Number)
	if (!y || !m || !d) return Number.NaN
	let age = at.getUTCFullYear() - y
	if (at.getUTCMonth() + 1 < m || (at.getUTCMonth() + 1 === m && at.getUTCDate() < d)) age -= 1
	return age
}

export const SEX_LABEL = {
	female: 'Female',
	male: 'Male',
	other: 'Other',
	unknown: 'Unknown',
} as const

export function formatDate(iso: string | null): string {
	return iso ? iso.slice(0, 10) : '—'
}
