import { isAppError } from '#server/errors.ts'
import type { CopilotEvent } from '#server/copilot/types.ts'

/**
 * The copilot's streams as HTTP: server-sent events, one per checked sentence and one when the
 * answer is saved and its render recorded. A refusal before anything streams is a plain status
 * (403 outside the care team, 404, 400 for input, 503 when the ledger cannot record); one after
 * is an `error` event, and the screen withdraws what it showed. Messages are the ones written for
 * users, or plain words with the request id.
 */
const STATUS: Record<string, number> = {
	COPILOT_FORBIDDEN: 403,
	COPILOT_NOT_FOUND: 404,
	COPILOT_ALREADY_DECIDED: 409,
	COPILOT_DECISION_INVALID: 400,
	COPILOT_QUESTION_INVALID: 400,
	GATEWAY_INPUT_TOO_LARGE: 400,
	GATEWAY_FEATURE_DENIED: 403,
	RETRIEVAL_QUERY_INVALID: 400,
	DEID_UNCERTAIN: 422,
	AUDIT_WRITE_FAILED: 503,
}

export function describeError(
	error: unknown,
	requestId: string,
): { status: number; code: string; message: string } {
	if (isAppError(error)) {
		const status = STATUS[error.code] ?? 502
		const message =
			error.code === 'AUDIT_WRITE_FAILED'
				? 'This could not be recorded, so nothing was shown or saved.'
				: error.exposure === 'user'
					? error.message
					: `The answer could not be made. Reference: ${requestId}.`
		return { status, code: error.code, message }
	}
	return {
		status: 500,
		code: 'UNEXPECTED',
		message: `Something went wrong. Reference: ${requestId}.`,
	}
}

/** A plain-status JSON response for an error (routes return it from a catch). */
export function refuseWith(error: unknown, requestId: string): Response {
	const { status, code, message } = describeError(error, requestId)
	if (status >= 500 && !isAppError(error)) throw error
	return Response.json(
		{ error: message, code },
		{ status, headers: { 'Cache-Control': 'no-store' } },
	)
}

export async function eventStream(
	events: AsyncIterable<CopilotEvent>,
	requestId: string,
): Promise<Response> {
	const iterator = events[Symbol.asyncIterator]()
	let first: IteratorResult<CopilotEvent>
	try {
		first = await iterator.next()
	} catch (error) {
		const { status, code, message } = describeError(error, requestId)
		return Response.json(
			{ error: message, code },
			{ status, headers: { 'Cache-Control': 'no-store' } },
		)
	}
	const encoder = new TextEncoder()
	const line = (value: unknown) => encoder.encode(`data: ${JSON.stringify(value)}\n\n`)
	let pending: IteratorResult<CopilotEvent> | null = first
	const body = new ReadableStream<Uint8Array>({
		async pull(controller) {
			try {
				const next = pending ?? (await iterator.next())
				pending = null
				if (next.done) return controller.close()
				controller.enqueue(line(next.value))
			} catch (error) {
				const { code, message } = describeError(error, requestId)
				controller.enqueue(line({ type: 'error', code, message }))
				controller.close()
			}
		},
		async cancel() {
			await iterator.return?.(undefined)
		},
	})
	return new Response(body, {
		headers: {
			// The edge adds Cache-Control: no-store to every response.
			'Content-Type': 'text/event-stream; charset=utf-8',
			'X-Accel-Buffering': 'no',
		},
	})
}
