import type { Services } from '../services.ts'

/** What every Remix loader and action receives as `context`, built per request by the server. */
export type ChartsideLoadContext = {
	requestId: string
	cspNonce: string
	services: Services
}

declare module '@remix-run/node' {
	// eslint-disable-next-line @typescript-eslint/no-empty-object-type
	interface AppLoadContext extends ChartsideLoadContext {}
}
