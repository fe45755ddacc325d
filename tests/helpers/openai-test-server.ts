import { createServer, type IncomingHttpHeaders, type Server } from 'node:http'

/**
 * A local OpenAI-compatible server for provider tests: it records every request it receives
 * (headers and parsed body) and answers as told, as JSON or, when the request asks to stream, as
 * server-sent events. Nothing reaches a real vendor.
 *   reply   a fixed assistant message (the default "Potassium was 5.1 mmol/L. [c1]")
 *   echo    repeats the data blocks of the last user message, as a careless model might
 *   http500 answers 500 with an error body
 *   garbage answers 200 with a body that is not a completion
 *   hang    never answers (the client's timeout must end it)
 */
export type Recorded = { path: string; headers: IncomingHttpHeaders; body: Record<string, unknown> }
export type Mode = 'reply' | 'echo' | 'http500' | 'garbage' | 'hang'

export type OpenAiTestServer = {
	url: string
	requests: Recorded[]
	mode: Mode
	reply: string
	stop(): Promise<void>
}

export async function startOpenAiTestServer(): Promise<OpenAiTestServer> {
	const state: OpenAiTestServer = {
		url: '',
		requests: [],
		mode: 'reply',
		reply: 'Potassium was 5.1 mmol/L. [c1]',
		stop: async () => undefined,
	}
	const server: Server = createServer((req, res) => {
		let raw = ''
		req.on('data', (d: Buffer) => (raw += d.toString()))
		req.on('end', () => {
			let body: Record<string, unknown>
			try {
				body = JSON.parse(raw || '{}') as Record<string, unknown>
			} catch {
				body = { unparsable: true }
			}
			state.requests.push({ path: req.url ?? '', headers: req.headers, body })
			if (state.mode === 'hang') return
			if (state.mode === 'http500') {
				res.writeHead(500, { 'content-type': 'application/json' })
				res.end(JSON.stringify({ error: { message: 'internal error', type: 'server_error' } }))
				return
			}
			if (state.mode === 'garbage') {
				res.writeHead(200, { 'content-type': 'application/json' })
				res.end(JSON.stringify({ unexpected: true }))
				return
			}
			if (req.url?.endsWith('/embeddings')) {
				const input = Array.isArray(body.input) ? body.input : [body.input]
				const vector = Buffer.from(new Float32Array([0.6, 0.8]).buffer).toString('base64')
				res.writeHead(200, { 'content-type': 'application/json' })
				res.end(
					JSON.stringify({
						object: 'list',
						model: body.model,
						data: input.map((_, index) => ({ object: 'embedding', index, embedding: vector })),
						usage: { prompt_tokens: 1, total_tokens: 1 },
					}),
				)
				return
			}
			const messages = (body.messages ?? []) as Array<{ role: string; content: string }>
			const content =
				state.mode === 'echo'
					? String(messages.at(-1)?.content ?? '')
							.split('\n')
							.filter((l) => !l.startsWith('<<<') && !l.startsWith('Question'))
							.map((l) => `${l.replaceAll('\u02c6', ' ')} [c3]`)
							.join(' ')
					: state.reply
			const model = `${String(body.model)}-2026-11-01`
			if (body.stream === true) {
				// Server-sent events in pieces of 7 characters, then the usage chunk and [DONE].
				res.writeHead(200, { 'content-type': 'text/event-stream' })
				const chunk = (delta: object, finish: string | null, extra: object = {}) =>
					`data: ${JSON.stringify({ id: 'chatcmpl-test', object: 'chat.completion.chunk', created: 0, model, choices: [{ index: 0, delta, finish_reason: finish }], ...extra })}\n\n`
				res.write(chunk({ role: 'assistant', content: '' }, null))
				for (let i = 0; i < content.length; i += 7)
					res.write(chunk({ content: content.slice(i, i + 7) }, null))
				res.write(chunk({}, 'stop'))
				res.write(
					`data: ${JSON.stringify({ id: 'chatcmpl-test', object: 'chat.completion.chunk', created: 0, model, choices: [], usage: { prompt_tokens: 10, completion_tokens: 5, total_tokens: 15 } })}\n\n`,
				)
				res.end('data: [DONE]\n\n')
				return
			}
			res.writeHead(200, { 'content-type': 'application/json' })
			res.end(
				JSON.stringify({
					id: 'chatcmpl-test',
					object: 'chat.completion',
					created: 0,
					model,
					choices: [{ index: 0, message: { role: 'assistant', content }, finish_reason: 'stop' }],
					usage: { prompt_tokens: 10, completion_tokens: 5, total_tokens: 15 },
				}),
			)
		})
	})
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
	const address = server.address()
	state.url = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}/v1`
	state.stop = () =>
		new Promise<void>((resolve) => {
			server.closeAllConnections()
			server.close(() => resolve())
		})
	return state
}
