/**
 * Server-sent events (the `text/event-stream` format of the HTML standard), the one writer and the
 * one reader: the copilot's routes write them and the copilot panel reads them in the browser; the
 * stand-alone gateway service writes them and its HTTP client reads them. Only `data:` fields are
 * used. Web APIs only (TextDecoder, ReadableStream), no node: builtins and nothing of the project,
 * so the browser bundle may import this module (eslint.config.js, BROWSER_SAFE).
 */

/** One event whose data is `text` (a line of its own per line of text). */
export const sseData = (text: string): string =>
	`${text
		.split('\n')
		.map((line) => `data: ${line}`)
		.join('\n')}\n\n`

/** One event whose data is `value` as JSON. */
export const sseEvent = (value: unknown): string => sseData(JSON.stringify(value))

/**
 * The `data` of each event of a stream, in order (an event without data is skipped). Reads with a
 * reader, which every browser supports; a consumer that stops early cancels the stream.
 */
export async function* sseDataOf(body: ReadableStream<Uint8Array>): AsyncGenerator<string> {
	const reader = body.getReader()
	const decoder = new TextDecoder()
	let buffer = ''
	let ended = false
	try {
		for (;;) {
			const { value, done } = await reader.read()
			if (done) {
				ended = true
				return
			}
			buffer += decoder.decode(value, { stream: true })
			let end: number
			while ((end = buffer.indexOf('\n\n')) >= 0) {
				const event = buffer.slice(0, end)
				buffer = buffer.slice(end + 2)
				const data = event
					.split('\n')
					.filter((line) => line.startsWith('data:'))
					.map((line) => line.slice(5).trimStart())
					.join('\n')
				if (data) yield data
			}
		}
	} finally {
		if (!ended) await reader.cancel().catch(() => undefined)
	}
}
