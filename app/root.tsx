import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import {
	Links,
	Meta,
	Outlet,
	Scripts,
	ScrollRestoration,
	isRouteErrorResponse,
	useLoaderData,
	useRouteError,
	useRouteLoaderData,
} from '@remix-run/react'
import { useEffect, type ReactNode } from 'react'
import type { ErrorCode } from '#server/platform/errors.ts'
import { AppShell } from './components/app-shell.tsx'
import { PagePanel } from './components/card.tsx'
import { IdleLogoff } from './components/idle-logoff.tsx'
import { getUser } from './utils/auth.server.ts'
import stylesheet from './tailwind.css?url'
import { navigationFor } from './utils/navigation.ts'
import { useNonce } from './utils/nonce.tsx'

export const links: LinksFunction = () => [
	{ rel: 'stylesheet', href: stylesheet },
	{ rel: 'icon', href: '/favicon.svg', type: 'image/svg+xml' },
]

export const meta: MetaFunction = () => [
	{ title: 'Chartside' },
	{
		name: 'description',
		content: 'Cited answers about a patient’s chart, behind a clinician’s decision.',
	},
]

export async function loader({ request, context }: LoaderFunctionArgs) {
	const user = await getUser(request, context)
	return {
		requestId: context.requestId,
		idleMinutes: context.app.auth.idleMinutes,
		user: user
			? { displayName: user.displayName, role: user.role, csrfToken: user.csrfToken }
			: null,
	}
}

export function Layout({ children }: { children: ReactNode }) {
	const nonce = useNonce()
	return (
		<html lang="en">
			<head>
				<meta charSet="utf-8" />
				<meta name="viewport" content="width=device-width, initial-scale=1" />
				<meta name="referrer" content="no-referrer" />
				<Meta />
				<Links />
			</head>
			<body>
				{children}
				<ScrollRestoration nonce={nonce} />
				<Scripts nonce={nonce} />
			</body>
		</html>
	)
}

export default function App() {
	const { user, idleMinutes } = useLoaderData<typeof loader>()
	// Marks the page as hydrated: browser tests that drive the keyboard wait for it, since a
	// navigation started while React is still hydrating the page makes React throw (error #345).
	useEffect(() => {
		document.documentElement.dataset.hydrated = 'true'
	}, [])
	return (
		<AppShell nav={navigationFor(user?.role ?? null)} user={user}>
			{user ? <IdleLogoff minutes={idleMinutes} /> : null}
			<Outlet />
		</AppShell>
	)
}

/**
 * Shown for any error below the root: plain words and the request id that ties this page to the
 * server's log. Never the error's own text, which may come from a database or a provider.
 */
export function ErrorBoundary() {
	const error = useRouteError()
	const rootData = useRouteLoaderData<typeof loader>('root')
	const requestId = rootData?.requestId ?? null
	const user = rootData?.user ?? null
	const { title, message } = describe(error)
	return (
		<AppShell nav={navigationFor(user?.role ?? null)} user={user}>
			<PagePanel id="error" title={title} width="wide">
				<p className="mt-3 text-ink-muted">{message}</p>
				{requestId ? (
					<p className="mt-6 text-sm text-ink-muted">
						Request id:{' '}
						<code data-testid="request-id" className="font-mono text-ink">
							{requestId}
						</code>
					</p>
				) : null}
				<p className="mt-6">
					<a href="/">Back to the overview</a>
				</p>
			</PagePanel>
		</AppShell>
	)
}

function describe(error: unknown): { title: string; message: string } {
	if (isRouteErrorResponse(error)) {
		switch (error.status) {
			case 401:
				return {
					title: 'Please sign in',
					message: 'Your session has ended. Sign in again to continue.',
				}
			case 403:
				return {
					title: 'Not available to you',
					message: 'Your role or care team does not give you access to this page.',
				}
			case 404:
				return {
					title: 'Page not found',
					message: 'We could not find that page. Check the address, or go back to the overview.',
				}
			case 503:
				if (
					(error.data as { code?: unknown } | null)?.code ===
					('AUDIT_WRITE_FAILED' satisfies ErrorCode)
				)
					return {
						title: 'Not recorded, so not shown',
						message:
							'Chartside records every look at a chart in its audit ledger before showing it, and the ledger could not record this one. Nothing was shown or changed. Try again in a moment; if it keeps happening, give the support team the request id below.',
					}
				break
			default:
				if (error.status < 500)
					return {
						title: 'That request could not be completed',
						message: 'Please check what you entered and try again.',
					}
		}
	}
	return {
		title: 'Something went wrong',
		message:
			'Chartside could not complete this request. Nothing you entered has been lost. If it happens again, give the support team the request id below.',
	}
}
