/**
 * The gateway over HTTP: `npm run gateway`'s service and the app's HTTP client in one process,
 * driven open-loop at a fixed rate (each request leaves on its schedule whether or not the ones
 * before it have answered), so queueing shows in the tail instead of slowing the generator.
 * Overhead is each request's total time minus the time its model spent.
 */
import type { Server } from 'node:http'
import { connectHttpGateway } from '#server/gateway/http/client.ts'
import { createGatewayService } from '#server/gateway/http/service.ts'
import type { Gateway } from '#server/gateway/index.ts'
import { createLogger } from '#server/log.ts'
import type { Source } from '#server/gateway/untrusted.ts'
import { summarize, type Sample } from './harness.ts'

const TOKEN = 'bench-service-token-0123456789abcdefghij'

export async function benchGatewayHttp(options: {
	gateway: Gateway
	/** The model's own time per call, in call order. */
	providerMs: number[]
	sources: Source[]
	ratePerSecond: number
	requests: number
	log: (line: string) => void
}): Promise<{ samples: Sample[]; notes: string[] }> {
	const server: Server = createGatewayService({
		gateway: options.gateway,
		token: TOKEN,
		log: createLogger('silent'),
	})
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
	const address = server.address()
	const url = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}/v1`
	try {
		const client = await connectHttpGateway({ url, token: TOKEN })
		const call = (i: number) =>
			client.answer({
				actor: { userId: 'u', role: 'clinician', sessionId: null },
				requestId: `bench-http-${i}`,
				patientId: '3f0b6a8e-1c2d-4e5f-8a9b-0c1d2e3f4a5b',
				question: 'What was the potassium?',
				sources: options.sources,
			})
		for (let i = 0; i < 50; i++) await call(i)

		options.log(
			`  gateway.answer over HTTP, ${options.ratePerSecond} requests/s open loop, ${options.requests} requests`,
		)
		const firstProvider = options.providerMs.length
		const interval = 1000 / options.ratePerSecond
		const started = performance.now()
		const totals: number[] = new Array<number>(options.requests)
		const pending: Array<Promise<void>> = []
		for (let i = 0; i < options.requests; i++) {
			const due = started + i * interval
			const wait = due - performance.now()
			if (wait > 1) await new Promise((resolve) => setTimeout(resolve, wait))
			const sent = performance.now()
			pending.push(
				call(i).then(() => {
					totals[i] = performance.now() - sent
				}),
			)
		}
		await Promise.all(pending)
		const elapsed = (performance.now() - started) / 1000
		const provider = options.providerMs.slice(firstProvider)
		const mean = provider.reduce((s, x) => s + x, 0) / Math.max(1, provider.length)
		const overhead = totals.map((t) => Math.max(0, t - mean))
		const sample = summarize(
			'gateway',
			'overhead of gateway.answer (total − provider), HTTP',
			overhead,
			{
				mode: 'http',
				rate: options.ratePerSecond,
			},
		)
		sample.rate = { value: options.requests / elapsed, unit: 'requests/s achieved' }
		return {
			samples: [sample],
			notes: [
				`gateway over HTTP: the service (node:http, bearer token, zod-parsed body) and the app's client in one process on ${options.ratePerSecond} requests/s, so the figure includes both sides' JSON work and loopback TCP; the provider's mean time per call (${mean.toFixed(3)} ms) is subtracted.`,
			],
		}
	} finally {
		server.closeAllConnections()
		await new Promise((resolve) => server.close(resolve))
	}
}
