import {
	createServer,
	type Http2ServerRequest,
	type Http2ServerResponse,
	type Http2Session,
	type IncomingHttpHeaders,
} from 'node:http2'
import { crc32 } from 'node:zlib'

/**
 * A local Amazon Bedrock runtime for provider tests, over cleartext HTTP/2 (the SDK's transport
 * for Bedrock). It records every request it receives (path, headers, parsed JSON body) and
 * answers as told. Nothing reaches AWS.
 *   POST /model/{modelId}/converse         a Converse JSON reply
 *   POST /model/{modelId}/converse-stream  the same reply as an AWS event stream: messageStart,
 *                                          one contentBlockDelta per word, contentBlockStop,
 *                                          messageStop, metadata
 *   POST /model/{modelId}/invoke           a Titan embedding ({ embedding: [0.6, 0.8] })
 * Modes:
 *   reply   a fixed assistant message (the default "Potassium was 5.1 mmol/L. [c1]")
 *   echo    repeats the data blocks of the last user message, as a careless model might
 *   http500 answers 500 InternalServerException
 *   garbage answers 200 with a body that is not a reply (for a stream: not event-stream framing)
 *   hang    never answers (the client's timeout must end it)
 */
export type Recorded = {
	path: string
	/** The model id from the path, decoded. */
	modelId: string
	headers: IncomingHttpHeaders
	body: Record<string, unknown>
	/** The client closed the stream before the answer was complete (a cancelled call). */
	abandoned: boolean
}
export type Mode = 'reply' | 'echo' | 'http500' | 'garbage' | 'hang'

export type BedrockTestServer = {
	url: string
	requests: Recorded[]
	mode: Mode
	reply: string
	stop(): Promise<void>
}

const ROUTE = /^\/model\/([^/]+)\/(converse|converse-stream|invoke)$/

