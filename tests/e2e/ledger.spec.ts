import type { Locator, Page } from '@playwright/test'
import { expect, test } from './fixtures.ts'
import { patientIdsByName, signInAs, signOut } from './helpers.ts'

// One server and store for the file: later steps read what earlier steps recorded.
test.describe.configure({ mode: 'serial' })

const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/
const UTC_TIME = /\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2} UTC/
// A patient outside the demo clinician's care team (auth.spec.ts breaks glass on the other one).
const FOREIGN_PATIENT = 'Okonkwo, Grace'
const BREAK_GLASS_REASON = 'Ledger check: covering the renal ward overnight, potassium review'

let patientIds: Record<string, string> = {}
let adminId = ''

const ledgerRows = (page: Page) => page.getByTestId('ledger-rows').locator('tr')
const rowsWith = (page: Page, action: string) =>
	page.getByTestId('ledger-rows').locator(`tr[data-action="${action}"]`)
const seqOf = async (row: Locator) => Number(await row.locator('td').first().innerText())
const rowWithSeq = (page: Page, seq: number) =>
	ledgerRows(page).filter({
		has: page.locator('td:first-child', { hasText: new RegExp(`^${seq}$`) }),
	})
const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')

async function openLedger(page: Page): Promise<void> {
	await page
		.getByRole('navigation', { name: 'Main' })
		.getByRole('link', { name: 'Audit ledger' })
		.click()
	await expect(page).toHaveURL(/\/admin\/ledger$/)
	await expect(page.getByRole('heading', { level: 1, name: 'Audit ledger' })).toBeVisible()
}

/** Fills the search form as a person would and waits until the search is in the address. */
async function search(
	page: Page,
	fields: { patient?: string; user?: string; action?: string; from?: string; to?: string },
): Promise<void> {
	const form = page.getByRole('region', { name: 'Search' })
	const inputs = {
		patient: form.getByLabel('Patient id'),
		user: form.getByLabel('User id'),
		action: form.getByLabel('Action'),
		from: form.getByLabel('From (UTC)'),
		to: form.getByLabel('To (UTC)'),
	}
	for (const [name, value] of Object.entries(fields) as Array<[keyof typeof inputs, string]>) {
		if (name === 'action') await inputs.action.selectOption(value)
		else await inputs[name].fill(value)
	}
	const query = new URLSearchParams()
	for (const [name, input] of Object.entries(inputs)) query.set(name, await input.inputValue())
	await form.getByRole('button', { name: 'Search' }).click()
	await expect(page).toHaveURL(new RegExp(`/admin/ledger\\?${escapeRegExp(query.toString())}$`))
}

/** There is at least one row, and every row carries this action. */
async function expectOnlyAction(page: Page, action: string): Promise<void> {
	await expect(ledgerRows(page).first()).toHaveAttribute('data-action', action)
	await expect(
		page.getByTestId('ledger-rows').locator(`tr:not([data-action="${action}"])`),
	).toHaveCount(0)
}

test('the administrator opens the audit ledger from the navigation and sees its status and recent entries', async ({
	page,
}) => {
	await signInAs(page, 'Morgan Diaz')
	await expect(page.getByTestId('signed-in-user')).toContainText('Administrator')
	patientIds = await patientIdsByName(page)
	await openLedger(page)

	const status = page.getByRole('region', { name: 'Status' })
	// Checkpoints are signed on a timer (every 2 s here, see playwright.config.ts): a fresh store
	// may have none yet, so look again until the first one is there.
	await expect(async () => {
		const checkpoint = await status.getByTestId('ledger-checkpoint').innerText()
		if (checkpoint === 'none yet') await page.reload()
		await expect(status.getByTestId('ledger-checkpoint')).toHaveText(
			new RegExp(`^\\d+ entries, ${UTC_TIME.source}$`),
			{ timeout: 1_000 },
		)
	}).toPass({ timeout: 10_000 })
	const entries = Number(await status.getByTestId('ledger-entries').innerText())
	expect(entries).toBeGreaterThan(0)
	// The signing key id: the first 16 hex digits of the public key's SHA-256.
	await expect(status.getByText(/^[0-9a-f]{16}$/)).toBeVisible()

	// Newest first: the admin's own sign-in is the most recent one.
	const signIn = rowsWith(page, 'auth.sign_in').first()
	await expect(signIn).toContainText('(admin)')
	await expect(signIn).toContainText(/session [0-9a-f-]{36}/)
	adminId = (await signIn.innerText()).match(UUID)?.[0] ?? ''
	expect(adminId).not.toBe('')

	// Opening the page was recorded before the search ran, so the newest row is this very look.
	const look = ledgerRows(page).first()
	await expect(look).toHaveAttribute('data-action', 'ledger.read')
	await expect(look).toContainText(`${adminId} (admin)`)
	await expect(look).toContainText('ledger search')
	const lookSeq = await seqOf(look)
	expect(lookSeq).toBe(entries)

	await page.reload()
	await expect(rowWithSeq(page, lookSeq)).toHaveAttribute('data-action', 'ledger.read')
	const again = ledgerRows(page).first()
	await expect(again).toHaveAttribute('data-action', 'ledger.read')
	expect(await seqOf(again)).toBeGreaterThan(lookSeq)
	expect(Number(await status.getByTestId('ledger-entries').innerText())).toBeGreaterThan(entries)
})

