import type { AppContext } from './app-context.ts'

/** What every Remix loader and action receives as `context`, built per request by the server. */
export type ChartsideLoadContext = {
	requestId: string
	cspNonce: string
	/** Aborts when the response has closed: the request's data handles then refuse all work. */
	requestEnded: AbortSignal
	app: AppContext
}

declare module '@remix-run/node' {
	// eslint-disable-next-line @typescript-eslint/no-empty-object-type
	interface AppLoadContext extends ChartsideLoadContext {}
}
