import { useEffect, useRef } from 'react'
import { faxPagesOf } from '#app/utils/fax-pages.ts'
import { supportingPassage } from '#app/utils/highlight.ts'
import type { OpenCitation } from './answer-view.tsx'

/**
 * The cited chunk beside the answer: its document title, date, section and FHIR ids, with the
 * passage that supports the sentence highlighted and scrolled into view. Focus moves here when it
 * opens and back when it closes (Escape or the close button).
 */
export function SourcePanel({ open, onClose }: { open: OpenCitation; onClose: () => void }) {
	const heading = useRef<HTMLHeadingElement>(null)
	const box = useRef<HTMLParagraphElement>(null)
	const mark = useRef<HTMLElement>(null)
	useEffect(() => {
		heading.current?.focus()
		// The supporting passage may sit far down a long chunk: scroll the box to it (the box is
		// positioned, so the mark's offsetTop is measured within it).
		if (box.current && mark.current)
			box.current.scrollTop = Math.max(0, mark.current.offsetTop - 24)
	}, [open])
	const { citation: c } = open
	const [before, passage, after] = supportingPassage(c.text, open.sentence)
	const faxPages = faxPagesOf(c.fhirIds)
	return (
		<aside
			aria-labelledby="source-title"
			data-testid="source-panel"
			onKeyDown={(e) => {
				if (e.key === 'Escape') onClose()
			}}
			className="rounded-lg border border-line bg-surface p-5 shadow-sm"
		>
			<div className="flex items-start justify-between gap-3">
				<h3 id="source-title" ref={heading} tabIndex={-1} className="text-base font-semibold">
					Source {open.number}: {c.documentTitle}
				</h3>
				<button
					type="button"
					onClick={onClose}
					className="rounded border border-line px-2 py-0.5 text-sm hover:bg-canvas"
				>
					Close
				</button>
			</div>
			<dl className="mt-2 grid grid-cols-[auto_1fr] gap-x-3 gap-y-1 text-sm">
				<dt className="text-ink-muted">Date</dt>
				<dd>{c.date ?? 'not dated'}</dd>
				{c.section ? (
					<>
						<dt className="text-ink-muted">Section</dt>
						<dd>{c.section}</dd>
					</>
				) : null}
				<dt className="text-ink-muted">FHIR ids</dt>
				<dd className="font-mono text-xs break-all" data-testid="source-fhir-ids">
					{c.fhirIds.length ? c.fhirIds.join(', ') : 'none (not from FHIR)'}
				</dd>
			</dl>
			{faxPages.length > 0 ? (
				<p className="mt-2 flex flex-wrap gap-2 text-sm" data-testid="fax-page-links">
					{faxPages.map((p) => (
						<a
							key={p.href}
							href={p.href}
							target="_blank"
							rel="noopener"
							data-testid="fax-page-link"
						>
							Open fax page {p.page}
						</a>
					))}
				</p>
			) : null}
			{c.injectionFlagged ? (
				<p className="mt-2 text-sm font-medium text-warn">
					This passage reads like instructions to an AI; it was kept out of answers.
				</p>
			) : null}
			<p
				ref={box}
				className="relative mt-3 max-h-80 overflow-y-auto whitespace-pre-wrap rounded bg-canvas p-3 text-sm leading-relaxed"
				data-testid="source-text"
			>
				{before}
				{passage ? (
					<mark
						ref={mark}
						data-testid="source-highlight"
						className="rounded bg-brand-100 px-0.5 text-ink"
					>
						{passage}
					</mark>
				) : null}
				{after}
			</p>
		</aside>
	)
}
