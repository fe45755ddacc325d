import type { ActionFunctionArgs } from '@remix-run/node'
import { actorOf, PERMISSIONS, requireCsrf, requirePermission } from '#app/utils/auth.server.ts'
import { eventStream } from '#app/utils/copilot.server.ts'

/** POST a document id: its cited summary streams back, like an answer. */
export async function action({ request, params, context }: ActionFunctionArgs) {
	const user = await requirePermission(request, context, PERMISSIONS.summarizeDocument)
	const form = await request.formData()
	await requireCsrf(request, context, user, form)
	const documentId = form.get('documentId')
	return eventStream(
		context.app.copilot.summarize({
			actor: actorOf(user),
			requestId: context.requestId,
			patientId: params.patientId ?? '',
			documentId: typeof documentId === 'string' ? documentId : '',
			signal: request.signal,
		}),
		context.requestId,
	)
}
