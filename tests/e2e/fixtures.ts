import { test as base, expect } from '@playwright/test'

/**
 * Every browser test fails if the page logs an error (a console.error, an uncaught exception, or a
 * content-security-policy violation, which Chromium reports on the console). A test that provokes
 * an error on purpose (visiting a missing page) declares it with `test.use({ allowedPageErrors })`.
 */
export const test = base.extend<{ allowedPageErrors: RegExp[]; pageErrors: string[] }>({
	allowedPageErrors: [[], { option: true }],
	pageErrors: [
		async ({ page, allowedPageErrors }, use) => {
			const errors: string[] = []
			page.on('console', (message) => {
				if (message.type() === 'error') errors.push(message.text())
			})
			page.on('pageerror', (error) => errors.push(error.message))
			await use(errors)
			const unexpected = errors.filter((e) => !allowedPageErrors.some((allowed) => allowed.test(e)))
			expect(unexpected, 'errors logged by the page').toEqual([])
		},
		{ auto: true },
	],
})

export { expect }
