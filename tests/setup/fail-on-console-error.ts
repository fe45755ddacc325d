import { afterAll, afterEach } from 'vitest'

/**
 * Any console.error during a test file fails it (house style, after the Epic Stack): an error
 * printed and ignored is a defect hiding. The interceptor is installed when the file loads, so
 * calls from beforeAll/afterAll hooks count too: they fail the next test, or the file at the end.
 * Tests that exercise an error path use a silent logger instead.
 */
const calls: unknown[][] = []
console.error = (...args: unknown[]) => {
	calls.push(args)
}

function assertNoConsoleErrors(where: string): void {
	if (calls.length === 0) return
	const first = calls[0]?.map((a) => (a instanceof Error ? a.stack : String(a))).join(' ')
	const count = calls.length
	calls.length = 0
	throw new Error(`console.error was called ${count} time(s) ${where}; first: ${first}`)
}

afterEach(() => assertNoConsoleErrors('during or before this test'))
afterAll(() => assertNoConsoleErrors('in the hooks of this file'))
