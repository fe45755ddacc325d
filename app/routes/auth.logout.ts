import type { ActionFunctionArgs } from '@remix-run/node'
import { redirect } from '@remix-run/node'
import { requireCsrf, requireUser } from '#app/utils/auth.server.ts'

export async function loader() {
	return redirect('/')
}

/** Ends the session here, then at the provider when it offers an end-session endpoint. */
export async function action({ request, context }: ActionFunctionArgs) {
	const user = await requireUser(request, context)
	await requireCsrf(request, context, user, await request.formData())
	const destination = await context.app.auth.signOut(
		{ id: user.id, role: user.role, sessionId: user.sessionId },
		context.requestId,
	)
	return redirect(destination, {
		headers: { 'Set-Cookie': await context.app.auth.clearSessionCookie() },
	})
}
