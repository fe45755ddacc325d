import type { Role } from '#db/schema/users.ts'

/**
 * Authorization as code: which role may do what. Routes check a named permission with
 * requirePermission; the gateway checks the feature map below (model-layer RBAC). Data scope (which
 * patients) is a separate rule, enforced in SQL and by row-level security (server/auth/scope.ts).
 */
export const PERMISSIONS = {
	readChartCareTeam: 'read:chart:care-team',
	breakGlass: 'read:chart:break-glass',
	askCopilot: 'ask:copilot',
	summarizeDocument: 'summarize:document',
	decideAnswer: 'decide:answer',
	uploadFax: 'upload:fax',
	reviewOverrides: 'review:overrides',
	manageCareTeams: 'manage:care-teams',
	readLedger: 'read:ledger',
	verifyAudit: 'verify:audit',
	deletePatient: 'delete:patient',
	/** The job queue's admin page: queue counts, failed jobs, and retrying them. */
	manageJobs: 'manage:jobs',
} as const
export type Permission = (typeof PERMISSIONS)[keyof typeof PERMISSIONS]

const P = PERMISSIONS

export const ROLE_PERMISSIONS: Record<Role, readonly Permission[]> = {
	clinician: [P.readChartCareTeam, P.breakGlass, P.askCopilot, P.summarizeDocument, P.decideAnswer],
	intake: [P.uploadFax],
	safety_reviewer: [P.reviewOverrides, P.readLedger],
	admin: [P.manageCareTeams, P.readLedger, P.verifyAudit, P.deletePatient, P.manageJobs],
}

export function can(role: Role, permission: Permission): boolean {
	return ROLE_PERMISSIONS[role].includes(permission)
}

/** Gateway features and the permission that unlocks each (model-layer RBAC). */
export const FEATURE_PERMISSIONS = {
	answer: P.askCopilot,
	summarize: P.summarizeDocument,
	classify: P.uploadFax,
} as const satisfies Record<string, Permission>
export type GatewayFeature = keyof typeof FEATURE_PERMISSIONS

export function mayInvokeFeature(role: Role, feature: GatewayFeature): boolean {
	return can(role, FEATURE_PERMISSIONS[feature])
}

/** Names recorded with every access decision, so an auditor can tell which rule decided. */
export const POLICIES = {
	rbac: 'rbac.role-permission',
	careTeam: 'scope.care-team',
	breakGlass: 'scope.break-glass',
	authentication: 'authn.session',
	csrf: 'authn.csrf',
	unknownRole: 'authn.role-mapping',
	ledgerRead: 'rbac.ledger-read',
} as const
export type PolicyName = (typeof POLICIES)[keyof typeof POLICIES]
