import { PassThrough } from 'node:stream'
import type {
	ActionFunctionArgs,
	AppLoadContext,
	EntryContext,
	LoaderFunctionArgs,
} from '@remix-run/node'
import { createReadableStreamFromReadable } from '@remix-run/node'
import { RemixServer } from '@remix-run/react'
import { isbot } from 'isbot'
import { renderToPipeableStream } from 'react-dom/server'
import { NonceProvider } from './utils/nonce.tsx'

const ABORT_DELAY_MS = 5_000

export default function handleRequest(
	request: Request,
	responseStatusCode: number,
	responseHeaders: Headers,
	remixContext: EntryContext,
	loadContext: AppLoadContext,
) {
	// Cache-Control: no-store is set for every response by the HTTP edge (server/http/edge.ts).
	const nonce = loadContext.cspNonce
	const waitForAll = isbot(request.headers.get('user-agent') ?? '') || remixContext.isSpaMode
	return new Promise<Response>((resolve, reject) => {
		let shellRendered = false
		const { pipe, abort } = renderToPipeableStream(
			<NonceProvider value={nonce}>
				<RemixServer
					context={remixContext}
					url={request.url}
					abortDelay={ABORT_DELAY_MS}
					nonce={nonce}
				/>
			</NonceProvider>,
			{
				nonce,
				[waitForAll ? 'onAllReady' : 'onShellReady']() {
					shellRendered = true
					const body = new PassThrough()
					responseHeaders.set('Content-Type', 'text/html; charset=utf-8')
					resolve(
						new Response(createReadableStreamFromReadable(body), {
							headers: responseHeaders,
							status: responseStatusCode,
						}),
					)
					pipe(body)
				},
				onShellError(error: unknown) {
					reject(error)
				},
				onError(error: unknown) {
					responseStatusCode = 500
					if (shellRendered) logRenderError(loadContext, error)
				},
			},
		)
		setTimeout(abort, ABORT_DELAY_MS)
	})
}

/** Errors thrown by loaders, actions and rendering: logged by code and request id only. */
export function handleError(
	error: unknown,
	{ request, context }: LoaderFunctionArgs | ActionFunctionArgs,
) {
	if (request.signal.aborted) return
	logRenderError(context, error)
}

/** By code and request id only: an error's message may carry values from the database. */
function logRenderError(context: AppLoadContext, error: unknown) {
	const e = (typeof error === 'object' && error !== null ? error : {}) as {
		code?: unknown
		name?: unknown
	}
	context.app.log.error('remix.error', {
		requestId: context.requestId,
		errorCode: typeof e.code === 'string' ? e.code : 'UNEXPECTED',
		errorName: typeof e.name === 'string' ? e.name : typeof error,
	})
}
