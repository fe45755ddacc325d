import type { AppContext } from './app-context.ts'

/** What every Remix loader and action receives as `context`, built per request by the server. */
export type ChartsideLoadContext = {
	requestId: string
	cspNonce: string
	app: AppContext
}

declare module '@remix-run/node' {
	// eslint-disable-next-line @typescript-eslint/no-empty-object-type
	interface AppLoadContext extends ChartsideLoadContext {}
}
