/**
 * Reads a server-sent event stream from a fetch response: yields each event's `data` parsed as
 * JSON. Used by the copilot panel; the browser's EventSource cannot POST a form.
 */
export async function* readEvents(response: Response): AsyncGenerator<unknown> {
	if (!response.body) return
	const reader = response.body.getReader()
	const decoder = new TextDecoder()
	let buffer = ''
	for (;;) {
		const { value, done } = await reader.read()
		if (done) break
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
			if (data) yield JSON.parse(data) as unknown
		}
	}
}
