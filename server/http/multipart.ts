import { Readable } from 'node:stream'
import type { ReadableStream as NodeWebStream } from 'node:stream/web'
import busboy from 'busboy'
import { IntakeError, INTAKE_ERRORS } from '../intake/errors.ts'

/** Caps on one multipart upload (ADR 034): checked while streaming, never after buffering all. */
export type MultipartLimits = {
	maxFileBytes: number
	maxFiles: number
	/** Plain fields (the CSRF token and a few choices): count and size. */
	maxFields?: number
	maxFieldBytes?: number
}

export type UploadedFile = { field: string; fileName: string; bytes: Uint8Array }

/** One file part that was refused while streaming (too large), by its position. */
export type RefusedPart = { fileName: string; code: IntakeError['code']; message: string }

/**
 * Reads a multipart/form-data request as a stream with busboy, handing each file to `onFile` one
 * at a time: a file's bytes are read only when the previous file has been handled, so busboy's
 * backpressure keeps at most one file (≤ maxFileBytes) in memory, whatever the request's size. A
 * file over the cap is cut off at maxFileBytes + 1 bytes, drained and reported as refused; files
 * beyond maxFiles are refused as a whole (INTAKE_TOO_MANY_FILES). `onField` sees plain fields as
 * they arrive, told whether a file part came before (`afterFile`): a file is handled only once
 * busboy has read it whole, by which time later fields have been seen too, so a field that must
 * precede the files (the CSRF token) is recognised by that flag, not by when it was seen. A throw
 * from either callback stops reading and rejects. A body that ends or breaks off mid-part rejects
 * with INTAKE_NO_FILES and plain words, never the parser's text.
 */
export async function readMultipart(
	request: Request,
	limits: MultipartLimits,
	handlers: {
		onField(name: string, value: string, info: { afterFile: boolean }): void
		onFile(file: UploadedFile): Promise<void>
		onRefused(part: RefusedPart): void
	},
): Promise<void> {
	const type = request.headers.get('content-type') ?? ''
	if (!/^multipart\/form-data\s*;/i.test(type) || !request.body)
		throw new IntakeError(INTAKE_ERRORS.noFiles, 'Send the files as a multipart form upload.')
	const declared = Number(request.headers.get('content-length') ?? NaN)
	const ceiling = limits.maxFiles * (limits.maxFileBytes + 64 * 1024) + 1024 * 1024
	if (Number.isFinite(declared) && declared > ceiling)
		throw new IntakeError(
			INTAKE_ERRORS.fileTooLarge,
			`The upload is larger than ${limits.maxFiles} files of ${mb(limits.maxFileBytes)} MB.`,
		)
	let parser: busboy.Busboy
	try {
		parser = busboy({
			headers: { 'content-type': type },
			limits: {
				fileSize: limits.maxFileBytes + 1,
				files: limits.maxFiles,
				fields: limits.maxFields ?? 20,
				fieldSize: limits.maxFieldBytes ?? 4096,
				parts: limits.maxFiles + (limits.maxFields ?? 20),
				headerPairs: 50,
			},
		})
	} catch (cause) {
		throw new IntakeError(INTAKE_ERRORS.noFiles, 'The upload is not a readable multipart form.', {
			cause,
		})
	}
	const body = Readable.fromWeb(request.body as unknown as NodeWebStream<Uint8Array>)
	let chain: Promise<void> = Promise.resolve()
	let failure: unknown = null
	let files = 0
	let tooMany = false
	let stop: () => void = () => undefined
	const fail = (error: unknown) => {
		failure ??= error
		body.unpipe(parser)
		body.destroy()
		stop()
	}
	parser.on('field', (name, value, info) => {
		if (failure) return
		if (info.valueTruncated) return fail(refusal('A form field is too long.'))
		try {
			handlers.onField(name, value, { afterFile: files > 0 })
		} catch (error) {
			fail(error)
		}
	})
	parser.on('file', (field, stream, info) => {
		files++
		const fileName = info.filename ?? `file ${files}`
		chain = chain.then(async () => {
			if (failure) {
				stream.resume()
				return
			}
			const chunks: Buffer[] = []
			let size = 0
			let truncated = false
			stream.on('limit', () => {
				truncated = true
			})
			try {
				for await (const chunk of stream as AsyncIterable<Buffer>) {
					if (truncated) continue
					size += chunk.length
					chunks.push(chunk)
				}
			} catch (cause) {
				// The body ended or broke off inside this file: the parser's error, in plain words.
				fail(incomplete(cause))
				return
			}
			if (truncated || size > limits.maxFileBytes) {
				handlers.onRefused({
					fileName,
					code: INTAKE_ERRORS.fileTooLarge,
					message: `The file is larger than ${mb(limits.maxFileBytes)} MB.`,
				})
				return
			}
			try {
				await handlers.onFile({ field, fileName, bytes: Buffer.concat(chunks, size) })
			} catch (error) {
				fail(error)
			}
		})
	})
	parser.on('filesLimit', () => {
		tooMany = true
	})
	const finished = new Promise<void>((resolve, reject) => {
		stop = resolve
		parser.on('close', resolve)
		parser.on('error', (cause) => reject(incomplete(cause)))
		body.on('error', (cause) => (failure ? resolve() : reject(incomplete(cause))))
	})
	body.pipe(parser)
	try {
		await finished
	} finally {
		await chain
	}
	if (failure) throw failure
	if (tooMany)
		handlers.onRefused({
			fileName: `files after the first ${limits.maxFiles}`,
			code: INTAKE_ERRORS.tooManyFiles,
			message: `At most ${limits.maxFiles} files can be sent at once; send the rest again.`,
		})
	if (files === 0) throw new IntakeError(INTAKE_ERRORS.noFiles, 'Choose at least one file to send.')
}

const mb = (bytes: number) => Math.round(bytes / 1024 / 1024)

const incomplete = (cause: unknown) =>
	new IntakeError(INTAKE_ERRORS.noFiles, 'The upload ended before it was complete.', { cause })

const refusal = (message: string) => new IntakeError(INTAKE_ERRORS.noFiles, message)
