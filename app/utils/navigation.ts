import type { Role } from '#db/schema/users.ts'

export type NavItem = { to: string; label: string }

/**
 * The navigation each role sees: the map of the app. Signed-out visitors see only the front page.
 * The SSO issue puts a user (and so a role) in the layout; each target route guards itself too.
 */
const BY_ROLE: Record<Role, NavItem[]> = {
	clinician: [{ to: '/patients', label: 'My patients' }],
	intake: [
		{ to: '/intake', label: 'Intake' },
		{ to: '/intake/review', label: 'Review queue' },
	],
	safety_reviewer: [{ to: '/admin/ledger', label: 'Audit ledger' }],
	admin: [
		{ to: '/admin/care-teams', label: 'Care teams' },
		{ to: '/admin/ledger', label: 'Audit ledger' },
		{ to: '/admin/jobs', label: 'Jobs' },
	],
}

export function navigationFor(role: Role | null): NavItem[] {
	return [{ to: '/', label: 'Overview' }, ...(role ? BY_ROLE[role] : [])]
}
