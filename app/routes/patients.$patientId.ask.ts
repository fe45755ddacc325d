import type { ActionFunctionArgs } from '@remix-run/node'
import {
	PERMISSIONS,
	requestScope,
	requireCsrf,
	requirePermission,
} from '#app/utils/auth.server.ts'
import { eventStream } from '#app/utils/copilot.server.ts'

/**
 * POST a question about this patient's chart: the answer streams back as server-sent events,
 * each sentence checked and cited, then the saved draft (see app/utils/copilot.server.ts).
 */
export async function action({ request, params, context }: ActionFunctionArgs) {
	const user = await requirePermission(request, context, PERMISSIONS.askCopilot)
	const form = await request.formData()
	await requireCsrf(request, context, user, form)
	const question = form.get('question')
	return eventStream(
		requestScope(context, user).copilot.ask({
			patientId: params.patientId ?? '',
			question: typeof question === 'string' ? question : '',
			signal: request.signal,
		}),
		context.requestId,
	)
}
