import { createHash } from 'node:crypto'

/** SHA-256 of a text, as 64 lower-case hex digits (content hashes, session token hashes). */
export const sha256Hex = (text: string): string => createHash('sha256').update(text).digest('hex')

/** SHA-256 of raw bytes (a fax as received), as 64 lower-case hex digits. */
export const sha256Bytes = (bytes: Uint8Array): string =>
	createHash('sha256').update(bytes).digest('hex')

/**
 * The fingerprint of a text in the audit ledger (`sha256:<64 hex>`, the form audit/events.ts
 * validates): it proves which prompt, answer or edit a record is about without holding the text.
 */
export const fingerprint = (text: string): string => `sha256:${sha256Hex(text)}`
