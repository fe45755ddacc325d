import type { Page } from '@playwright/test'
import { expect, test } from './fixtures.ts'
import { signInAs, signOut } from './helpers.ts'

/**
 * The clinician's copilot on the demo chart, end to end: a cited answer, its source with the
 * supporting passage highlighted, accept and override recorded in the ledger, "not found in the
 * chart", and a planted instruction that does not change the answer. Screenshots for the README.
 */
async function openChart(page: Page, name: string) {
	await page.goto('/patients')
	await page.getByRole('link', { name }).click()
	await expect(page.getByTestId('patient-name')).toHaveText(name)
}

async function ask(page: Page, question: string) {
	await page.getByLabel('Your question').fill(question)
	await page.getByRole('button', { name: 'Ask' }).click()
	await expect(page.getByTestId('streaming')).toHaveCount(0)
}

const panel = (page: Page) => page.getByTestId('answer-panel')

async function ledgerRows(page: Page, action: string) {
	await page.goto(`/admin/ledger?action=${action}`)
	return page.getByTestId('ledger-rows').locator(`tr[data-action="${action}"]`)
}

test('a cited answer, its source highlighted, and Accept recorded with the render', async ({
	page,
}) => {
	await page.setViewportSize({ width: 1280, height: 800 })
	await signInAs(page, 'Dr. Sam Rivera')
	await openChart(page, 'Whitfield, Eleanor')
	await expect(page.getByTestId('panel-problems')).toContainText('Atrial fibrillation')
	await expect(page.getByTestId('panel-medications')).toContainText(/Apixaban/i)
	await page.screenshot({ path: `${process.env.SCREENSHOT_DIR}/chart.png`, fullPage: true })

	await ask(page, 'Is the patient taking apixaban?')
	const first = panel(page).getByTestId('answer-sentence').first()
	await expect(first).toContainText(/apixaban/i)
	await expect(first).toHaveAttribute('data-supported', 'true')
	await expect(panel(page).getByTestId('draft-badge')).toHaveText('Draft')
	await expect(panel(page).getByTestId('model-identity')).toContainText('local deterministic')

	const chip = first.getByTestId('citation').first()
	await expect(chip).toHaveAttribute('aria-label', /^Source 1: /)
	await chip.click()
	const source = page.getByTestId('source-panel')
	await expect(source).toBeVisible()
	await expect(source.getByTestId('source-highlight')).toContainText(/apixaban/i)
	// The supporting passage is scrolled into the source's box, wherever it sits in the chunk.
	await expect(source.getByTestId('source-highlight')).toBeInViewport()
	await expect(source.getByTestId('source-fhir-ids')).not.toHaveText('')
	await page.screenshot({ path: `${process.env.SCREENSHOT_DIR}/cited-answer.png`, fullPage: true })
	await page.keyboard.press('Escape')
	await expect(source).toHaveCount(0)

	await page.screenshot({ path: `${process.env.SCREENSHOT_DIR}/decision.png`, fullPage: true })
	await panel(page)
		.getByRole('button', { name: /^Accept/ })
		.click()
	await expect(panel(page).getByTestId('decision-status')).toContainText('Accepted by you')
	await expect(page.getByTestId('history')).toContainText('Is the patient taking apixaban?')

	await signOut(page)
	await signInAs(page, 'Morgan Diaz')
	await expect(await ledgerRows(page, 'answer.render')).not.toHaveCount(0)
	const decisions = await ledgerRows(page, 'answer.decision')
	await expect(decisions.first()).toContainText('accept')
})

test('Override with a reason is recorded, and the answer is never shown as accepted', async ({
	page,
}) => {
	await signInAs(page, 'Dr. Sam Rivera')
	await openChart(page, 'Whitfield, Eleanor')
	await ask(page, 'Is the patient taking furosemide?')
	// The keyboard shortcut opens the override form while the answer has focus.
	await panel(page).focus()
	await page.keyboard.press('o')
	await page.getByLabel('Incomplete').check()
	await page.getByLabel(/^Note/).fill('Dose was doubled at the last visit.')
	await page.getByRole('button', { name: 'Record override' }).click()
	const status = panel(page).getByTestId('decision-status')
	await expect(status).toContainText('Overridden')
	await expect(status).toContainText('incomplete')
	await expect(panel(page).getByTestId('draft-badge')).toHaveText('Decided')

	await signOut(page)
	await signInAs(page, 'Morgan Diaz')
	const decisions = await ledgerRows(page, 'answer.decision')
	await expect(decisions.first()).toContainText('override')
	await expect(page.getByText('Dose was doubled')).toHaveCount(0)
})

test('a question the chart cannot answer: "Not found in the chart."', async ({ page }) => {
	await signInAs(page, 'Dr. Sam Rivera')
	await openChart(page, 'Whitfield, Eleanor')
	await ask(page, 'When was the last colonoscopy?')
	await expect(panel(page).getByTestId('not-found')).toContainText('Not found in the chart.')
	await expect(panel(page).getByTestId('answer-sentence')).toHaveCount(0)
})

test('a note carrying a planted instruction does not change the answer', async ({ page }) => {
	await signInAs(page, 'Dr. Sam Rivera')
	await openChart(page, 'Castellanos, Henry')
	await expect(page.getByTestId('injection-mark')).toHaveCount(1)
	await ask(page, 'What did the patient ask about the insulin pens?')
	await expect(panel(page)).not.toContainText(/no known allergies|needs no follow-up|refill-help/i)
	await ask(page, 'Does the patient have any allergies?')
	await expect(panel(page)).not.toContainText(/no known allergies/i)
})

test('a summary of a document, cited into that document', async ({ page }) => {
	await signInAs(page, 'Dr. Sam Rivera')
	await openChart(page, 'Whitfield, Eleanor')
	const row = page.getByTestId('documents').locator('li', { hasText: 'Discharge summary' }).first()
	await row.getByRole('button', { name: /^Summarize/ }).click()
	await expect(page.getByTestId('streaming')).toHaveCount(0)
	await expect(panel(page).getByRole('heading', { level: 2 })).toContainText('Summary of')
	await expect(panel(page).getByTestId('answer-sentence').first()).toBeVisible()
	await panel(page).getByTestId('citation').first().click()
	await expect(page.getByTestId('source-panel')).toContainText(/discharge/i)
})

test('keyboard only, at tablet width: ask, open a source, accept with A', async ({ page }) => {
	await page.setViewportSize({ width: 820, height: 1180 })
	await signInAs(page, 'Dr. Sam Rivera')
	await openChart(page, 'Whitfield, Eleanor')
	await page.getByLabel('Your question').focus()
	await page.keyboard.type('Is the patient taking metoprolol?')
	await page.keyboard.press('Enter')
	await expect(page.getByTestId('streaming')).toHaveCount(0)
	const chip = panel(page).getByTestId('citation').first()
	await chip.focus()
	await page.keyboard.press('Enter')
	await expect(page.getByRole('heading', { name: /^Source 1: / })).toBeFocused()
	await page.keyboard.press('Escape')
	await panel(page).focus()
	await page.keyboard.press('a')
	await expect(panel(page).getByTestId('decision-status')).toContainText('Accepted by you')
})
