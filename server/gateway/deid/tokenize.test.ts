import { inspect } from 'node:util'
import { describe, expect, test } from 'vitest'
import { isAppError } from '../../platform/errors.ts'
import { GATEWAY_ERRORS } from '../errors.ts'
import { detectIdentifiers } from './detect.ts'
import type { Detection } from './labels.ts'
import { createVault, deidentify, restore, type DeidentifyOptions, type Vault } from './tokenize.ts'

// Synthetic people and numbers only: invented names, 555-01xx telephone numbers, the documented
// test card 4111 1111 1111 1111, TEST-NET addresses and example.org.

/** The error `work` throws; fails the test if it returns. */
function thrown(work: () => unknown): unknown {
	try {
		work()
	} catch (error) {
		return error
	}
	throw new Error('expected a refusal, got a result')
}

function expectRefusal(work: () => unknown): Error {
	const error = thrown(work)
	expect(isAppError(error)).toBe(true)
	expect((error as { code: string }).code).toBe(GATEWAY_ERRORS.deidUncertain)
	return error as Error
}

const NOTE = 'Nora Vintner (MRN: 4417720) was seen on 03/14/2025 by Dr. Korrin; call 555-0142.'

describe('deidentify refuses rather than return raw text', () => {
	test('a detector that throws: DEID_UNCERTAIN, and the detector message is not carried', () => {
		const detect = () => {
			throw new RangeError(`could not parse ${NOTE}`)
		}
		const error = expectRefusal(() => deidentify(NOTE, { detect }))
		expect(error.message).not.toContain('Nora')
		expect(JSON.stringify(error)).not.toContain('Nora')
		expect(String(error.cause)).not.toContain('Nora')
		expect(inspect(error, { depth: 5 })).not.toContain('Vintner')
		expect((error.cause as { errorName?: string }).errorName).toBe('RangeError')
	})

	test('a detector that throws a non-error value: DEID_UNCERTAIN', () => {
		expectRefusal(() =>
			deidentify(NOTE, {
				detect: () => {
					throw NOTE
				},
			}),
		)
	})

	test('a detector result that does not parse: DEID_UNCERTAIN', () => {
		const malformed: Array<(text: string) => unknown> = [
			() => null,
			() => ({ spans: 'all of it' }),
			() => ({ spans: [], uncertain: [{ start: 0, end: 4 }] }),
			(t) => ({
				spans: [{ start: 0, end: t.length + 5, label: 'NAME', confidence: 1 }],
				uncertain: [],
			}),
			() => ({ spans: [{ start: 3, end: 3, label: 'NAME', confidence: 1 }], uncertain: [] }),
			() => ({ spans: [{ start: 0, end: 4, label: 'PERSON', confidence: 1 }], uncertain: [] }),
			() => ({ spans: [{ start: 0.5, end: 4, label: 'NAME', confidence: 1 }], uncertain: [] }),
		]
		for (const detect of malformed) {
			expectRefusal(() => deidentify(NOTE, { detect: detect as DeidentifyOptions['detect'] }))
		}
	})

	test('an uncertain region under the default policy: DEID_UNCERTAIN, user-facing, text-free', () => {
		const text = 'Referred by the Quorvane clinic.'
		expect(detectIdentifiers(text).uncertain.length).toBeGreaterThan(0)
		const error = expectRefusal(() => deidentify(text))
		expect((error as unknown as { exposure: string }).exposure).toBe('user')
		expect(error.message).not.toContain('Quorvane')
	})

	test("an uncertain region under an explicit 'refuse': DEID_UNCERTAIN", () => {
		expectRefusal(() => deidentify('Referred by the Quorvane clinic.', { onUncertain: 'refuse' }))
	})

	test('an unknown policy: DEID_UNCERTAIN, not a silent default', () => {
		expectRefusal(() =>
			deidentify(NOTE, { onUncertain: 'ignore' as unknown as DeidentifyOptions['onUncertain'] }),
		)
	})

	test('input that is not text: DEID_UNCERTAIN', () => {
		expectRefusal(() => deidentify(undefined as unknown as string))
		expectRefusal(() => deidentify({ toString: () => NOTE } as unknown as string))
	})

	test('an identifier the detector still finds after replacement: DEID_UNCERTAIN', () => {
		// a detector that misses the SSN the first time and sees it on the second look
		let calls = 0
		const detect = (t: string): Detection => {
			calls++
			const at = t.indexOf('123-45-6789')
			if (calls === 1 || at < 0) return { spans: [], uncertain: [] }
			return { spans: [{ start: at, end: at + 11, label: 'SSN', confidence: 1 }], uncertain: [] }
		}
		expectRefusal(() => deidentify('SSN 123-45-6789 on file.', { detect }))
		expect(calls).toBe(2)
	})

	test('a vault that did not come from here: TypeError, for deidentify and restore', () => {
		const fake = { size: 0 } as unknown as Vault
		expect(() => deidentify(NOTE, { vault: fake })).toThrow(TypeError)
		expect(() => restore('[[NAME_1]]', fake)).toThrow(TypeError)
		expect(() => restore('[[NAME_1]]', JSON.parse(JSON.stringify(createVault())) as Vault)).toThrow(
			TypeError,
		)
	})
})

