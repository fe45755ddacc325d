import { sseDataOf } from '#server/platform/sse.ts'

/**
 * Reads a server-sent event stream from a fetch response: yields each event's `data` parsed as
 * JSON. Used by the copilot panel; the browser's EventSource cannot POST a form.
 */
export async function* readEvents(response: Response): AsyncGenerator<unknown> {
	if (!response.body) return
	for await (const data of sseDataOf(response.body)) yield JSON.parse(data) as unknown
}
