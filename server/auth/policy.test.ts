import { describe, expect, test } from 'vitest'
import { ROLE_VALUES } from '#db/schema/users.ts'
import { can, mayInvokeFeature, PERMISSIONS, ROLE_PERMISSIONS } from './policy.ts'

describe('the role × permission policy', () => {
	test('only clinicians read charts, break glass, ask the copilot and decide on answers', () => {
		for (const role of ROLE_VALUES) {
			const clinical = role === 'clinician'
			expect(can(role, PERMISSIONS.readChartCareTeam), role).toBe(clinical)
			expect(can(role, PERMISSIONS.breakGlass), role).toBe(clinical)
			expect(can(role, PERMISSIONS.askCopilot), role).toBe(clinical)
			expect(can(role, PERMISSIONS.decideAnswer), role).toBe(clinical)
		}
	})
	test('intake uploads faxes; reviewers review overrides; admins manage care teams and the audit', () => {
		expect(can('intake', PERMISSIONS.uploadFax)).toBe(true)
		expect(can('safety_reviewer', PERMISSIONS.reviewOverrides)).toBe(true)
		expect(can('admin', PERMISSIONS.manageCareTeams)).toBe(true)
		expect(can('admin', PERMISSIONS.verifyAudit)).toBe(true)
		expect(can('admin', PERMISSIONS.deletePatient)).toBe(true)
		for (const role of ROLE_VALUES)
			expect(can(role, PERMISSIONS.manageJobs), role).toBe(role === 'admin')
		expect(can('clinician', PERMISSIONS.manageCareTeams)).toBe(false)
		expect(can('intake', PERMISSIONS.reviewOverrides)).toBe(false)
	})
	test('every permission belongs to at least one role', () => {
		const granted = new Set(Object.values(ROLE_PERMISSIONS).flat())
		expect([...granted].sort()).toEqual(Object.values(PERMISSIONS).sort())
	})
})

describe('model-layer RBAC', () => {
	test('answer and summarize are for clinicians; classify is for intake', () => {
		expect(mayInvokeFeature('clinician', 'answer')).toBe(true)
		expect(mayInvokeFeature('clinician', 'summarize')).toBe(true)
		expect(mayInvokeFeature('clinician', 'classify')).toBe(false)
		expect(mayInvokeFeature('intake', 'classify')).toBe(true)
		expect(mayInvokeFeature('intake', 'answer')).toBe(false)
		expect(mayInvokeFeature('safety_reviewer', 'answer')).toBe(false)
		expect(mayInvokeFeature('admin', 'summarize')).toBe(false)
	})
})