export async function startBedrockTestServer(): Promise<BedrockTestServer> {
	const state: BedrockTestServer = {
		url: '',
		requests: [],
		mode: 'reply',
		reply: 'Potassium was 5.1 mmol/L. [c1]',
		stop: async () => undefined,
	}
	const sessions = new Set<Http2Session>()
	const server = createServer((req: Http2ServerRequest, res: Http2ServerResponse) => {
		const chunks: Buffer[] = []
		req.on('data', (d: Buffer) => chunks.push(d))
		req.on('end', () => {
			const raw = Buffer.concat(chunks).toString('utf8')
			let body: Record<string, unknown>
			try {
				body = JSON.parse(raw || '{}') as Record<string, unknown>
			} catch {
				body = { unparsable: true }
			}
			const path = req.url
			const route = ROUTE.exec(path)
			const recorded: Recorded = {
				path,
				modelId: route ? decodeURIComponent(route[1] ?? '') : '',
				headers: req.headers,
				body,
				abandoned: false,
			}
			state.requests.push(recorded)
			req.on('aborted', () => (recorded.abandoned = true))
			answer(state, route?.[2], body, res)
		})
	})
	server.on('session', (session) => {
		sessions.add(session)
		session.on('close', () => sessions.delete(session))
	})
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
	const address = server.address()
	state.url = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`
	state.stop = () =>
		new Promise<void>((resolve) => {
			for (const session of sessions) session.destroy()
			server.close(() => resolve())
		})
	return state
}

function answer(
	state: BedrockTestServer,
	operation: string | undefined,
	body: Record<string, unknown>,
	res: Http2ServerResponse,
) {
	if (state.mode === 'hang') return
	const headers = { 'x-amzn-requestid': 'test-request-id' }
	if (!operation) {
		res.writeHead(404, { ...headers, 'content-type': 'application/json' })
		res.end(JSON.stringify({ message: 'no such operation' }))
		return
	}
	if (state.mode === 'http500') {
		res.writeHead(500, {
			...headers,
			'content-type': 'application/json',
			'x-amzn-errortype': 'InternalServerException',
		})
		res.end(JSON.stringify({ message: 'internal error' }))
		return
	}
	if (operation === 'invoke') {
		res.writeHead(200, { ...headers, 'content-type': 'application/json' })
		res.end(
			state.mode === 'garbage'
				? JSON.stringify({ unexpected: true })
				: JSON.stringify({ embedding: [0.6, 0.8], inputTextTokenCount: 3 }),
		)
		return
	}
	if (operation === 'converse-stream') {
		res.writeHead(200, { ...headers, 'content-type': 'application/vnd.amazon.eventstream' })
		if (state.mode === 'garbage') {
			res.end('{"unexpected": true, "padding": "not an event stream at all"}')
			return
		}
		const words = replyText(state, body).match(/\S+\s*/g) ?? []
		const events: Array<[string, unknown]> = [
			['messageStart', { role: 'assistant' }],
			...words.map((text): [string, unknown] => [
				'contentBlockDelta',
				{ contentBlockIndex: 0, delta: { text } },
			]),
			['contentBlockStop', { contentBlockIndex: 0 }],
			['messageStop', { stopReason: 'end_turn' }],
			[
				'metadata',
				{
					usage: { inputTokens: 10, outputTokens: words.length, totalTokens: 10 + words.length },
					metrics: { latencyMs: 1 },
				},
			],
		]
		res.end(Buffer.concat(events.map(([type, payload]) => eventMessage(type, payload))))
		return
	}
	res.writeHead(200, { ...headers, 'content-type': 'application/json' })
	if (state.mode === 'garbage') {
		res.end(JSON.stringify({ unexpected: true }))
		return
	}
	res.end(
		JSON.stringify({
			output: {
				message: { role: 'assistant', content: [{ text: replyText(state, body) }] },
			},
			stopReason: 'end_turn',
			usage: { inputTokens: 10, outputTokens: 5, totalTokens: 15 },
			metrics: { latencyMs: 1 },
		}),
	)
}

function replyText(state: BedrockTestServer, body: Record<string, unknown>): string {
	if (state.mode !== 'echo') return state.reply
	const messages = (body.messages ?? []) as Array<{
		role: string
		content: Array<{ text?: string }>
	}>
	const last = messages.filter((m) => m.role === 'user').at(-1)
	return (last?.content ?? [])
		.map((block) => block.text ?? '')
		.join('\n')
		.split('\n')
		.filter((l) => !l.startsWith('<<<') && !l.startsWith('Question'))
		.map((l) => `${l.replaceAll('\u02c6', ' ')} [c3]`)
		.join(' ')
}

/**
 * One AWS event-stream message (written out here rather than with the SDK's codec, so the test
 * does not check the SDK against itself): total length and headers length (uint32 BE), a CRC32
 * of those 8 bytes, the headers (name length, name, type 7 = string, uint16 value length, value),
 * the payload, and a CRC32 of everything before it.
 */
export function eventMessage(eventType: string, payload: unknown): Buffer {
	const headers = Buffer.concat(
		Object.entries({
			':event-type': eventType,
			':content-type': 'application/json',
			':message-type': 'event',
		}).map(([name, value]) => {
			const n = Buffer.from(name, 'utf8')
			const v = Buffer.from(value, 'utf8')
			const head = Buffer.alloc(1 + n.length + 1 + 2)
			head.writeUInt8(n.length, 0)
			n.copy(head, 1)
			head.writeUInt8(7, 1 + n.length)
			head.writeUInt16BE(v.length, 2 + n.length)
			return Buffer.concat([head, v])
		}),
	)
	const body = Buffer.from(JSON.stringify(payload), 'utf8')
	const total = 12 + headers.length + body.length + 4
	const prelude = Buffer.alloc(12)
	prelude.writeUInt32BE(total, 0)
	prelude.writeUInt32BE(headers.length, 4)
	prelude.writeUInt32BE(crc32(prelude.subarray(0, 8)), 8)
	const message = Buffer.concat([prelude, headers, body])
	const trailer = Buffer.alloc(4)
	trailer.writeUInt32BE(crc32(message), 0)
	return Buffer.concat([message, trailer])
}
