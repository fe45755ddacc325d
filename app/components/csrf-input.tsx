import { useRouteLoaderData } from '@remix-run/react'
import type { loader as rootLoader } from '#app/root.tsx'

/** The session's CSRF token as a hidden field: put one in every form that changes something. */
export function CsrfInput() {
	const root = useRouteLoaderData<typeof rootLoader>('root')
	return <input type="hidden" name="csrf" value={root?.user?.csrfToken ?? ''} />
}
