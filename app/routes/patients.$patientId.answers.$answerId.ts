import type { ActionFunctionArgs, LoaderFunctionArgs } from '@remix-run/node'
import type { Params } from '@remix-run/react'
import {
	PERMISSIONS,
	requestScope,
	requireCsrf,
	requirePermission,
} from '#app/utils/auth.server.ts'
import { refuseWith } from '#app/utils/copilot.server.ts'
import type { Decision } from '#db/schema/answers.ts'

/**
 * One saved answer: GET reopens it (a recorded PHI read); POST records the clinician's decision
 * (accept, edit with the clinician's text, override with a reason from the list).
 */
export async function loader({ request, params, context }: LoaderFunctionArgs) {
	const user = await requirePermission(request, context, PERMISSIONS.askCopilot)
	try {
		return Response.json(await requestScope(context, user).copilot.getAnswer(ids(params)))
	} catch (error) {
		return refuseWith(error, context.requestId)
	}
}

/** The answer the URL names (the service refuses an empty or malformed id). */
const ids = (params: Params) => ({
	patientId: params.patientId ?? '',
	answerId: params.answerId ?? '',
})

const DECISIONS: readonly Decision[] = ['accept', 'edit', 'override']

export async function action({ request, params, context }: ActionFunctionArgs) {
	const user = await requirePermission(request, context, PERMISSIONS.decideAnswer)
	const form = await request.formData()
	await requireCsrf(request, context, user, form)
	const field = (name: string) => {
		const value = form.get(name)
		return typeof value === 'string' ? value : undefined
	}
	const decision = field('decision') as Decision | undefined
	if (!decision || !DECISIONS.includes(decision))
		return Response.json({ error: 'Choose accept, edit or override.' }, { status: 400 })
	try {
		const scope = requestScope(context, user)
		await scope.copilot.decide({
			...ids(params),
			decision,
			...(field('editedText') !== undefined ? { editedText: field('editedText') } : {}),
			...(field('reasonCode') ? { reasonCode: field('reasonCode') } : {}),
			...(field('reasonText') ? { reasonText: field('reasonText') } : {}),
		})
		return Response.json(await scope.copilot.getAnswer(ids(params)))
	} catch (error) {
		return refuseWith(error, context.requestId)
	}
}
