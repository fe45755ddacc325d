import { execFile } from 'node:child_process'
import { promisify } from 'node:util'
import { expect, test } from 'vitest'

const run = promisify(execFile)

test('a test that calls console.error (or runs after a hook that did) fails, even when its assertions pass', async () => {
	const result = await run(
		'npx',
		[
			'vitest',
			'run',
			'--config',
			'tests/fixtures/console-error/vitest.config.ts',
			'--reporter',
			'json',
		],
		{
			timeout: 60_000,
			env: { ...process.env, FORCE_COLOR: '0' },
		},
	).then(
		(ok) => ({ code: 0, stdout: ok.stdout }),
		(error: { code?: number; stdout?: string }) => ({
			code: error.code ?? 1,
			stdout: error.stdout,
		}),
	)
	expect(result.code, 'the fixture run must fail').not.toBe(0)
	const report = JSON.parse(String(result.stdout)) as {
		testResults: Array<{ assertionResults: Array<{ title: string; status: string }> }>
	}
	const statuses = Object.fromEntries(
		report.testResults.flatMap((f) => f.assertionResults).map((a) => [a.title, a.status]),
	)
	expect(statuses).toEqual({
		'passes its own assertions but calls console.error': 'failed',
		'stays quiet': 'passed',
		'runs after a hook that called console.error': 'failed',
	})
})
