import type { ActionFunctionArgs } from '@remix-run/node'
import {
	PERMISSIONS,
	requestScope,
	requireCsrf,
	requirePermission,
} from '#app/utils/auth.server.ts'
import { eventStream } from '#app/utils/copilot.server.ts'

/** POST a document id: its cited summary streams back, like an answer. */
export async function action({ request, params, context }: ActionFunctionArgs) {
	const user = await requirePermission(request, context, PERMISSIONS.summarizeDocument)
	const form = await request.formData()
	await requireCsrf(request, context, user, form)
	const documentId = form.get('documentId')
	return eventStream(
		requestScope(context, user).copilot.summarize({
			patientId: params.patientId ?? '',
			documentId: typeof documentId === 'string' ? documentId : '',
			signal: request.signal,
		}),
		context.requestId,
	)
}
