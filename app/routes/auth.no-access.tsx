import { PagePanel } from '#app/components/card.tsx'
import type { MetaFunction } from '@remix-run/node'

export const meta: MetaFunction = () => [{ title: 'No access · Chartside' }]

/** Where a sign-in lands when the provider's roles claim holds no Chartside role. */
export default function NoAccess() {
	return (
		<PagePanel id="no-access" title="Your account has no Chartside role" width="medium">
			<p className="mt-3 text-ink-muted">
				You signed in, but your hospital account is not assigned a Chartside role (clinician,
				intake, clinical-safety reviewer or administrator), so you have no access. Ask your
				Chartside administrator to assign one. You have not been signed in to Chartside.
			</p>
			<p className="mt-6">
				<a href="/">Back to the overview</a>
			</p>
		</PagePanel>
	)
}
