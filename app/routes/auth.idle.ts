import type { LoaderFunctionArgs } from '@remix-run/node'
import { redirect } from '@remix-run/node'
import { getUser } from '#app/utils/auth.server.ts'

/**
 * The browser's idle timer lands here. If the server agrees the session has expired, the cookie is
 * cleared and the login page explains why; if another tab kept it alive, back to the overview.
 */
export async function loader({ request, context }: LoaderFunctionArgs) {
	if (await getUser(request, context)) return redirect('/')
	return redirect('/login?expired=1', {
		headers: { 'Set-Cookie': await context.app.auth.clearSessionCookie() },
	})
}
