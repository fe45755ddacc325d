import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Form, useLoaderData, useNavigation } from '@remix-run/react'
import { CsrfInput } from '#app/components/csrf-input.tsx'
import {
	PERMISSIONS,
	requestScope,
	requirePermission,
	requirePermittedForm,
} from '#app/utils/auth.server.ts'
import { withUserErrors } from '#app/utils/errors.server.ts'
import { TableHead } from '#app/components/table-head.tsx'

export const meta: MetaFunction = () => [{ title: 'Care teams · Chartside' }]

export async function loader({ request, context }: LoaderFunctionArgs) {
	const user = await requirePermission(request, context, PERMISSIONS.manageCareTeams)
	const overview = await requestScope(context, user).careTeams.overview()
	const selected =
		new URL(request.url).searchParams.get('clinician') ?? overview.clinicians[0]?.id ?? null
	return { ...overview, selected }
}

export async function action({ request, context }: ActionFunctionArgs) {
	const { user, form } = await requirePermittedForm(request, context, PERMISSIONS.manageCareTeams)
	const userId = String(form.get('userId') ?? '')
	const patientId = String(form.get('patientId') ?? '')
	const member = form.get('member') === 'true'
	const failed = await withUserErrors(() =>
		requestScope(context, user).careTeams.setMembership({ userId, patientId, member }),
	)
	if (failed) return failed
	return { error: null }
}

export default function CareTeams() {
	const { clinicians, patients, memberships, selected } = useLoaderData<typeof loader>()
	const navigation = useNavigation()
	const clinician = clinicians.find((c) => c.id === selected)
	const onTeam = new Set(memberships.filter((m) => m.userId === selected).map((m) => m.patientId))
	return (
		<div className="space-y-6">
			<div>
				<h1 className="text-2xl font-semibold">Care teams</h1>
				<p className="text-ink-muted">
					A clinician sees a patient’s chart only while on that patient’s care team. Every change is
					recorded.
				</p>
			</div>
			<Form method="get" className="flex items-end gap-2">
				<div>
					<label htmlFor="clinician" className="block text-sm font-medium">
						Clinician
					</label>
					<select
						id="clinician"
						name="clinician"
						defaultValue={selected ?? ''}
						className="rounded border border-line bg-surface px-3 py-1.5"
					>
						{clinicians.map((c) => (
							<option key={c.id} value={c.id}>
								{c.name}
							</option>
						))}
					</select>
				</div>
				<button
					type="submit"
					className="rounded border border-line px-3 py-1.5 font-medium hover:bg-surface"
				>
					Show
				</button>
			</Form>
			{clinician ? (
				<table className="w-full rounded-lg border border-line bg-surface text-left text-sm">
					<caption className="px-4 py-2 text-left font-medium">
						Patients and {clinician.name}’s care-team membership
					</caption>
					<TableHead
						columns={[
							'Patient',
							'MRN',
							'On care team',
							<span key="change" className="sr-only">
								Change
							</span>,
						]}
					/>
					<tbody data-testid="care-team-table">
						{patients.map((p) => {
							const member = onTeam.has(p.id)
							return (
								<tr key={p.id} className="border-t border-line">
									<td className="px-4 py-2">{p.name}</td>
									<td className="px-4 py-2 font-mono">{p.mrn}</td>
									<td className="px-4 py-2">{member ? 'Yes' : 'No'}</td>
									<td className="px-4 py-2 text-right">
										<Form method="post">
											<CsrfInput />
											<input type="hidden" name="userId" value={clinician.id} />
											<input type="hidden" name="patientId" value={p.id} />
											<input type="hidden" name="member" value={member ? 'false' : 'true'} />
											<button
												type="submit"
												disabled={navigation.state !== 'idle'}
												className="rounded border border-line px-3 py-1 font-medium hover:bg-canvas"
												aria-label={`${member ? 'Remove' : 'Add'} ${p.name} ${member ? 'from' : 'to'} ${clinician.name}’s care team`}
											>
												{member ? 'Remove' : 'Add'}
											</button>
										</Form>
									</td>
								</tr>
							)
						})}
					</tbody>
				</table>
			) : (
				<p className="text-ink-muted">No clinicians have signed in yet.</p>
			)}
		</div>
	)
}
