import type { ReactNode } from 'react'

const PADDING = { regular: 'p-6', compact: 'p-5' } as const

/** A titled panel: a landmark section labelled by its heading. */
export function Card({
	id,
	title,
	children,
	padding = 'regular',
}: {
	id: string
	title: string
	children: ReactNode
	padding?: keyof typeof PADDING
}) {
	return (
		<section
			aria-labelledby={`${id}-title`}
			className={`rounded-lg border border-line bg-surface ${PADDING[padding]} shadow-sm`}
		>
			<h2 id={`${id}-title`} className="text-lg font-semibold">
				{title}
			</h2>
			{children}
		</section>
	)
}

const WIDTH = { narrow: 'max-w-md', medium: 'max-w-xl', wide: 'max-w-2xl' } as const

/** A page that is one centred panel (sign-in, no access, refusals): its heading is the page's h1. */
export function PagePanel({
	id,
	title,
	width,
	children,
}: {
	id: string
	title: string
	width: keyof typeof WIDTH
	children: ReactNode
}) {
	return (
		<section
			aria-labelledby={`${id}-title`}
			className={`mx-auto ${WIDTH[width]} rounded-lg border border-line bg-surface p-8 shadow-sm`}
		>
			<h1 id={`${id}-title`} className="text-2xl font-semibold">
				{title}
			</h1>
			{children}
		</section>
	)
}
