import { expect, test } from './fixtures.ts'

test('the overview shows the seeded demo hospital and how this instance is set up', async ({
	page,
}) => {
	await page.goto('/')
	await expect(page.getByRole('heading', { level: 1, name: 'Chartside' })).toBeVisible()
	// The demo seed's 89 documents, and any faxes the intake test filed before this one ran.
	const counts = (await page.getByTestId('chart-counts').textContent()) ?? ''
	const [, patients, documents] = /^(\d+) patients, (\d+) documents$/.exec(counts) ?? []
	expect(Number(patients)).toBe(8)
	expect(Number(documents)).toBeGreaterThanOrEqual(89)
	await expect(page.getByText('Local deterministic (no AI vendor)')).toBeVisible()
	await expect(page.getByTestId('database-mode')).toHaveText(
		'Embedded PostgreSQL (PGlite) with pgvector',
	)
	const demoUsers = page.getByRole('list', { name: 'Demo users' })
	await expect(demoUsers.getByRole('listitem')).toHaveCount(4)
	await expect(demoUsers).toContainText('Dr. Sam Rivera')
	await expect(demoUsers).toContainText('Clinical-safety reviewer')
	// The design tokens are applied (canvas background), so Tailwind's stylesheet loaded under the CSP.
	await expect(page.locator('html')).toHaveCSS('background-color', 'rgb(246, 247, 249)')
	await page.screenshot({ path: `${process.env.SCREENSHOT_DIR}/overview.png`, fullPage: true })
})

test('pages are served with security headers and are never cached', async ({ page }) => {
	const response = await page.goto('/')
	const headers = response?.headers() ?? {}
	expect(headers['content-security-policy']).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/=]+'/)
	expect(headers['content-security-policy']).toContain("frame-ancestors 'none'")
	expect(headers['referrer-policy']).toBe('no-referrer')
	expect(headers['x-content-type-options']).toBe('nosniff')
	expect(headers['cache-control']).toBe('no-store')
	expect(headers['x-powered-by']).toBeUndefined()
})

test.describe('visiting a page that does not exist', () => {
	test.use({ allowedPageErrors: [/status of 404 \(Not Found\)/] })

	test('the app hydrates under the CSP: client-side navigation works', async ({ page }) => {
		await page.goto('/no-such-page')
		await page.evaluate(() => {
			;(window as unknown as { marker: string }).marker = 'same document'
		})
		await page
			.getByRole('navigation', { name: 'Main' })
			.getByRole('link', { name: 'Overview' })
			.click()
		await expect(page.getByTestId('chart-counts')).toBeVisible()
		// The marker survives only if Remix navigated without a full page load.
		expect(await page.evaluate(() => (window as unknown as { marker?: string }).marker)).toBe(
			'same document',
		)
	})

	test('an unknown page says so in plain words with the request id of the response', async ({
		page,
	}) => {
		const response = await page.goto('/patients-that-do-not-exist')
		expect(response?.status()).toBe(404)
		await expect(page.getByRole('heading', { name: 'Page not found' })).toBeVisible()
		const requestId = response?.headers()['x-request-id']
		expect(requestId).toMatch(/^[0-9a-f-]{36}$/)
		await expect(page.getByTestId('request-id')).toHaveText(requestId ?? '')
	})
})

test('keyboard users can skip straight to the content, with a visible focus', async ({ page }) => {
	await page.goto('/')
	// Pressing Enter on the skip link navigates; doing that while React still hydrates the page is
	// a race the test would lose now and then (React error #345), so it waits for hydration.
	await expect(page.locator('html')).toHaveAttribute('data-hydrated', 'true')
	await page.keyboard.press('Tab')
	const skip = page.getByRole('link', { name: 'Skip to main content' })
	await expect(skip).toBeFocused()
	await expect(skip).toBeVisible()
	await page.keyboard.press('Enter')
	await expect(page).toHaveURL(/#main$/)
})

test('the health endpoint reports both stores without any chart data', async ({ request }) => {
	const response = await request.get('/healthz')
	expect(response.status()).toBe(200)
	expect(await response.json()).toEqual({
		status: 'ok',
		checks: { database: 'ok', ledgerStore: 'ok' },
	})
})
