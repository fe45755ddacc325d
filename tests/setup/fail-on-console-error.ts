import { afterEach, beforeEach } from 'vitest'

/**
 * Any console.error during a test fails it (house style, after the Epic Stack): an error printed
 * and ignored is a defect hiding. Tests that exercise an error path silence the logger instead.
 */
const original = console.error
let calls: unknown[][] = []

beforeEach(() => {
	calls = []
	console.error = (...args: unknown[]) => {
		calls.push(args)
	}
})

afterEach(() => {
	console.error = original
	if (calls.length > 0) {
		const first = calls[0]?.map((a) => (a instanceof Error ? a.stack : String(a))).join(' ')
		throw new Error(
			`console.error was called ${calls.length} time(s) during the test; first: ${first}`,
		)
	}
})
