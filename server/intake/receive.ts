import { eq } from 'drizzle-orm'
import { faxes, type FaxSource } from '#db/schema/faxes.ts'
import { AUDIT_ACTIONS, AUDIT_COMPONENTS } from '../audit/sink.ts'
import { isAppError } from '../platform/errors.ts'
import { sha256Bytes } from '../platform/hashing.ts'
import type { IntakeDeps } from './deps.ts'
import { IntakeError, INTAKE_ERRORS } from './errors.ts'
import { inspectFaxFile } from './files/index.ts'
import { INTAKE_POLICIES, recordFaxEvent, type IntakeActor } from './record.ts'

export type IncomingFile = { fileName: string; bytes: Uint8Array }

/** What happened to one file of an upload; a refusal carries its code and plain words. */
export type Receipt =
	| { fileName: string; outcome: 'received' | 'duplicate'; faxId: string; pages: number }
	| { fileName: string; outcome: 'refused'; code: string; message: string }

/** A file name as shown back: its last path part, printable, at most 200 characters. */
export function cleanFileName(name: string): string {
	const base = name.split(/[\\/]/).pop() ?? ''
	// Control, format and line-separator characters (\p{C}, \p{Zl}, \p{Zp}) never reach a screen.
	const printable = base.replace(/[\p{C}\p{Zl}\p{Zp}]/gu, '')
	return printable.trim().slice(0, 200) || 'unnamed'
}

/**
 * Records a file refused before anything was stored (its code and size; there is no fax to name).
 */
export function recordRefusedFile(
	deps: Pick<IntakeDeps, 'audit'>,
	refused: { code: string; bytes: number },
	options: { actor: IntakeActor; source: FaxSource; requestId: string },
): Promise<void> {
	return deps.audit.record({
		at: new Date().toISOString(),
		requestId: options.requestId,
		component: AUDIT_COMPONENTS.intake,
		action: AUDIT_ACTIONS.faxReceive,
		actor: {
			userId: options.actor.userId,
			role: options.actor.role,
			sessionId: options.actor.sessionId,
		},
		resource: { type: 'fax', id: 'refused' },
		decision: 'deny',
		policy: INTAKE_POLICIES.receive,
		outcome: 'failed',
		details: { errorCode: refused.code, bytes: refused.bytes, source: options.source },
	})
}

/**
 * Receives one fax file: checks it from its bytes (type, size, pages, declared pixels, whether it
 * opens) before anything is stored, keeps the original byte for byte under its SHA-256 (the same
 * file twice is the fax already held), records the receipt in the ledger in the same transaction,
 * and queues its read job. A refused file is recorded too (its code, no content) and stores
 * nothing.
 */
export async function receiveFax(
	deps: IntakeDeps,
	file: IncomingFile,
	options: { actor: IntakeActor; source: FaxSource; requestId: string },
): Promise<Receipt> {
	const fileName = cleanFileName(file.fileName)
	const base = {
		requestId: options.requestId,
		action: AUDIT_ACTIONS.faxReceive,
		actor: options.actor,
		policy: INTAKE_POLICIES.receive,
	}
	let inspected: Awaited<ReturnType<typeof inspectFaxFile>>
	try {
		if (file.bytes.byteLength > deps.limits.maxFileBytes)
			throw new IntakeError(
				INTAKE_ERRORS.fileTooLarge,
				`The file is larger than ${Math.round(deps.limits.maxFileBytes / 1024 / 1024)} MB.`,
			)
		inspected = await inspectFaxFile(file.bytes, deps.limits)
	} catch (error) {
		if (!isAppError(error) || !error.code.startsWith('INTAKE_')) throw error
		await recordRefusedFile(deps, { code: error.code, bytes: file.bytes.byteLength }, options)
		return { fileName, outcome: 'refused', code: error.code, message: error.message }
	}
	const contentHash = sha256Bytes(file.bytes)
	const stored = await deps.db.transaction(async (tx) => {
		const [row] = await tx
			.insert(faxes)
			.values({
				contentHash,
				original: Buffer.from(file.bytes),
				fileKind: inspected.kind,
				fileName,
				byteSize: file.bytes.byteLength,
				pageCount: inspected.pages,
				source: options.source,
				receivedBy: options.actor.userId,
			})
			.onConflictDoNothing({ target: faxes.contentHash })
			.returning({ id: faxes.id })
		const faxId =
			row?.id ??
			(await tx.select({ id: faxes.id }).from(faxes).where(eq(faxes.contentHash, contentHash)))[0]
				?.id
		if (!faxId) throw new Error('a received fax has no row')
		await recordFaxEvent(deps.audit, {
			...base,
			faxId,
			details: {
				duplicate: !row,
				kind: inspected.kind,
				pages: inspected.pages,
				bytes: file.bytes.byteLength,
				source: options.source,
			},
		})
		return { faxId, duplicate: !row }
	})
	if (!stored.duplicate) await deps.schedule(stored.faxId)
	return {
		fileName,
		outcome: stored.duplicate ? 'duplicate' : 'received',
		faxId: stored.faxId,
		pages: inspected.pages,
	}
}