describe('placeholders already in the text cannot collide with real ones', () => {
	test('a literal [[NAME_1]] in the input is restored as itself, not as a patient', () => {
		const text = 'The template field [[NAME_1]] belongs to Nora Vintner.'
		const { text: safe, vault } = deidentify(text)
		expect(safe).not.toContain('Nora')
		// the literal is itself replaced, so the outgoing text holds only our placeholders
		expect(safe.match(/\[\[[A-Z_]+_\d+\]\]/g)).toHaveLength(2)
		expect(restore(safe, vault)).toBe(text)
	})

	test('mangled placeholder shapes in the input are neutralised too', () => {
		const text = 'Fields: [NAME 1], name_1, NAME_1 and [[date-2]] for Nora Vintner.'
		const { text: safe, vault } = deidentify(text, { onUncertain: 'redact' })
		const restored = restore(safe, vault)
		expect(restored).toBe(text)
	})

	test('a model that echoes a placeholder it was never given gets it back unchanged', () => {
		const { vault } = deidentify('Nora Vintner, seen 03/14/2025.')
		expect(restore('See [[NAME_9]] and [[PHONE_1]].', vault)).toBe(
			'See [[NAME_9]] and [[PHONE_1]].',
		)
	})

	test('restoring is one pass: a value that looks like a placeholder is not expanded again', () => {
		const vault = createVault()
		const first = deidentify('Contact Nora Vintner.', { vault })
		const second = deidentify('The form keeps [[NAME_1]] as a field.', { vault })
		const output = `${first.text} ${second.text}`
		expect(restore(output, vault)).toBe(
			'Contact Nora Vintner. The form keeps [[NAME_1]] as a field.',
		)
	})
})

describe('the vault never shows what it holds', () => {
	const { vault, text } = deidentify(NOTE)

	test('JSON, string, inspect, spread and structured clone reveal only a count', () => {
		for (const shown of [
			JSON.stringify(vault),
			JSON.stringify({ request: { vault } }),
			String(vault),
			`${vault}`,
			inspect(vault, { depth: 10, showHidden: true }),
			JSON.stringify({ ...vault }),
			JSON.stringify(structuredClone(vault)),
		]) {
			expect(shown).not.toContain('Nora')
			expect(shown).not.toContain('4417720')
			expect(shown).not.toContain('555-0142')
		}
		expect(vault.toJSON()).toEqual({ vault: 'redacted', size: vault.size })
		expect(Object.keys(vault)).toEqual([])
	})

	test('the outgoing text holds none of the identifiers', () => {
		for (const value of ['Nora', 'Vintner', '4417720', '03/14/2025', 'Korrin', '555-0142']) {
			expect(text).not.toContain(value)
		}
	})
})

