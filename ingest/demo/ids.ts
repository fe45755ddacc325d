import { createHash } from 'node:crypto'
import { DEMO_REFERENCE_DATE } from './patients.ts'

/** Stable UUID-shaped id derived from a name, so regenerated bundles keep their resource ids. */
export function demoId(...parts: string[]): string {
	const hex = createHash('sha256')
		.update(`chartside-demo:${parts.join(':')}`)
		.digest('hex')
	return [
		hex.slice(0, 8),
		hex.slice(8, 12),
		`4${hex.slice(13, 16)}`,
		`${((parseInt(hex.slice(16, 17), 16) & 0x3) | 0x8).toString(16)}${hex.slice(17, 20)}`,
		hex.slice(20, 32),
	].join('-')
}

export function daysBefore(days: number, time = '10:00:00'): string {
	const date = new Date(`${DEMO_REFERENCE_DATE}T${time}Z`)
	date.setUTCDate(date.getUTCDate() - days)
	return date.toISOString().replace('.000Z', 'Z')
}

export const dateOnly = (days: number) => daysBefore(days).slice(0, 10)
