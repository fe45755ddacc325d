import { describe, expect, test } from 'vitest'
import { sseData, sseDataOf, sseEvent } from './sse.ts'

const streamOf = (...chunks: string[]) => {
	const encoder = new TextEncoder()
	return new ReadableStream<Uint8Array>({
		start(controller) {
			for (const chunk of chunks) controller.enqueue(encoder.encode(chunk))
			controller.close()
		},
	})
}
const collect = async (body: ReadableStream<Uint8Array>) => {
	const out: string[] = []
	for await (const data of sseDataOf(body)) out.push(data)
	return out
}

describe('writing', () => {
	test('one event per value, as JSON', () => {
		expect(sseEvent({ type: 'done', n: 1 })).toBe('data: {"type":"done","n":1}\n\n')
		expect(sseData('[DONE]')).toBe('data: [DONE]\n\n')
	})
	test('text over several lines: one data line each', () => {
		expect(sseData('a\nb')).toBe('data: a\ndata: b\n\n')
	})
})

describe('reading', () => {
	test('gives back what was written, whatever the chunking', async () => {
		const text = sseEvent({ a: 'é' }) + sseEvent([1, 2]) + sseData('[DONE]')
		const bytes = new TextEncoder().encode(text)
		const expected = ['{"a":"é"}', '[1,2]', '[DONE]']
		expect(await collect(streamOf(text))).toEqual(expected)
		// split mid-event and mid-character
		const body = new ReadableStream<Uint8Array>({
			start(controller) {
				for (let i = 0; i < bytes.length; i += 3) controller.enqueue(bytes.slice(i, i + 3))
				controller.close()
			},
		})
		expect(await collect(body)).toEqual(expected)
	})
	test('joins multi-line data, skips comments and events without data', async () => {
		expect(
			await collect(streamOf(': keep-alive\n\n', 'event: x\ndata: a\ndata:b\n\n', 'id: 1\n\n')),
		).toEqual(['a\nb'])
	})
	test('a reader that stops early cancels the stream', async () => {
		let cancelled = false
		const body = new ReadableStream<Uint8Array>({
			pull(controller) {
				controller.enqueue(new TextEncoder().encode(sseEvent(1)))
			},
			cancel() {
				cancelled = true
			},
		})
		for await (const data of sseDataOf(body)) {
			expect(data).toBe('1')
			break
		}
		expect(cancelled).toBe(true)
	})
})
