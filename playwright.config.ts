import { existsSync, rmSync } from 'node:fs'
import path from 'node:path'
import { defineConfig, devices } from '@playwright/test'

// Browser tests drive a real Chromium against the real server (built app, embedded databases in a
// fresh temporary DATA_DIR, seeded demo). Debian's Chromium is used when present (CHROMIUM_PATH or
// /usr/bin/chromium); elsewhere Playwright's own browser.
const PORT = Number(process.env.E2E_PORT ?? 3100)
// A fresh store per run, inside the git-ignored .cache/. This file is also evaluated in worker
// processes, which inherit E2E_DATA_DIR and so never wipe the store of the running server.
if (!process.env.E2E_DATA_DIR) {
	process.env.E2E_DATA_DIR = path.resolve('.cache/e2e-data')
	rmSync(process.env.E2E_DATA_DIR, { recursive: true, force: true })
}
// Screenshots go to test-results/ (not tracked); `npm run screenshots` writes the README's.
process.env.SCREENSHOT_DIR ??= path.resolve('test-results/screenshots')
const systemChromium = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium'
const chromium = existsSync(systemChromium) ? systemChromium : undefined

export default defineConfig({
	testDir: './tests/e2e',
	fullyParallel: false,
	workers: 1,
	forbidOnly: Boolean(process.env.CI),
	retries: 0,
	reporter: process.env.CI ? [['list']] : [['list'], ['html', { open: 'never' }]],
	timeout: 30_000,
	use: {
		// localhost, as APP_URL defaults to: the development provider's issuer derives from it.
		baseURL: `http://localhost:${PORT}`,
		trace: 'retain-on-failure',
		viewport: { width: 1280, height: 800 },
		...(chromium
			? {
					launchOptions: {
						executablePath: chromium,
						args: [
							'--headless',
							'--no-sandbox',
							'--disable-gpu',
							'--disable-quic',
							'--no-first-run',
							'--disable-background-networking',
							'--disable-component-update',
							'--disable-sync',
						],
					},
				}
			: {}),
	},
	projects: [
		{
			name: 'chromium',
			use: { ...devices['Desktop Chrome'], viewport: { width: 1280, height: 800 } },
		},
	],
	webServer: {
		command: 'npx tsx ingest/demo/seed.cli.ts && npx tsx server/main.ts',
		url: `http://localhost:${PORT}/healthz`,
		reuseExistingServer: false,
		timeout: 120_000,
		stdout: 'ignore',
		stderr: 'pipe',
		env: {
			PORT: String(PORT),
			HOST: '127.0.0.1',
			DATA_DIR: process.env.E2E_DATA_DIR,
			LOG_LEVEL: 'warn',
			// Sign checkpoints every 2 s, not every minute, so the ledger page has one to show.
			LEDGER_CHECKPOINT_SECONDS: '2',
		},
	},
})
