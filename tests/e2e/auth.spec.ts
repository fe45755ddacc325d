import { expect, test } from './fixtures.ts'
import { patientIdsByName, signInAs, signOut } from './helpers.ts'

// One server and store for the file: later steps rely on what earlier steps recorded.
test.describe.configure({ mode: 'serial' })

const CARE_TEAM = [
	'Brennick, Thomas',
	'Castellanos, Henry',
	'Lindqvist, Sofia',
	'Oyelaran, Marcus',
	'Ramanathan, Priya',
	'Whitfield, Eleanor',
]
let patientIds: Record<string, string> = {}

test('each demo user signs in through the development identity provider and sees their role', async ({
	page,
}) => {
	for (const [name, role] of [
		['Morgan Diaz', 'Administrator'],
		['Jordan Lee', 'Intake staff'],
		['Avery Khan', 'Clinical-safety reviewer'],
		['Dr. Sam Rivera', 'Clinician'],
	] as const) {
		await signInAs(page, name)
		const header = page.getByTestId('signed-in-user')
		await expect(header).toContainText(name)
		await expect(header).toContainText(role)
		if (name === 'Morgan Diaz') patientIds = await patientIdsByName(page)
		await signOut(page)
	}
	expect(Object.keys(patientIds)).toHaveLength(8)
})

test('an account with no Chartside role gets no access and a clear page', async ({ page }) => {
	await signInAs(page, 'Casey Park')
	await expect(
		page.getByRole('heading', { name: 'Your account has no Chartside role' }),
	).toBeVisible()
	await page.goto('/patients')
	await expect(page).toHaveURL(/\/login\?returnTo=%2Fpatients/)
})

test('the clinician sees only care-team patients, and search narrows them', async ({ page }) => {
	await signInAs(page, 'Dr. Sam Rivera')
	await page
		.getByRole('navigation', { name: 'Main' })
		.getByRole('link', { name: 'My patients' })
		.click()
	const names = page.getByTestId('patient-list').locator('tr td:first-child')
	await expect(names).toHaveText(CARE_TEAM)
	await page.screenshot({ path: `${process.env.SCREENSHOT_DIR}/patients.png`, fullPage: true })
	await page.getByLabel('Search by name or MRN').fill('whit')
	await page.getByRole('button', { name: 'Search' }).click()
	await expect(names).toHaveText(['Whitfield, Eleanor'])
	await names.first().getByRole('link').click()
	await expect(page.getByTestId('patient-name')).toHaveText('Whitfield, Eleanor')
	// Four notes, and the readable documents ingestion makes of the structured chart.
	await expect(page.getByTestId('documents').locator('li')).toHaveCount(11)
	await expect(page.getByTestId('injection-mark')).toHaveCount(0)
})

test('a document carrying a planted instruction is marked in the documents list', async ({
	page,
}) => {
	await signInAs(page, 'Dr. Sam Rivera')
	await page.goto('/patients')
	await page.getByRole('link', { name: 'Castellanos, Henry' }).click()
	const marked = page
		.getByTestId('documents')
		.locator('li', { has: page.getByTestId('injection-mark') })
	await expect(marked).toHaveCount(1)
	await expect(marked).toContainText('Patient portal message (scanned)')
	await expect(marked.getByTestId('injection-mark')).toHaveText(
		'Contains instructions · not used in answers',
	)
})

test.describe('a patient outside the care team', () => {
	test.use({ allowedPageErrors: [/status of 403 \(Forbidden\)/] })

	test('gives 403 and a denied event; break-glass opens it with a reason, flagged and recorded', async ({
		page,
	}) => {
		const foreign = patientIds['Achterberg, Daniel']
		expect(foreign).toBeTruthy()
		await signInAs(page, 'Dr. Sam Rivera')
		const response = await page.goto(`/patients/${foreign}`)
		expect(response?.status()).toBe(403)
		await expect(
			page.getByRole('heading', { name: 'This patient is not on your care team' }),
		).toBeVisible()
		await expect(page.getByTestId('patient-name')).toHaveCount(0)
		await page.getByLabel('Reason (at least 10 characters)').focus()
		await page.screenshot({
			path: `${process.env.SCREENSHOT_DIR}/forbidden-break-glass.png`,
			fullPage: true,
		})

		await page
			.getByLabel('Reason (at least 10 characters)')
			.fill('Covering the cardiology ward overnight: chest pain review')
		await page.getByRole('button', { name: 'Break glass and open the chart' }).click()
		await expect(page.getByTestId('patient-name')).toHaveText('Achterberg, Daniel')
		await expect(page.getByTestId('break-glass-banner')).toContainText(
			'Covering the cardiology ward overnight',
		)
		await page.screenshot({
			path: `${process.env.SCREENSHOT_DIR}/chart-break-glass.png`,
			fullPage: true,
		})
		await page.goto('/patients')
		await expect(page.getByTestId('patient-list')).toContainText('Break-glass')
		await signOut(page)

		await signInAs(page, 'Morgan Diaz')
		// The ledger, searched for this patient: every decision about the chart, newest first.
		await page.goto(`/admin/ledger?patient=${foreign}`)
		const events = page.getByTestId('ledger-rows')
		const denied = events.locator(`tr[data-action="access.denied"]`, {
			hasText: `patient ${foreign}`,
		})
		await expect(denied.first()).toContainText('scope.care-team')
		await expect(
			events.locator(`tr[data-action="access.break_glass"]`, { hasText: `patient ${foreign}` }),
		).toHaveCount(1)
		await expect(
			events.locator(`tr[data-action="phi.read"]`, { hasText: `patient ${foreign}` }).first(),
		).toContainText('scope.break-glass')
	})
})

test.describe('roles without chart access', () => {
	test.use({ allowedPageErrors: [/status of 403 \(Forbidden\)/] })

	test('intake staff get a plain 403 on the patient list, and the refusal is recorded', async ({
		page,
	}) => {
		await signInAs(page, 'Jordan Lee')
		const response = await page.goto('/patients')
		expect(response?.status()).toBe(403)
		await expect(page.getByRole('heading', { name: 'Not available to you' })).toBeVisible()
	})
})
