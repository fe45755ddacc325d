import type { ReactNode } from 'react'
import type { CandidateView, PatientHit } from '#server/intake/review.ts'

const OUTCOME_STYLE: Record<string, string> = {
	agree: 'bg-ok-soft text-ok',
	partial: 'bg-warn-soft text-warn',
	disagree: 'bg-danger-soft text-danger',
	missing: 'bg-canvas text-ink-muted',
}

const FIELD_LABEL: Record<string, string> = {
	name: 'name',
	givenName: 'given name',
	familyName: 'family name',
	birthDate: 'birth date',
	mrn: 'MRN',
	phone: 'phone',
	sex: 'sex',
}

/** The patients a reviewer can file to, in the order keys 1–9 pick them: candidates, then search hits. */
export function choiceIds(candidates: CandidateView[], hits: PatientHit[]): string[] {
	const ids = candidates.map((c) => c.patientId)
	return [...ids, ...hits.map((h) => h.id).filter((id) => !ids.includes(id))]
}

function Choice({
	id,
	chosen,
	onChoose,
	children,
}: {
	id: string
	chosen: string
	onChoose: (id: string) => void
	children: ReactNode
}) {
	return (
		<li>
			<label
				className={`block rounded border px-3 py-2 text-sm ${chosen === id ? 'border-brand-600 bg-brand-50' : 'border-line'}`}
			>
				<input
					type="radio"
					name="candidate"
					value={id}
					checked={chosen === id}
					onChange={() => onChoose(id)}
					className="mr-2"
				/>
				{children}
			</label>
		</li>
	)
}

/**
 * The candidate patients with their grade and the evidence per field (which fields agreed), then
 * the roster search's hits: one radio group, numbered as the keys pick them.
 */
export function PatientChoices({
	candidates,
	hits,
	chosen,
	onChoose,
}: {
	candidates: CandidateView[]
	hits: PatientHit[]
	chosen: string
	onChoose: (id: string) => void
}) {
	const found = hits.filter((h) => !candidates.some((c) => c.patientId === h.id))
	return (
		<ul className="mt-1 space-y-2" data-testid="candidates">
			{candidates.map((c, i) => (
				<Choice key={c.patientId} id={c.patientId} chosen={chosen} onChoose={onChoose}>
					<span className="font-medium">
						{i + 1}. {c.name}
					</span>{' '}
					<span className="text-ink-muted">
						born {c.birthDate} · MRN {c.mrn}
					</span>
					<span
						className="ml-2 rounded bg-canvas px-1.5 text-xs font-medium uppercase"
						data-testid="grade"
					>
						{c.grade}
					</span>
					<span className="mt-1 flex flex-wrap gap-1">
						{c.evidence.map((e) => (
							<span
								key={e.field}
								className={`rounded px-1.5 text-xs ${OUTCOME_STYLE[e.outcome] ?? ''}`}
								title={`weight ${e.weight.toFixed(1)}`}
							>
								{FIELD_LABEL[e.field] ?? e.field}: {e.outcome}
							</span>
						))}
					</span>
				</Choice>
			))}
			{found.map((h, i) => (
				<Choice key={h.id} id={h.id} chosen={chosen} onChoose={onChoose}>
					<span className="font-medium">
						{candidates.length + i + 1}. {h.name}
					</span>{' '}
					<span className="text-ink-muted">
						born {h.birthDate} · MRN {h.mrn} · from search
					</span>
				</Choice>
			))}
		</ul>
	)
}
