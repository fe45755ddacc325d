import type { MetaFunction } from '@remix-run/node'

export const meta: MetaFunction = () => [{ title: 'No access · Chartside' }]

/** Where a sign-in lands when the provider's roles claim holds no Chartside role. */
export default function NoAccess() {
	return (
		<section
			aria-labelledby="no-access-title"
			className="mx-auto max-w-xl rounded-lg border border-line bg-surface p-8 shadow-sm"
		>
			<h1 id="no-access-title" className="text-2xl font-semibold">
				Your account has no Chartside role
			</h1>
			<p className="mt-3 text-ink-muted">
				You signed in, but your hospital account is not assigned a Chartside role (clinician,
				intake, clinical-safety reviewer or administrator), so you have no access. Ask your
				Chartside administrator to assign one. You have not been signed in to Chartside.
			</p>
			<p className="mt-6">
				<a href="/">Back to the overview</a>
			</p>
		</section>
	)
}
