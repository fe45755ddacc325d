/**
 * The fax pages a cited chunk came from: a filed fax's chunks carry `Fax/<faxId>/page/<n>` ids
 * (server/intake/fax-types.ts writes them), each the page image's address in the app.
 */
const FAX_PAGE_REF = /^Fax\/([0-9a-f-]{36})\/page\/([1-9][0-9]{0,3})$/

export function faxPagesOf(ids: string[]): { page: number; href: string }[] {
	return ids.flatMap((id) => {
		const m = FAX_PAGE_REF.exec(id)
		return m ? [{ page: Number(m[2]), href: `/faxes/${m[1]}/pages/${m[2]}` }] : []
	})
}
