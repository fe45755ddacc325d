import { expect, test } from './fixtures.ts'
import { signInAs, signOut } from './helpers.ts'

test('the administrator opens the jobs page from the navigation and sees every queue', async ({
	page,
}) => {
	await signInAs(page, 'Morgan Diaz')
	await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Jobs' }).click()
	await expect(page).toHaveURL(/\/admin\/jobs$/)
	await expect(page.getByRole('heading', { level: 1, name: 'Jobs' })).toBeVisible()

	const queues = page.getByRole('region', { name: 'Queues' })
	for (const kind of ['ledger.checkpoint', 'ledger.retention', 'documents.reembed']) {
		const row = queues.locator(`tr[data-queue="${kind}"]`)
		await expect(row.locator('td').first()).toHaveText(kind)
		// Waiting, retrying, running, completed, failed: a count in each.
		for (const cell of await row
			.locator('td')
			.all()
			.then((cells) => cells.slice(1)))
			await expect(cell).toHaveText(/^\d+$/)
	}
	for (const header of ['Queue', 'Waiting', 'Retrying', 'Running', 'Completed', 'Failed'])
		await expect(queues.getByRole('columnheader', { name: header, exact: true })).toBeVisible()

	// The demo's background work has not failed: nothing to retry.
	const failed = page.getByRole('region', { name: 'Failed jobs' })
	await expect(failed.getByText('No failed jobs.')).toBeVisible()
	await page.screenshot({ path: `${process.env.SCREENSHOT_DIR}/admin-jobs.png`, fullPage: true })
	await signOut(page)
})

test('a clinician has no jobs page in the navigation', async ({ page }) => {
	await signInAs(page, 'Dr. Sam Rivera')
	const nav = page.getByRole('navigation', { name: 'Main' })
	await expect(nav.getByRole('link', { name: 'My patients' })).toBeVisible()
	await expect(nav.getByRole('link', { name: 'Jobs' })).toHaveCount(0)
})