test('“Verify now” reports an intact ledger, and the status panel keeps the verdict', async ({
	page,
}) => {
	await signInAs(page, 'Morgan Diaz')
	await openLedger(page)
	const status = page.getByRole('region', { name: 'Status' })
	const verify = status.getByRole('button', { name: 'Verify now' })
	// A primary button in the brand colour (white text on no background would be invisible).
	await expect(verify).toHaveCSS('background-color', 'rgb(11, 100, 120)')
	await verify.click()
	await expect(status.getByRole('status')).toHaveText(
		/^The chain and \d+ checkpoints verify \(\d+ entries\)\.$/,
	)

	await page.reload()
	await expect(status.getByRole('status')).toHaveCount(0)
	await expect(status.getByTestId('ledger-verification')).toHaveText(
		new RegExp(`^intact \\(\\d+ entries\\) ${UTC_TIME.source}$`),
	)
	const verified = rowsWith(page, 'ledger.verify').first()
	await expect(verified).toContainText(`${adminId} (admin)`)
	await expect(verified.locator('td').nth(3)).toHaveText('success')
	await page.screenshot({ path: `${process.env.SCREENSHOT_DIR}/audit-ledger.png` })
})

test('searching by action and by user narrows the rows, and the form keeps the search', async ({
	page,
}) => {
	await signInAs(page, 'Morgan Diaz')
	await openLedger(page)
	// The default view mixes actions (at least the reads of this page and sign-ins).
	await expect(rowsWith(page, 'ledger.read')).not.toHaveCount(0)
	await expect(rowsWith(page, 'auth.sign_in')).not.toHaveCount(0)

	await search(page, { action: 'auth.sign_in' })
	await expectOnlyAction(page, 'auth.sign_in')
	await expect(page.getByLabel('Action')).toHaveValue('auth.sign_in')

	await search(page, { action: '', user: adminId })
	await expect(ledgerRows(page).first()).toContainText(adminId)
	await expect(ledgerRows(page).filter({ hasNotText: `${adminId} (admin)` })).toHaveCount(0)
	await expect(rowsWith(page, 'ledger.read')).not.toHaveCount(0)
	await expect(page.getByLabel('User id')).toHaveValue(adminId)

	await search(page, { action: 'auth.sign_in', user: adminId })
	await expectOnlyAction(page, 'auth.sign_in')
	await expect(ledgerRows(page).filter({ hasNotText: `${adminId} (admin)` })).toHaveCount(0)

	// A user with no entries: nothing matches, and the page says so.
	await search(page, { action: '', user: '00000000-0000-4000-8000-000000000000' })
	await expect(page.getByText('No entries match.')).toBeVisible()
	await expect(ledgerRows(page)).toHaveCount(0)
})

test.describe('a search the page cannot run', () => {
	const cases = [
		{
			name: 'a patient id that is not a UUID',
			fields: { patient: 'not-a-uuid' },
			message: 'A patient id is a UUID.',
		},
		{
			name: 'a user id that is not a UUID',
			fields: { user: 'morgan.diaz' },
			message: 'A user id is a UUID.',
		},
		{
			name: 'a “From” after the “To”',
			fields: { from: '2030-01-02T00:00', to: '2030-01-01T00:00' },
			message: '“From” must be before “To”.',
		},
	]
	for (const { name, fields, message } of cases) {
		test(`${name} gets a plain message and the recent entries`, async ({ page }) => {
			await signInAs(page, 'Morgan Diaz')
			await openLedger(page)
			await search(page, fields)
			await expect(page.getByRole('alert')).toHaveText(
				`${message} Showing the most recent entries instead.`,
			)
			await expect(page.getByRole('heading', { level: 1, name: 'Audit ledger' })).toBeVisible()
			await expect(ledgerRows(page).first()).toHaveAttribute('data-action', 'ledger.read')
		})
	}

	test('an action outside the vocabulary (typed into the address) gets a plain message', async ({
		page,
	}) => {
		await signInAs(page, 'Morgan Diaz')
		await expect(page.getByTestId('signed-in-user')).toBeVisible()
		const response = await page.goto('/admin/ledger?action=ledger.rewrite')
		expect(response?.status()).toBe(200)
		await expect(page.getByRole('alert')).toHaveText(
			'Choose an action from the list. Showing the most recent entries instead.',
		)
		await expect(ledgerRows(page).first()).toHaveAttribute('data-action', 'ledger.read')
	})
})

