import type { Locator, Page } from '@playwright/test'
import { makeScannedPdf, makeTiff, makeZip } from '#server/intake/files/test-files.ts'
import { expect, test } from './fixtures.ts'
import { signInAs, signOut } from './helpers.ts'

/**
 * Fax intake end to end (issue 17, "Done means"): Jordan Lee uploads a multi-page standard-
 * resolution G4 TIFF, a scanned (image-only) PDF and a ZIP named `.pdf`; watches the two faxes
 * being read for real (OCR in the app's job queue); files the one that waits for review after
 * correcting its type, with the keyboard; and Dr. Rivera then asks a question answered from that
 * fax, whose citation links to the fax page image. Every name, date and result is synthetic (the
 * demo patients). Screenshots for the README.
 */

/**
 * A hematology consultation about Eleanor Whitfield (Dr. Rivera's patient) written as a lab
 * sheet: her nickname and birth date but no record number or phone, so the best match is
 * `probable` (only the full name written as the record has it, with the birth date, is `certain`)
 * and the fax waits for a person; the classifier reads the lab table and proposes "Lab result", which
 * the reviewer corrects to "Consult note". The ferritin sentence is what the clinician asks about.
 */
const CONSULT_PDF = 'whitfield-hematology.pdf'
const CONSULT_LINES = [
	'Harbor Hematology Associates',
	'LABORATORY REPORT - FINAL',
	'Patient: Ellie Whitfield   DOB: 03/14/1951',
	'Specimen: serum, collected 11/28/2026',
	'Test  Result  Reference range',
	'Ferritin 412 ng/mL, elevated.',
	'Iron 188 ug/dL   TIBC 310 ug/dL',
	'Consultation: iron overload is likely; HFE gene testing advised.',
]

/** An imaging report about Thomas Brennick with his record number (a `certain` match). */
const IMAGING_TIFF = 'brennick-chest.tif'
const IMAGING_LINES = [
	'Lakeside Imaging Center',
	'CHEST X-RAY REPORT',
	'Patient: Thomas Brennick   DOB: 01/30/1944',
	'MRN: DEMO-100004',
	'Findings: no focal consolidation. Mild cardiomegaly.',
	'Impression: no acute process.',
]

const REFUSED = 'not-really.pdf'

const FINAL = ['filed', 'waiting_review', 'failed', 'rejected']

const row = (page: Page, fileName: string): Locator =>
	page.getByTestId('recent-faxes').locator(`tr[data-file="${fileName}"]`)

