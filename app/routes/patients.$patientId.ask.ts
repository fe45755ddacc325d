import type { ActionFunctionArgs } from '@remix-run/node'
import { PERMISSIONS } from '#app/utils/auth.server.ts'
import { formText, streamCopilotAction } from '#app/utils/copilot.server.ts'

/**
 * POST a question about this patient's chart: the answer streams back as server-sent events,
 * each sentence checked and cited, then the saved draft (see app/utils/copilot.server.ts).
 */
export async function action(args: ActionFunctionArgs) {
	return streamCopilotAction(args, PERMISSIONS.askCopilot, (copilot, form) =>
		copilot.ask({
			patientId: args.params.patientId ?? '',
			question: formText(form, 'question'),
			signal: args.request.signal,
		}),
	)
}
