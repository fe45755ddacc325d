import { AUDIT_ACTIONS } from '#server/audit/sink.ts'
import type { LedgerSearch } from '#server/audit/ledger.ts'
import { isUuid } from '#server/platform/ids.ts'

export const AUDIT_ACTION_VALUES = Object.values(AUDIT_ACTIONS).sort()

/** What <input type="datetime-local"> sends (seconds optional); read as UTC. */
const LOCAL_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2})?$/

type Form = { patient: string; user: string; action: string; from: string; to: string }

/**
 * The admin search form, parsed: every field optional, each checked, and a bad field named in
 * plain words (never echoed back as a query). Times are UTC, as the page labels them.
 */
export function parseLedgerSearch(
	params: URLSearchParams,
): { ok: true; filter: LedgerSearch; form: Form } | { ok: false; error: string; form: Form } {
	const form: Form = {
		patient: (params.get('patient') ?? '').trim().slice(0, 100),
		user: (params.get('user') ?? '').trim().slice(0, 100),
		action: (params.get('action') ?? '').trim().slice(0, 64),
		from: (params.get('from') ?? '').trim().slice(0, 32),
		to: (params.get('to') ?? '').trim().slice(0, 32),
	}
	const filter: LedgerSearch = { limit: 200 }
	if (form.patient) {
		if (!isUuid(form.patient)) return { ok: false, error: 'A patient id is a UUID.', form }
		filter.patientId = form.patient.toLowerCase()
	}
	if (form.user) {
		if (!isUuid(form.user)) return { ok: false, error: 'A user id is a UUID.', form }
		filter.userId = form.user.toLowerCase()
	}
	if (form.action) {
		if (!(AUDIT_ACTION_VALUES as string[]).includes(form.action))
			return { ok: false, error: 'Choose an action from the list.', form }
		filter.action = form.action
	}
	for (const key of ['from', 'to'] as const) {
		const value = form[key]
		if (!value) continue
		const date = LOCAL_TIME.test(value) ? new Date(`${value}Z`) : null
		if (!date || Number.isNaN(date.getTime()))
			return {
				ok: false,
				error: `“${key === 'from' ? 'From' : 'To'}” is not a date and time.`,
				form,
			}
		filter[key] = date
	}
	if (filter.from && filter.to && filter.from >= filter.to)
		return { ok: false, error: '“From” must be before “To”.', form }
	return { ok: true, filter, form }
}
