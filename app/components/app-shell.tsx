import { NavLink } from '@remix-run/react'
import type { ReactNode } from 'react'
import type { NavItem } from '#app/utils/navigation.ts'

/** The frame around every page: skip link, header with navigation, main landmark. */
export function AppShell({ nav, children }: { nav: NavItem[]; children: ReactNode }) {
	return (
		<>
			<a
				href="#main"
				className="sr-only focus:not-sr-only focus:absolute focus:left-4 focus:top-4 focus:z-50 focus:rounded focus:bg-surface focus:px-4 focus:py-2"
			>
				Skip to main content
			</a>
			<header className="border-b border-line bg-surface">
				<div className="mx-auto flex max-w-6xl items-center gap-8 px-6 py-3">
					<a href="/" className="flex items-center gap-2 font-semibold text-ink no-underline">
						<span aria-hidden="true" className="inline-block h-6 w-6 rounded bg-brand-600" />
						Chartside
					</a>
					<nav aria-label="Main">
						<ul className="flex gap-1">
							{nav.map((item) => (
								<li key={item.to}>
									<NavLink
										to={item.to}
										end
										className={({ isActive }) =>
											`rounded px-3 py-1.5 text-sm font-medium no-underline ${
												isActive
													? 'bg-brand-50 text-brand-800'
													: 'text-ink-muted hover:bg-canvas hover:text-ink'
											}`
										}
									>
										{item.label}
									</NavLink>
								</li>
							))}
						</ul>
					</nav>
				</div>
			</header>
			<main id="main" className="mx-auto max-w-6xl px-6 py-8">
				{children}
			</main>
		</>
	)
}
