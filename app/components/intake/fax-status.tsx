import type { FaxRow } from '#server/intake/review.ts'

const REASON_TEXT: Record<string, string> = {
	auto_filed: 'filed automatically',
	type_uncertain: 'type uncertain',
	match_not_certain: 'patient match not certain',
	no_match: 'no patient matched',
	junk: 'looks like junk',
	analysis_failed: 'could not be classified',
	no_text: 'no readable text',
}

export const routeReasonText = (reason: string | null) =>
	reason ? (REASON_TEXT[reason] ?? reason) : ''

/** Where a fax is, in words: received → reading page 3 of 7 → classifying → filed / waiting. */
export function faxStatusText(
	fax: Pick<FaxRow, 'status' | 'pagesRead' | 'pageCount' | 'routeReason' | 'errorCode'>,
): string {
	switch (fax.status) {
		case 'received':
			return 'Received, waiting to be read'
		case 'reading':
			return `Reading page ${Math.min(fax.pagesRead + 1, fax.pageCount)} of ${fax.pageCount}`
		case 'analyzing':
			return 'Classifying and matching'
		case 'waiting_review':
			return `Waiting for review (${routeReasonText(fax.routeReason)})`
		case 'filed':
			return fax.routeReason === 'auto_filed' ? 'Filed automatically' : 'Filed'
		case 'rejected':
			return 'Rejected'
		case 'failed':
			return `Failed (${fax.errorCode ?? 'unknown error'})`
		default:
			return fax.status
	}
}

const TONE: Record<string, string> = {
	received: 'bg-canvas text-ink-muted',
	reading: 'bg-brand-50 text-brand-700',
	analyzing: 'bg-brand-50 text-brand-700',
	waiting_review: 'bg-warn-soft text-warn',
	filed: 'bg-ok-soft text-ok',
	rejected: 'bg-canvas text-ink-muted',
	failed: 'bg-danger-soft text-danger',
}

export function FaxStatus({ fax }: { fax: FaxRow }) {
	return (
		<span
			data-testid="fax-status"
			data-status={fax.status}
			className={`inline-block rounded px-2 py-0.5 text-xs font-medium ${TONE[fax.status] ?? ''}`}
		>
			{faxStatusText(fax)}
		</span>
	)
}

/** Age of a fax in words, from its receipt to now. */
export function ageText(receivedAt: string, now: number): string {
	const minutes = Math.max(0, Math.floor((now - Date.parse(receivedAt)) / 60_000))
	if (minutes < 1) return 'just now'
	if (minutes < 60) return `${minutes} min`
	const hours = Math.floor(minutes / 60)
	if (hours < 48) return `${hours} h`
	return `${Math.floor(hours / 24)} days`
}
