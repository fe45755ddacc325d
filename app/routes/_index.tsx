import type { LoaderFunctionArgs } from '@remix-run/node'
import { useLoaderData } from '@remix-run/react'
import { Card } from '#app/components/card.tsx'
import { ROLE_LABELS } from '#app/utils/roles.ts'

export async function loader({ context }: LoaderFunctionArgs) {
	return { overview: await context.app.overview() }
}

export default function Overview() {
	const { overview } = useLoaderData<typeof loader>()
	return (
		<div className="space-y-8">
			<section aria-labelledby="intro-title" className="max-w-3xl">
				<h1 id="intro-title" className="text-3xl font-semibold tracking-tight">
					Chartside
				</h1>
				<p className="mt-3 text-lg text-ink-muted">
					A copilot for clinicians that answers questions about one patient’s chart and summarizes
					chart documents. Every sentence cites the chart, and every answer stays a draft until a
					clinician accepts, edits or overrides it.
				</p>
			</section>

			<div className="grid gap-6 md:grid-cols-2">
				<Card id="status" title="This instance">
					<dl className="mt-4 grid grid-cols-[auto_1fr] gap-x-6 gap-y-2 text-sm">
						<dt className="text-ink-muted">Chart database</dt>
						<dd data-testid="database-mode">
							{overview.mode === 'embedded'
								? 'Embedded PostgreSQL (PGlite) with pgvector'
								: 'PostgreSQL server with pgvector'}
						</dd>
						<dt className="text-ink-muted">Audit ledger store</dt>
						<dd>
							{overview.ledgerMode === 'embedded'
								? 'Separate embedded store'
								: 'Separate PostgreSQL database'}
						</dd>
						<dt className="text-ink-muted">Models</dt>
						<dd>
							{overview.models === 'local deterministic' ? (
								<span className="rounded bg-warn-soft px-2 py-0.5 font-medium text-warn">
									Local deterministic (no AI vendor)
								</span>
							) : (
								'Configured endpoints'
							)}
						</dd>
						<dt className="text-ink-muted">Identity provider</dt>
						<dd>
							{overview.identity === 'development identity provider'
								? 'Development identity provider'
								: 'Hospital identity provider (OIDC)'}
						</dd>
						<dt className="text-ink-muted">Charts</dt>
						<dd data-testid="chart-counts">
							{overview.patientCount} patients, {overview.documentCount} documents
						</dd>
					</dl>
				</Card>

				{overview.demoUsers ? (
					<Card id="demo" title="Demo hospital">
						<p className="mt-2 text-sm text-ink-muted">
							Synthetic patients and staff for trying Chartside. Development only: none of it is
							real.
						</p>
						<ul className="mt-4 space-y-3" aria-label="Demo users">
							{overview.demoUsers.map((user) => (
								<li key={user.displayName} className="text-sm">
									<span className="font-medium">{user.displayName}</span>
									<span className="ml-2 rounded bg-brand-50 px-2 py-0.5 text-xs font-medium text-brand-800">
										{ROLE_LABELS[user.role]}
									</span>
									<div className="text-ink-muted">{user.title}</div>
								</li>
							))}
						</ul>
					</Card>
				) : null}
			</div>
		</div>
	)
}
