import type { AppLoadContext } from '@remix-run/node'
import { FAX_TYPE_VALUES, REJECT_REASONS, type RejectReason } from '#db/schema/faxes.ts'
import type { ResolvedSession } from '#server/auth/sessions.ts'
import { readMultipart } from '#server/http/multipart.ts'
export { FAX_TYPE_LABELS } from '#server/intake/fax-types.ts'
import {
	INTAKE_ERRORS,
	IntakeError,
	isFaxType,
	REFILE_REASONS,
	type FilingPlan,
	type Receipt,
	type RefileReason,
} from '#server/intake/index.ts'
import { POLICIES } from '#server/auth/policy.ts'
import { hasCode } from '#server/platform/errors.ts'
import { actorOf } from '#server/auth/sessions.ts'
import { PERMISSIONS, requestScope, requireCsrf, requireUser } from './auth.server.ts'

/**
 * The intake routes' edge: the streamed upload (busboy, caps while streaming, the CSRF token
 * checked before any file is handled) and the review form's fields parsed into a decision.
 */
export async function receiveUpload(
	request: Request,
	context: AppLoadContext,
	user: ResolvedSession,
): Promise<Receipt[]> {
	const scope = requestScope(context, user)
	const receipts: Receipt[] = []
	const streamRefused: string[] = []
	let csrf = ''
	let checked = false
	const checkCsrf = async () => {
		if (checked) return
		const form = new FormData()
		form.set('csrf', csrf)
		// Records the refusal and throws the 403 when the token is missing or wrong.
		await requireCsrf(request, context, user, form)
		checked = true
	}
	await readMultipart(
		request,
		{ maxFileBytes: scope.intake.limits.maxFileBytes, maxFiles: scope.intake.limits.maxFiles },
		{
			onField(name, value, { afterFile }) {
				// The token counts only before the first file: a token sent after a file part would
				// otherwise be seen before that file is handled, and the file taken without one.
				if (name === 'csrf' && !afterFile) csrf = value
			},
			async onFile(file) {
				await checkCsrf()
				receipts.push(await scope.intake.receive({ fileName: file.fileName, bytes: file.bytes }))
			},
			onRefused(part) {
				streamRefused.push(part.code)
				receipts.push({
					fileName: part.fileName,
					outcome: 'refused',
					code: part.code,
					message: part.message,
				})
			},
		},
	)
	await checkCsrf()
	// Files refused while streaming (too large, too many) never reached receive: recorded here.
	for (const code of streamRefused) await scope.intake.recordRefused({ code, bytes: 0 })
	return receipts
}

const invalid = (message: string) => new IntakeError(INTAKE_ERRORS.decisionInvalid, message)

/**
 * The filing plans of the review form: either the whole fax (`type`, `patientId`) or a split,
 * `ranges` written as "1-2 lab_result, 3-5 referral" with one patient for all of them.
 */
export function filingPlansOf(form: FormData, pageCount: number): FilingPlan[] {
	const patientId = String(form.get('patientId') ?? '')
	if (!patientId) throw invalid('Choose the patient this fax is about.')
	const type = String(form.get('type') ?? '')
	const split = String(form.get('split') ?? '').trim()
	if (!split) {
		if (!isFaxType(type)) throw invalid('Choose the document type.')
		return [{ firstPage: 1, lastPage: pageCount, type, patientId }]
	}
	return split.split(/[,;\n]+/).map((part) => {
		const m = /^\s*(\d{1,4})\s*(?:[-–]\s*(\d{1,4}))?\s+([a-z_]+)\s*$/.exec(part)
		if (!m)
			throw invalid(
				'Write each part as pages and a type, for example “1-2 lab_result, 3 referral”.',
			)
		const first = Number(m[1])
		const last = m[2] ? Number(m[2]) : first
		const partType = m[3] ?? ''
		if (!isFaxType(partType))
			throw invalid(
				`“${partType.slice(0, 40)}” is not a type; use one of ${FAX_TYPE_VALUES.join(', ')}.`,
			)
		return { firstPage: first, lastPage: last, type: partType, patientId }
	})
}

export function rejectionOf(form: FormData): { reason: RejectReason; note: string } {
	const reason = String(form.get('reason') ?? '')
	if (reason !== REJECT_REASONS.junk && reason !== REJECT_REASONS.misdirected)
		throw invalid('Choose junk or misdirected.')
	return { reason, note: String(form.get('note') ?? '') }
}

export function refileReasonOf(form: FormData): { reason: RefileReason } {
	const reason = String(form.get('reason') ?? '')
	if (!(Object.values(REFILE_REASONS) as string[]).includes(reason))
		throw invalid('Choose why the fax is being refiled.')
	return { reason: reason as RefileReason }
}

/**
 * A fax page as a PNG response, for intake staff and clinicians (row-level security decides
 * which pages each may see); other roles are refused (recorded) with the same 404 as a page that
 * does not exist. Each page served is a ledger read; never cached.
 */
export async function faxPageResponse(
	request: Request,
	context: AppLoadContext,
	faxId: string,
	page: number,
): Promise<Response> {
	const user = await requireUser(request, context)
	const allowed =
		context.app.auth.can(user.role, PERMISSIONS.uploadFax) ||
		context.app.auth.can(user.role, PERMISSIONS.readChartCareTeam)
	if (!allowed) {
		await context.app.auth.recordDenied(
			actorOf(user),
			{ type: 'fax', id: faxId.slice(0, 100) || 'unknown' },
			POLICIES.rbac,
			context.requestId,
		)
		throw new Response('Not found', { status: 404 })
	}
	const image = await requestScope(context, user).intake.pageImage({ faxId, page })
	if (!image) throw new Response('Not found', { status: 404 })
	return new Response(new Uint8Array(image.png), {
		headers: {
			'Content-Type': 'image/png',
			'Cache-Control': 'private, no-store',
			'Content-Disposition': 'inline',
		},
	})
}

/** A fax for the review screen, or a 404 when there is no such fax. */
export async function reviewOr404(scope: ReturnType<typeof requestScope>, faxId: string) {
	try {
		return await scope.intake.review(faxId)
	} catch (error) {
		if (hasCode(error, INTAKE_ERRORS.faxNotFound)) throw new Response('Not found', { status: 404 })
		throw error
	}
}
