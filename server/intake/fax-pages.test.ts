import { describe, expect, it } from 'vitest'
import { faxPageRef } from './fax-types.ts'
import { faxPagesOf } from '#app/utils/fax-pages.ts'

describe('faxPagesOf', () => {
	const faxId = '0b7c2a52-9a8e-4a3e-9d43-5f2a3d1f6c11'

	it('turns the page ids the server writes into page image links', () => {
		expect(faxPagesOf([faxPageRef(faxId, 3), 'Observation/abc'])).toEqual([
			{ page: 3, href: `/faxes/${faxId}/pages/3` },
		])
	})

	it('ignores ids that only look like fax pages', () => {
		expect(faxPagesOf([`Fax/${faxId}/page/0`, `Fax/../page/1`, `Fax/${faxId}/page/1/x`])).toEqual(
			[],
		)
	})
})
