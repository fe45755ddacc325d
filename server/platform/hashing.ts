import { createHash } from 'node:crypto'

/**
 * The fingerprint of a text in the audit ledger (`sha256:<64 hex>`, the form audit/events.ts
 * validates): it proves which prompt, answer or edit a record is about without holding the text.
 */
export const fingerprint = (text: string): string =>
	`sha256:${createHash('sha256').update(text).digest('hex')}`
