import { describe, expect, test } from 'vitest'
import { ROLE_VALUES } from '#db/schema/users.ts'
import { roleFromClaim } from './oidc.ts'

describe('roleFromClaim', () => {
	test('maps an array claim holding one known role', () => {
		for (const role of ROLE_VALUES) expect(roleFromClaim([role]), role).toBe(role)
	})

	test('maps a string claim separated by spaces or commas', () => {
		expect(roleFromClaim('intake')).toBe('intake')
		expect(roleFromClaim('staff safety_reviewer')).toBe('safety_reviewer')
		expect(roleFromClaim('staff,admin')).toBe('admin')
		expect(roleFromClaim(' staff ,\tintake ')).toBe('intake')
	})

	test('returns null when the claim holds no role Chartside knows', () => {
		expect(roleFromClaim(['staff', 'Clinician', 'clinicians'])).toBeNull()
		expect(roleFromClaim('superuser root')).toBeNull()
		expect(roleFromClaim([])).toBeNull()
		expect(roleFromClaim('')).toBeNull()
	})

	test('picks clinician > intake > safety_reviewer > admin when several roles are present', () => {
		expect(roleFromClaim(['admin', 'safety_reviewer', 'intake', 'clinician'])).toBe('clinician')
		expect(roleFromClaim('admin safety_reviewer intake')).toBe('intake')
		expect(roleFromClaim(['admin', 'safety_reviewer'])).toBe('safety_reviewer')
		expect(roleFromClaim(['admin', 'staff'])).toBe('admin')
	})

	test('returns null for a claim that is neither a string nor an array', () => {
		for (const value of [undefined, null, 42, true, { role: 'clinician' }]) {
			expect(roleFromClaim(value), String(value)).toBeNull()
		}
	})

	test('ignores non-string entries of an array claim', () => {
		expect(roleFromClaim([42, null, { role: 'clinician' }, ['clinician']])).toBeNull()
		expect(roleFromClaim([42, 'intake'])).toBe('intake')
	})
})
