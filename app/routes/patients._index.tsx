import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Form, Link, useLoaderData } from '@remix-run/react'
import { PERMISSIONS, requestScope, requirePermission } from '#app/utils/auth.server.ts'
import { ageOn, SEX_LABEL } from '#app/utils/patient-format.ts'
import { TableHead } from '#app/components/table-head.tsx'

export const meta: MetaFunction = () => [{ title: 'My patients · Chartside' }]

export async function loader({ request, context }: LoaderFunctionArgs) {
	const user = await requirePermission(request, context, PERMISSIONS.readChartCareTeam)
	const q = new URL(request.url).searchParams.get('q') ?? ''
	const patients = await requestScope(context, user).chart.listPatients({ q })
	return { q, patients }
}

export default function Patients() {
	const { q, patients } = useLoaderData<typeof loader>()
	return (
		<div className="space-y-6">
			<div className="flex flex-wrap items-end justify-between gap-4">
				<div>
					<h1 className="text-2xl font-semibold">My patients</h1>
					<p className="text-ink-muted">
						Patients on your care team, and any you opened with break-glass access.
					</p>
				</div>
				<Form method="get" role="search" className="flex gap-2">
					<label htmlFor="patient-search" className="sr-only">
						Search by name or MRN
					</label>
					<input
						id="patient-search"
						name="q"
						type="search"
						defaultValue={q}
						placeholder="Name or MRN"
						className="w-64 rounded border border-line bg-surface px-3 py-1.5"
					/>
					<button
						type="submit"
						className="rounded bg-brand-600 px-3 py-1.5 font-medium text-white hover:bg-brand-700"
					>
						Search
					</button>
				</Form>
			</div>
			{patients.length === 0 ? (
				<p
					className="rounded border border-line bg-surface p-6 text-ink-muted"
					data-testid="no-patients"
				>
					{q
						? `No patient on your care team matches “${q}”.`
						: 'No patients on your care team yet.'}
				</p>
			) : (
				<table className="w-full overflow-hidden rounded-lg border border-line bg-surface text-left text-sm">
					<caption className="sr-only">Patients on your care team</caption>
					<TableHead columns={['Patient', 'MRN', 'Age', 'Sex', 'Access']} />
					<tbody data-testid="patient-list">
						{patients.map((p) => (
							<tr key={p.id} className="border-t border-line">
								<td className="px-4 py-2">
									<Link to={`/patients/${p.id}`} className="font-medium">
										{p.name}
									</Link>
								</td>
								<td className="px-4 py-2 font-mono">{p.mrn}</td>
								<td className="px-4 py-2">{ageOn(p.birthDate)}</td>
								<td className="px-4 py-2">{SEX_LABEL[p.sex]}</td>
								<td className="px-4 py-2">
									{p.breakGlassUntil ? (
										<span className="rounded bg-danger-soft px-2 py-0.5 text-xs font-medium text-danger">
											Break-glass
										</span>
									) : (
										'Care team'
									)}
								</td>
							</tr>
						))}
					</tbody>
				</table>
			)}
		</div>
	)
}
