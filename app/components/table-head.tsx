import type { ReactNode } from 'react'

/** The header row of a data table: one column header per label (a label may be visually hidden). */
export function TableHead({ columns }: { columns: ReactNode[] }) {
	return (
		<thead className="bg-canvas text-ink-muted">
			<tr>
				{columns.map((label, i) => (
					<th key={i} scope="col" className="px-4 py-2 font-medium">
						{label}
					</th>
				))}
			</tr>
		</thead>
	)
}
