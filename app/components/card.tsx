import type { ReactNode } from 'react'

/** A titled panel: a landmark section labelled by its heading. */
export function Card({ id, title, children }: { id: string; title: string; children: ReactNode }) {
	return (
		<section
			aria-labelledby={`${id}-title`}
			className="rounded-lg border border-line bg-surface p-6 shadow-sm"
		>
			<h2 id={`${id}-title`} className="text-lg font-semibold">
				{title}
			</h2>
			{children}
		</section>
	)
}
