import { describe, expect, it } from 'vitest'
import { pageSpans } from './highlighted-text.tsx'

describe('pageSpans', () => {
	it('moves spans of the joined text onto the page each falls in', () => {
		const pages = ['Name: Ada Test', 'DOB 01/02/1950']
		// "Ada Test" at 6..14 of page 1; "01/02/1950" at 4..14 of page 2 (15 = 14 + the form feed).
		const spans = [
			{ start: 6, end: 14, field: 'name' },
			{ start: 15 + 4, end: 15 + 14, field: 'birthDate' },
		]
		const out = pageSpans(pages, spans)
		expect(out[0]).toEqual([{ start: 6, end: 14, field: 'name' }])
		expect(out[1]).toEqual([{ start: 4, end: 14, field: 'birthDate' }])
		expect(pages[1]!.slice(out[1]![0]!.start, out[1]![0]!.end)).toBe('01/02/1950')
	})

	it('drops a span that crosses a page break', () => {
		expect(pageSpans(['ab', 'cd'], [{ start: 1, end: 4, field: 'name' }])).toEqual([[], []])
	})
})