describe('round trip: placeholders out, originals back', () => {
	test('each identifier becomes a labelled placeholder and comes back in the output', () => {
		const { text, vault } = deidentify(NOTE)
		expect(text).toContain('[[NAME_1]]')
		expect(text).toContain('[[MRN_1]]')
		expect(text).toContain('[[DATE_1]]')
		expect(text).toContain('[[PHONE_1]]')
		expect(restore(text, vault)).toBe(NOTE)
	})

	test('the same value gets the same placeholder; a different value, or spelling, a new one', () => {
		const { text } = deidentify(
			'Nora Vintner called. Later Nora Vintner, Owen Osterholt and NORA VINTNER came.',
		)
		expect(text).toBe('[[NAME_1]] called. Later [[NAME_1]], [[NAME_2]] and [[NAME_3]] came.')
	})

	test('one vault across the messages of a request keeps placeholders consistent', () => {
		const vault = createVault()
		const system = deidentify('The patient is Nora Vintner.', { vault })
		const user = deidentify('Does Nora Vintner or Owen Osterholt need a visit?', { vault })
		expect(system.text).toBe('The patient is [[NAME_1]].')
		expect(user.text).toBe('Does [[NAME_1]] or [[NAME_2]] need a visit?')
		expect(restore('[[NAME_2]] can wait; [[NAME_1]] cannot.', vault)).toBe(
			'Owen Osterholt can wait; Nora Vintner cannot.',
		)
	})

	test('placeholders the model mangled are still restored', () => {
		const { vault } = deidentify('Nora Vintner, MRN 4417720, seen 03/14/2025.')
		const mangled = [
			['[[NAME_1]]', 'Nora Vintner'],
			['[NAME_1]', 'Nora Vintner'],
			['[[NAME_1]', 'Nora Vintner'],
			['NAME_1]]', 'Nora Vintner'],
			['[[ NAME_1 ]]', 'Nora Vintner'],
			['[[name_1]]', 'Nora Vintner'],
			['[[NAME-1]]', 'Nora Vintner'],
			['[[NAME 1]]', 'Nora Vintner'],
			['[[NAME_01]]', 'Nora Vintner'],
			['NAME_1', 'Nora Vintner'],
			["[[NAME_1]]'s", "Nora Vintner's"],
			['[[MRN_1]]', '4417720'],
		] as const
		for (const [shape, expected] of mangled) expect(restore(shape, vault)).toBe(expected)
	})

	test('text that only resembles a placeholder is left alone', () => {
		const { vault } = deidentify('Nora Vintner was seen.')
		for (const text of [
			'name_1 is lower case without brackets',
			'NAMES_1',
			'RENAME_1',
			'[[NAME_]]',
		]) {
			expect(restore(text, vault)).toBe(text)
		}
	})

	test("'redact' replaces uncertain regions instead of refusing, and restores them", () => {
		const text = 'Referred by the Quorvane clinic.'
		const { text: safe, vault } = deidentify(text, { onUncertain: 'redact' })
		expect(safe).not.toContain('Quorvane')
		expect(restore(safe, vault)).toBe(text)
	})

	test('text without identifiers passes through unchanged', () => {
		const text = 'Blood pressure is well controlled on lisinopril 10 mg daily.'
		const { text: safe, vault } = deidentify(text)
		expect(safe).toBe(text)
		expect(vault.size).toBe(0)
	})

	test('the empty string is fine', () => {
		expect(deidentify('').text).toBe('')
	})
})

describe('the second look', () => {
	// A detector that finds "Quill" only once "Ada" beside it has become a placeholder, as a
	// replacement can change a word's context.
	const revealing = (text: string): Detection => {
		const spans: Detection['spans'] = []
		const ada = text.indexOf('Ada')
		if (ada >= 0) spans.push({ start: ada, end: ada + 3, label: 'NAME', confidence: 0.9 })
		const quill = text.indexOf('Quill')
		if (ada < 0 && quill >= 0)
			spans.push({ start: quill, end: quill + 5, label: 'NAME', confidence: 0.6 })
		return { spans, uncertain: [] }
	}

	test('under the redact policy, redacts what the first replacement revealed', () => {
		const { text } = deidentify('Seen: Ada Quill today.', {
			detect: revealing,
			onUncertain: 'redact',
		})
		expect(text).not.toMatch(/Ada|Quill/)
		expect(text).toMatch(/^Seen: \[\[NAME_1\]\] \[\[NAME_2\]\] today\.$/)
	})

	test('under the refuse policy, refuses instead', () => {
		expectRefusal(() => deidentify('Seen: Ada Quill today.', { detect: revealing }))
	})

	test('refuses text that never settles, even when redacting', () => {
		// Every round finds a new name outside the placeholders.
		let n = 0
		const endless = (text: string): Detection => {
			const at = text.indexOf('x')
			n++
			return at < 0 || n > 20
				? { spans: [], uncertain: [] }
				: { spans: [{ start: at, end: at + 1, label: 'NAME', confidence: 0.5 }], uncertain: [] }
		}
		expectRefusal(() => deidentify('x x x x x x x x', { detect: endless, onUncertain: 'redact' }))
	})
})