test('a safety reviewer can read and search the ledger but not verify it', async ({ page }) => {
	await signInAs(page, 'Avery Khan')
	await expect(page.getByTestId('signed-in-user')).toContainText('Clinical-safety reviewer')
	await openLedger(page)
	await expect(page.getByRole('button', { name: 'Verify now' })).toHaveCount(0)
	await expect(page.getByTestId('ledger-entries')).toHaveText(/^\d+$/)

	await search(page, { action: 'auth.sign_in' })
	await expectOnlyAction(page, 'auth.sign_in')
	await expect(ledgerRows(page).first()).toContainText('(safety_reviewer)')

	// Posting the verify form anyway, with the session's own CSRF token, is refused by role.
	const csrf = await page.locator('input[name="csrf"]').first().inputValue()
	expect(csrf).not.toBe('')
	const refused = await page.request.post('/admin/ledger', { form: { csrf } })
	expect(refused.status()).toBe(403)
	await page.goto('/admin/ledger?action=access.denied')
	const denied = ledgerRows(page).first()
	await expect(denied).toContainText('route /admin/ledger')
	await expect(denied).toContainText('(safety_reviewer)')
	await expect(denied).toContainText('rbac.role-permission')
	await expect(rowsWith(page, 'ledger.verify')).toHaveCount(0)
})

test.describe('roles without ledger access', () => {
	test.use({ allowedPageErrors: [/status of 403 \(Forbidden\)/] })

	test('a clinician and intake staff get a plain 403, and the admin sees each denial', async ({
		page,
	}) => {
		for (const name of ['Dr. Sam Rivera', 'Jordan Lee']) {
			await signInAs(page, name)
			await expect(page.getByTestId('signed-in-user')).toContainText(name)
			await expect(
				page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Audit ledger' }),
			).toHaveCount(0)
			const response = await page.goto('/admin/ledger')
			expect(response?.status()).toBe(403)
			await expect(page.getByRole('heading', { name: 'Not available to you' })).toBeVisible()
			await expect(page.getByRole('heading', { name: 'Audit ledger' })).toHaveCount(0)
			await expect(page.getByTestId('ledger-rows')).toHaveCount(0)
			await signOut(page)
		}

		await signInAs(page, 'Morgan Diaz')
		await openLedger(page)
		await search(page, { action: 'access.denied' })
		await expectOnlyAction(page, 'access.denied')
		for (const role of ['clinician', 'intake']) {
			const denied = ledgerRows(page)
				.filter({ hasText: 'route /admin/ledger' })
				.filter({ hasText: `(${role})` })
				.first()
			await expect(denied).toContainText('rbac.role-permission')
			await expect(denied.locator('td').nth(3)).toHaveText('denied')
		}
	})
})

test.describe('break-glass', () => {
	test.use({ allowedPageErrors: [/status of 403 \(Forbidden\)/] })

	test('a clinician’s break-glass appears to the admin with its reason encrypted', async ({
		page,
	}) => {
		const patientId = patientIds[FOREIGN_PATIENT] ?? ''
		expect(patientId).toMatch(UUID)
		await signInAs(page, 'Dr. Sam Rivera')
		await expect(page.getByTestId('signed-in-user')).toContainText('Clinician')
		const response = await page.goto(`/patients/${patientId}`)
		expect(response?.status()).toBe(403)
		await page.getByLabel('Reason (at least 10 characters)').fill(BREAK_GLASS_REASON)
		await page.getByRole('button', { name: 'Break glass and open the chart' }).click()
		await expect(page.getByTestId('patient-name')).toHaveText(FOREIGN_PATIENT)
		await signOut(page)

		await signInAs(page, 'Morgan Diaz')
		await openLedger(page)
		await search(page, { action: 'access.break_glass', patient: patientId })
		await expectOnlyAction(page, 'access.break_glass')
		const row = ledgerRows(page).filter({ hasText: `patient ${patientId}` })
		await expect(row).toHaveCount(1)
		await expect(row).toContainText('(clinician)')
		await expect(row).toContainText('scope.break-glass')
		await expect(row.locator('td').last()).toHaveText('encrypted')
		// The reason is sealed under the patient's key: not on the page, nor in its data.
		expect(await page.content()).not.toContain(BREAK_GLASS_REASON)
		expect(await page.content()).not.toContain('renal ward')
	})
})
