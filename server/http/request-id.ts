import { randomUUID } from 'node:crypto'

const ACCEPTABLE = /^[A-Za-z0-9._-]{8,64}$/

/**
 * The id that ties one request's log lines, ledger events and error page together. A proxy's
 * `x-request-id` is kept when it is a plain token; anything else is replaced.
 */
export function requestIdFrom(header: string | string[] | undefined): string {
	const value = Array.isArray(header) ? header[0] : header
	return value && ACCEPTABLE.test(value) ? value : randomUUID()
}
