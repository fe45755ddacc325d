import type { LoaderFunctionArgs } from '@remix-run/node'
import { redirect } from '@remix-run/node'
import { errorCode } from '#app/utils/errors.server.ts'

/** Starts the OIDC code flow: state, nonce and PKCE verifier go into a short-lived signed cookie. */
export async function loader({ request, context }: LoaderFunctionArgs) {
	const returnTo = new URL(request.url).searchParams.get('returnTo') ?? '/'
	try {
		const { redirectTo, setCookie } = await context.app.auth.begin(returnTo)
		return redirect(redirectTo, { headers: { 'Set-Cookie': setCookie } })
	} catch (error) {
		context.app.log.warn('auth.begin_failed', {
			requestId: context.requestId,
			errorCode: errorCode(error),
		})
		return redirect('/login?error=provider')
	}
}
