import type { LoaderFunctionArgs } from '@remix-run/node'
import { redirect } from '@remix-run/node'
import { errorCode } from '#app/utils/errors.server.ts'
import { safeReturnTo } from '#app/utils/auth.server.ts'
import type { ErrorCode } from '#server/platform/errors.ts'

/** The provider's redirect back: verify everything, upsert the user, start the session. */
export async function loader({ request, context }: LoaderFunctionArgs) {
	const headers = new Headers()
	headers.append('Set-Cookie', await context.app.auth.clearSignInCookie())
	try {
		const result = await context.app.auth.complete(request, context.requestId)
		if (result.status === 'no-role') return redirect('/auth/no-access', { headers })
		headers.append('Set-Cookie', result.setCookie)
		return redirect(safeReturnTo(result.returnTo, new URL(request.url).origin), { headers })
	} catch (error) {
		const code = errorCode(error)
		context.app.log.warn('auth.callback_refused', { requestId: context.requestId, errorCode: code })
		if (code === ('AUDIT_WRITE_FAILED' satisfies ErrorCode)) throw error
		return redirect(
			code === ('AUTH_PROVIDER_UNAVAILABLE' satisfies ErrorCode)
				? '/login?error=provider'
				: '/login?error=callback',
			{ headers },
		)
	}
}