test('a clerk files a faxed consult from the review queue, and the clinician cites its page', async ({
	page,
}) => {
	// Reading is real OCR in the app process (a few seconds a page on a loaded machine).
	test.setTimeout(300_000)
	const [tiff, pdf] = await Promise.all([
		makeTiff({ pages: 2, resolution: 'standard', compression: 'g4', lines: IMAGING_LINES }),
		makeScannedPdf({ pages: 1, drawing: { lines: CONSULT_LINES } }),
	])

	await signInAs(page, 'Jordan Lee')
	await page.getByRole('navigation').getByRole('link', { name: 'Intake', exact: true }).click()
	await expect(page.getByRole('heading', { level: 1, name: 'Fax intake' })).toBeVisible()

	// Several files at once; the server decides from the bytes (a ZIP named .pdf is refused).
	await page.getByTestId('fax-files').setInputFiles([
		{ name: IMAGING_TIFF, mimeType: 'image/tiff', buffer: tiff },
		{ name: CONSULT_PDF, mimeType: 'application/pdf', buffer: pdf },
		{ name: REFUSED, mimeType: 'application/pdf', buffer: makeZip() },
	])
	const receipts = page.getByTestId('receipts')
	await expect(receipts.getByTestId('receipt')).toHaveCount(3)
	await expect(receipts.locator('[data-outcome="received"]', { hasText: IMAGING_TIFF })).toHaveText(
		`${IMAGING_TIFF}: received (2 pages)`,
	)
	await expect(receipts.locator('[data-outcome="received"]', { hasText: CONSULT_PDF })).toHaveText(
		`${CONSULT_PDF}: received (1 page)`,
	)
	const refused = receipts.locator('[data-outcome="refused"]', { hasText: REFUSED })
	await expect(refused).toContainText('INTAKE_UNSUPPORTED_FILE')
	await expect(refused).toContainText(/refused: .+/)
	// Refused before anything was stored: it is not among the faxes.
	await expect(row(page, REFUSED)).toHaveCount(0)

	// Watch them being read: the status cell moves through reading to a final state (the page
	// reloads the list every 1.5 s while a fax is in work).
	const seen = new Set<string>()
	const status = (fileName: string) => row(page, fileName).getByTestId('fax-status')
	await expect
		.poll(
			async () => {
				for (const fileName of [IMAGING_TIFF, CONSULT_PDF]) {
					const cell = status(fileName)
					if ((await cell.count()) === 0) continue
					seen.add(`${fileName}: ${await cell.innerText()}`)
				}
				const finals = await Promise.all(
					[IMAGING_TIFF, CONSULT_PDF].map(async (f) =>
						FINAL.includes((await status(f).getAttribute('data-status')) ?? ''),
					),
				)
				return finals.every(Boolean)
			},
			{ timeout: 150_000, intervals: [250] },
		)
		.toBe(true)
	const seenTexts = [...seen]
	test.info().annotations.push({ type: 'statuses seen', description: seenTexts.join(' | ') })
	expect(
		seenTexts.some((s) => /Reading page \d of \d|Classifying and matching/.test(s)),
		`progress seen: ${seenTexts.join(' | ')}`,
	).toBe(true)
	await expect(page.getByTestId('intake-progress')).toContainText('No fax is being read.')
	// Neither fax failed; the consult (no record number) waits for a person.
	await expect(status(CONSULT_PDF)).toHaveAttribute('data-status', 'waiting_review')
	await expect(status(CONSULT_PDF)).toHaveText(/Waiting for review \(patient match not certain\)/)
	await expect(status(IMAGING_TIFF)).toHaveAttribute('data-status', /^(filed|waiting_review)$/)
	await expect(row(page, IMAGING_TIFF).locator('td').nth(1)).toHaveText('2')
	await page.screenshot({ path: `${process.env.SCREENSHOT_DIR}/intake.png`, fullPage: true })

	// The review queue: the consult, with its age and proposed type.
	await page.getByTestId('review-queue-link').click()
	await expect(page.getByRole('heading', { level: 1, name: 'Review queue' })).toBeVisible()
	const queued = page.getByTestId('review-queue').locator(`tr[data-file="${CONSULT_PDF}"]`)
	await expect(queued).toContainText('just now')
	await queued.getByTestId('open-fax').click()
	await expect(page.getByRole('heading', { level: 1 })).toHaveText(CONSULT_PDF)

	// The page image beside its OCR text, the demographics found highlighted.
	const faxPage = page.getByTestId('fax-page')
	await expect(faxPage).toHaveCount(1)
	const image = faxPage.getByRole('img', { name: 'Page 1 of the fax as received' })
	await expect(image).toBeVisible()
	await expect
		.poll(() => image.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth))
		.toBeGreaterThan(0)
	const text = faxPage.getByTestId('page-text')
	await expect(text).toContainText(/Ferritin 412 ng\/mL/)
	await expect(text.locator('mark[data-field="name"]').first()).toHaveText(/Ellie Whitfield/)
	await expect(text.locator('mark[data-field="birthDate"]').first()).toHaveText('03/14/1951')

	// The candidates with the evidence for each: Whitfield first, probable, name and birth date
	// agreeing, no record number to compare.
	const first = page.getByTestId('candidates').locator('li').first()
	await expect(first).toContainText('1. Whitfield, Eleanor')
	await expect(first.getByTestId('grade')).toHaveText('probable')
	await expect(first).toContainText('name: agree')
	await expect(first).toContainText('birth date: agree')
	await expect(first).toContainText('MRN: missing')
	await page.screenshot({ path: `${process.env.SCREENSHOT_DIR}/intake-review.png`, fullPage: true })

	// Keyboard only: T to the type (the proposal is corrected), 1 the patient, F files.
	const type = page.getByTestId('fax-type')
	const proposed = await type.inputValue()
	expect(proposed, 'the classifier proposes a type other than the correction').not.toBe(
		'consult_note',
	)
	await page.keyboard.press('t')
	await expect(type).toBeFocused()
	await page.keyboard.type('Consult')
	await expect(type).toHaveValue('consult_note')
	// Escape leaves the field, so that the next keys are shortcuts again.
	await page.keyboard.press('Escape')
	await expect(type).not.toBeFocused()
	await page.keyboard.press('1')
	await expect(first.getByRole('radio')).toBeChecked()
	await page.keyboard.press('f')
	await expect(page).toHaveURL(/\/intake\/review$/)
	await expect(
		page.getByTestId('review-queue').locator(`tr[data-file="${CONSULT_PDF}"]`),
	).toHaveCount(0)

	// The clinician: the filed consult is in the chart, and answers from its page.
	await signOut(page)
	await signInAs(page, 'Dr. Sam Rivera')
	await page.goto('/patients')
	await page.getByRole('link', { name: 'Whitfield, Eleanor' }).click()
	await expect(page.getByTestId('patient-name')).toHaveText('Whitfield, Eleanor')
	await expect(page.getByTestId('documents')).toContainText('Consult note (fax, page 1)')
	await page.getByLabel('Your question').fill('What was the ferritin?')
	await page.getByRole('button', { name: 'Ask' }).click()
	await expect(page.getByTestId('streaming')).toHaveCount(0)
	const sentence = page
		.getByTestId('answer-panel')
		.getByTestId('answer-sentence')
		.filter({ hasText: /ferritin 412/i })
		.first()
	await expect(sentence).toHaveAttribute('data-supported', 'true')
	await sentence.getByTestId('citation').first().click()
	const source = page.getByTestId('source-panel')
	await expect(source).toContainText('Consult note (fax, page 1)')
	await expect(source.getByTestId('source-highlight')).toContainText(/Ferritin 412/i)
	const link = source.getByTestId('fax-page-link')
	await expect(link).toHaveText('Open fax page 1')
	const href = await link.getAttribute('href')
	expect(href).toMatch(/^\/faxes\/[0-9a-f-]{36}\/pages\/1$/)
	await page.screenshot({ path: `${process.env.SCREENSHOT_DIR}/fax-citation.png`, fullPage: true })
	const png = await page.request.get(href!)
	expect(png.status()).toBe(200)
	expect(png.headers()['content-type']).toBe('image/png')
	expect((await png.body()).subarray(1, 4).toString('latin1')).toBe('PNG')
})
