import { PagePanel } from '#app/components/card.tsx'
import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { redirect } from '@remix-run/node'
import { useLoaderData } from '@remix-run/react'
import { getUser, safeReturnTo } from '#app/utils/auth.server.ts'

export const meta: MetaFunction = () => [{ title: 'Sign in · Chartside' }]

const NOTICES = {
	expired: 'You were signed out after a period without activity. Sign in again to continue.',
	'signed-out': 'You have signed out.',
	provider: 'The sign-in service could not be reached. Please try again in a moment.',
	callback: 'Sign-in could not be completed. Please try again.',
} as const

export async function loader({ request, context }: LoaderFunctionArgs) {
	const url = new URL(request.url)
	const returnTo = safeReturnTo(url.searchParams.get('returnTo'), url.origin)
	if (await getUser(request, context))
		throw redirect(safeReturnTo(returnTo, new URL(request.url).origin))
	const notice = url.searchParams.has('expired')
		? NOTICES.expired
		: url.searchParams.has('signed-out')
			? NOTICES['signed-out']
			: url.searchParams.get('error') === 'provider'
				? NOTICES.provider
				: url.searchParams.get('error') === 'callback'
					? NOTICES.callback
					: null
	const overview = await context.app.overview()
	return {
		notice,
		expired: url.searchParams.has('expired'),
		signInHref: `/auth/login?returnTo=${encodeURIComponent(returnTo)}`,
		provider: overview.identity,
	}
}

export default function Login() {
	const { notice, expired, signInHref, provider } = useLoaderData<typeof loader>()
	return (
		<PagePanel id="login" title="Sign in to Chartside" width="narrow">
			{notice ? (
				<p
					role={expired ? 'alert' : 'status'}
					data-testid="login-notice"
					className={`mt-4 rounded px-3 py-2 text-sm ${expired ? 'bg-warn-soft text-warn' : 'bg-brand-50 text-brand-800'}`}
				>
					{notice}
				</p>
			) : null}
			<p className="mt-4 text-ink-muted">
				Use your hospital account. Chartside shows you only the patients on your care team.
			</p>
			{/* A link, not a form: the provider may live on another origin. */}
			<a
				href={signInHref}
				className="mt-6 inline-block rounded bg-brand-600 px-4 py-2 font-medium text-white no-underline hover:bg-brand-700 hover:no-underline"
			>
				{provider === 'development identity provider'
					? 'Sign in with the demo hospital'
					: 'Sign in with your hospital account'}
			</a>
			{provider === 'development identity provider' ? (
				<p className="mt-4 text-sm text-ink-muted">
					Development identity provider: synthetic demo accounts only.
				</p>
			) : null}
		</PagePanel>
	)
}
