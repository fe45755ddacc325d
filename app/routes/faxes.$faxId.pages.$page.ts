import type { LoaderFunctionArgs } from '@remix-run/node'
import { faxPageResponse } from '#app/utils/intake.server.ts'

/**
 * One page image of a fax (PNG). Intake staff see any fax's pages; a clinician sees a page of a
 * fax filed to a patient they may see (row-level security decides, migration 0008), which is what
 * a citation of a filed fax opens. Anyone else, or a page that does not exist, gets 404.
 */
export async function loader({ request, context, params }: LoaderFunctionArgs) {
	return faxPageResponse(request, context, params.faxId ?? '', Number(params.page))
}
