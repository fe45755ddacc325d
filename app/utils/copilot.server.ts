import type { ActionFunctionArgs } from '@remix-run/node'
import type { Permission } from '#server/auth/policy.ts'
import type { RequestScope } from '#server/http/app-context.ts'
import { isAppError } from '#server/platform/errors.ts'
import { describeError, errorResponse, type ErrorWords } from '#server/platform/http-errors.ts'
import { sseEvent } from '#server/platform/sse.ts'
import type { CopilotEvent } from '#server/copilot/types.ts'
import { requestScope, requireCsrf, requirePermission } from './auth.server.ts'

/**
 * The copilot's streams as HTTP: server-sent events, one per checked sentence and one when the
 * answer is saved and its render recorded. A refusal before anything streams is a plain status
 * (the code's, from server/platform/errors.ts: 403 outside the care team, 404, 400 for input,
 * 503 when the ledger cannot record); one after is an `error` event, and the screen withdraws
 * what it showed. Messages are the ones written for users, or plain words with the request id.
 */
const WORDS: ErrorWords = {
	plain: { AUDIT_WRITE_FAILED: 'This could not be recorded, so nothing was shown or saved.' },
	otherwise: (requestId) => `The answer could not be made. Reference: ${requestId}.`,
	unexpected: {
		code: 'UNEXPECTED',
		message: (requestId) => `Something went wrong. Reference: ${requestId}.`,
	},
}

const described = (error: unknown, requestId: string) => describeError(error, requestId, WORDS)

/** A plain-status JSON response for an error (routes return it from a catch). */
export function refuseWith(error: unknown, requestId: string): Response {
	if (!isAppError(error)) throw error
	return errorResponse(described(error, requestId))
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
		return errorResponse(described(error, requestId))
	}
	const encoder = new TextEncoder()
	const line = (value: unknown) => encoder.encode(sseEvent(value))
	let pending: IteratorResult<CopilotEvent> | null = first
	const body = new ReadableStream<Uint8Array>({
		async pull(controller) {
			try {
				const next = pending ?? (await iterator.next())
				pending = null
				if (next.done) return controller.close()
				controller.enqueue(line(next.value))
			} catch (error) {
				const { code, message } = described(error, requestId)
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

/** A form field as text: absent or a file is the empty string (the service says what is missing). */
export function formText(form: FormData, name: string): string {
	const value = form.get(name)
	return typeof value === 'string' ? value : ''
}

/**
 * An action that streams a copilot answer (ask, summarize): the permission and CSRF guards, then
 * `start` with the request's scope and the posted form, streamed as server-sent events.
 */
export async function streamCopilotAction(
	{ request, context }: ActionFunctionArgs,
	permission: Permission,
	start: (copilot: RequestScope['copilot'], form: FormData) => AsyncIterable<CopilotEvent>,
): Promise<Response> {
	const user = await requirePermission(request, context, permission)
	const form = await request.formData()
	await requireCsrf(request, context, user, form)
	return eventStream(start(requestScope(context, user).copilot, form), context.requestId)
}
