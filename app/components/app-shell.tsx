import { Form, NavLink } from '@remix-run/react'
import type { ReactNode } from 'react'
import type { NavItem } from '#app/utils/navigation.ts'
import { ROLE_LABELS } from '#app/utils/roles.ts'
import { CsrfInput } from './csrf-input.tsx'

type ShellUser = { displayName: string; role: keyof typeof ROLE_LABELS } | null

/** The frame around every page: skip link, header with navigation and the signed-in user, main. */
export function AppShell({
	nav,
	user,
	children,
}: {
	nav: NavItem[]
	user: ShellUser
	children: ReactNode
}) {
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
					<nav aria-label="Main" className="flex-1">
						<ul className="flex gap-1">
							{nav.map((item) => (
								<li key={item.to}>
									<NavLink
										to={item.to}
										end={item.to === '/'}
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
					{user ? (
						<div className="flex items-center gap-3 text-sm" data-testid="signed-in-user">
							<span>
								<span className="font-medium">{user.displayName}</span>
								<span className="ml-2 rounded bg-brand-50 px-2 py-0.5 text-xs font-medium text-brand-800">
									{ROLE_LABELS[user.role]}
								</span>
							</span>
							<Form method="post" action="/auth/logout" reloadDocument>
								<CsrfInput />
								<button
									type="submit"
									className="rounded border border-line px-3 py-1 font-medium hover:bg-canvas"
								>
									Sign out
								</button>
							</Form>
						</div>
					) : (
						<a href="/login" className="text-sm font-medium">
							Sign in
						</a>
					)}
				</div>
			</header>
			<main id="main" className="mx-auto max-w-6xl px-6 py-8">
				{children}
			</main>
		</>
	)
}
