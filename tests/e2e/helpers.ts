import type { Page } from '@playwright/test'
import { expect } from './fixtures.ts'

/** Signs in through the development identity provider, as a person would. */
export async function signInAs(page: Page, displayName: string): Promise<void> {
	await page.goto('/login')
	await page.getByRole('link', { name: 'Sign in with the demo hospital' }).click()
	await expect(page.getByRole('heading', { name: 'Demo Hospital sign-in' })).toBeVisible()
	if (displayName === 'Dr. Sam Rivera') {
		await page.screenshot({
			path: `${process.env.SCREENSHOT_DIR}/dev-idp-sign-in.png`,
			fullPage: true,
		})
	}
	await page.getByRole('button', { name: `Sign in as ${displayName}` }).click()
}

export async function signOut(page: Page): Promise<void> {
	await page.getByRole('button', { name: 'Sign out' }).click()
	// The development provider asks whether to end its own session too.
	await page.getByRole('button', { name: 'Yes, sign out' }).click()
	await expect(page.getByTestId('login-notice')).toHaveText('You have signed out.')
}

/** Patient ids are database UUIDs; the administrator's care-team screen lists them. */
export async function patientIdsByName(page: Page): Promise<Record<string, string>> {
	await page.goto('/admin/care-teams')
	const rows = page.getByTestId('care-team-table').locator('tr')
	const ids: Record<string, string> = {}
	for (const row of await rows.all()) {
		const name = (await row.locator('td').first().innerText()).trim()
		const id = await row.locator('input[name="patientId"]').getAttribute('value')
		if (id) ids[name] = id
	}
	return ids
}
