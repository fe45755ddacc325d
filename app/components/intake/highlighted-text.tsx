import type { FoundSpan } from '#db/schema/faxes.ts'

const FIELD_TITLE: Record<string, string> = {
	name: 'name',
	birthDate: 'birth date',
	mrn: 'MRN',
	phone: 'phone',
}

/**
 * The spans of the whole fax's text (pages joined by one form feed each) that fall in each page,
 * as offsets into that page's text.
 */
export function pageSpans(pageTexts: string[], spans: FoundSpan[]): FoundSpan[][] {
	const out: FoundSpan[][] = pageTexts.map(() => [])
	let offset = 0
	pageTexts.forEach((text, i) => {
		const end = offset + text.length
		for (const s of spans)
			if (s.start >= offset && s.end <= end)
				out[i]!.push({ ...s, start: s.start - offset, end: s.end - offset })
		offset = end + 1
	})
	return out
}

/** Text with the found demographics marked (and named for screen readers by their title). */
export function HighlightedText({ text, spans }: { text: string; spans: FoundSpan[] }) {
	const sorted = [...spans].sort((a, b) => a.start - b.start)
	const parts: JSX.Element[] = []
	let at = 0
	sorted.forEach((s, i) => {
		if (s.start < at) return
		if (s.start > at) parts.push(<span key={`t${i}`}>{text.slice(at, s.start)}</span>)
		parts.push(
			<mark
				key={`m${i}`}
				className="rounded bg-warn-soft px-0.5 text-ink"
				title={FIELD_TITLE[s.field] ?? s.field}
				data-field={s.field}
			>
				{text.slice(s.start, s.end)}
			</mark>,
		)
		at = s.end
	})
	if (at < text.length) parts.push(<span key="rest">{text.slice(at)}</span>)
	return <>{parts}</>
}
