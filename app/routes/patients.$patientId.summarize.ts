import type { ActionFunctionArgs } from '@remix-run/node'
import { PERMISSIONS } from '#app/utils/auth.server.ts'
import { formText, streamCopilotAction } from '#app/utils/copilot.server.ts'

/** POST a document id: its cited summary streams back, like an answer. */
export async function action(args: ActionFunctionArgs) {
	return streamCopilotAction(args, PERMISSIONS.summarizeDocument, (copilot, form) =>
		copilot.summarize({
			patientId: args.params.patientId ?? '',
			documentId: formText(form, 'documentId'),
			signal: args.request.signal,
		}),
	)
}
