import type { Rand } from './random.ts'

/**
 * A document is a list of blocks; `layoutDocument` wraps and paginates them on a US Letter page
 * (612 x 792 points) and returns, per page, the drawing operations (in points, so the same page
 * renders as pixels at any resolution or as PDF text) and the page's ground-truth text: exactly
 * the strings drawn, top to bottom, one line per `\n`.
 */
export type FontFamily = 'sans' | 'serif' | 'mono'

export type Block =
	| {
			t: 'text'
			text: string
			size?: number
			bold?: boolean
			align?: 'left' | 'center' | 'right'
			font?: FontFamily
			indent?: number
	  }
	| { t: 'heading'; text: string; level?: 1 | 2 }
	| {
			t: 'kv'
			pairs: ReadonlyArray<readonly [string, string]>
			columns?: 1 | 2
			labelWidth?: number
	  }
	| {
			t: 'table'
			header: readonly string[]
			rows: ReadonlyArray<readonly string[]>
			widths?: readonly number[]
			grid?: boolean
	  }
	| { t: 'rule'; weight?: number }
	| { t: 'space'; h: number }
	| { t: 'notice'; text: string; size?: number }
	| { t: 'banner'; text: string; size?: number }
	| { t: 'logo'; shape: 'circle' | 'square' | 'triangle' | 'bars' }
	| {
			t: 'letterhead'
			lines: readonly string[]
			align: 'left' | 'center' | 'right'
			logo?: 'circle' | 'square' | 'triangle' | 'bars'
	  }
	| { t: 'signature'; lines: readonly string[]; scribble: boolean }
	| { t: 'pagebreak' }

export type Op =
	| {
			k: 'text'
			x: number
			y: number
			text: string
			font: FontFamily
			bold: boolean
			size: number
			color: 0 | 1
	  }
	| { k: 'line'; x1: number; y1: number; x2: number; y2: number; w: number }
	| { k: 'rect'; x: number; y: number; w: number; h: number; fill: boolean; lw: number }
	| { k: 'circle'; x: number; y: number; r: number }
	| { k: 'poly'; points: ReadonlyArray<readonly [number, number]> }
	| { k: 'scribble'; points: ReadonlyArray<readonly [number, number]>; w: number }

export type LayoutPage = { ops: Op[]; lines: string[] }

export type Style = {
	body: FontFamily
	heading: FontFamily
	size: number
	leading: number
	marginX: number
	marginTop: number
	marginBottom: number
	headingCase: 'upper' | 'title'
	headingDeco: 'none' | 'underline' | 'rule' | 'banner' | 'colon'
	headingAlign: 'left' | 'center'
	kvSeparator: ': ' | ' - ' | ':  '
	kvAligned: boolean
	tableGrid: boolean
}

export function randomStyle(rng: Rand): Style {
	const body = rng.weighted<FontFamily>([
		['sans', 4],
		['serif', 4],
		['mono', 2],
	])
	return {
		body,
		heading: rng.chance(0.6) ? body : rng.pick(['sans', 'serif'] as const),
		size:
			body === 'mono' ? rng.pick([8.5, 9, 9.5, 10]) : rng.pick([9, 9.5, 10, 10.5, 11, 11.5, 12]),
		leading: rng.float(1.15, 1.5),
		marginX: rng.int(40, 80),
		marginTop: rng.int(36, 72),
		marginBottom: rng.int(40, 70),
		headingCase: rng.chance(0.6) ? 'upper' : 'title',
		headingDeco: rng.pick(['none', 'underline', 'rule', 'banner', 'colon'] as const),
		headingAlign: rng.chance(0.8) ? 'left' : 'center',
		kvSeparator: rng.pick([': ', ' - ', ':  '] as const),
		kvAligned: rng.chance(0.5),
		tableGrid: rng.chance(0.5),
	}
}

export const PAGE_W = 612
export const PAGE_H = 792

export type Measure = (text: string, font: FontFamily, bold: boolean, size: number) => number

/** Room kept free at the top and bottom of each page for a fax header line and a footer. */
export type Reserve = { top: number; bottom: number }

export function layoutDocument(
	blocks: readonly Block[],
	style: Style,
	measure: Measure,
	rng: Rand,
	reserve: Reserve = { top: 0, bottom: 0 },
): LayoutPage[] {
	const pages: LayoutPage[] = []
	const left = style.marginX
	const right = PAGE_W - style.marginX
	const width = right - left
	const top = style.marginTop + reserve.top
	const bottom = PAGE_H - style.marginBottom - reserve.bottom
	let page: LayoutPage = { ops: [], lines: [] }
	let y = top
	const lineH = (size: number) => size * style.leading

	const newPage = () => {
		pages.push(page)
		page = { ops: [], lines: [] }
		y = top
	}
	const ensure = (h: number) => {
		if (y + h > bottom && y > top) newPage()
	}
	const text = (
		x: number,
		baseline: number,
		s: string,
		font: FontFamily,
		bold: boolean,
		size: number,
		color: 0 | 1 = 0,
	) => page.ops.push({ k: 'text', x, y: baseline, text: s, font, bold, size, color })

	const wrap = (s: string, font: FontFamily, bold: boolean, size: number, w: number): string[] => {
		const out: string[] = []
		for (const para of s.split('\n')) {
			const words = para.split(/ +/).filter(Boolean)
			let line = ''
			for (const word of words) {
				const next = line ? `${line} ${word}` : word
				if (line && measure(next, font, bold, size) > w) {
					out.push(line)
					line = word
				} else line = next
			}
			out.push(line)
		}
		return out
	}

	/** Draws wrapped lines; each line is one ground-truth line. */
	const paragraph = (
		s: string,
		font: FontFamily,
		bold: boolean,
		size: number,
		align: 'left' | 'center' | 'right',
		indent = 0,
	) => {
		for (const line of wrap(s, font, bold, size, width - indent)) {
			ensure(lineH(size))
			y += lineH(size)
			if (line) {
				const w = measure(line, font, bold, size)
				const x =
					align === 'left' ? left + indent : align === 'center' ? left + (width - w) / 2 : right - w
				text(x, y - size * 0.25, line, font, bold, size)
			}
			page.lines.push(line)
		}
	}

	for (const b of blocks) {
		switch (b.t) {
			case 'pagebreak':
				if (page.lines.length > 0) newPage()
				break
			case 'space':
				y += b.h
				break
			case 'rule':
				ensure(8)
				y += 5
				page.ops.push({ k: 'line', x1: left, y1: y, x2: right, y2: y, w: b.weight ?? 0.8 })
				y += 3
				break
			case 'text':
				paragraph(
					b.text,
					b.font ?? style.body,
					b.bold ?? false,
					b.size ?? style.size,
					b.align ?? 'left',
					b.indent ?? 0,
				)
				break
			case 'heading': {
				const size = style.size + (b.level === 2 ? 0.5 : 2.5)
				const label =
					(style.headingCase === 'upper' ? b.text.toUpperCase() : b.text) +
					(style.headingDeco === 'colon' ? ':' : '')
				y += size * 0.6
				ensure(lineH(size) * 3)
				if (style.headingDeco === 'banner' && b.level !== 2) {
					const h = lineH(size) + 2
					page.ops.push({ k: 'rect', x: left, y, w: width, h, fill: true, lw: 0 })
					const w = measure(label, style.heading, true, size)
					const x = style.headingAlign === 'center' ? left + (width - w) / 2 : left + 4
					y += h
					text(x, y - size * 0.35 - 1, label, style.heading, true, size, 1)
					page.lines.push(label)
					y += 2
					break
				}
				paragraph(label, style.heading, true, size, style.headingAlign)
				if (style.headingDeco === 'underline') {
					const w = measure(label, style.heading, true, size)
					const x = style.headingAlign === 'center' ? left + (width - w) / 2 : left
					page.ops.push({ k: 'line', x1: x, y1: y + 1, x2: x + w, y2: y + 1, w: 0.7 })
					y += 2
				} else if (style.headingDeco === 'rule') {
					page.ops.push({ k: 'line', x1: left, y1: y + 2, x2: right, y2: y + 2, w: 1.2 })
					y += 4
				}
				break
			}
			case 'kv': {
				const size = style.size
				const sep = style.kvSeparator
				const cols = b.columns ?? 1
				const colW = width / cols
				const labelW =
					b.labelWidth ??
					Math.min(
						colW * 0.45,
						Math.max(...b.pairs.map(([k]) => measure(k + sep, style.body, true, size))) + 6,
					)
				for (let i = 0; i < b.pairs.length; i += cols) {
					ensure(lineH(size))
					y += lineH(size)
					const parts: string[] = []
					for (let c = 0; c < cols; c++) {
						const pair = b.pairs[i + c]
						if (!pair) continue
						const [k, v] = pair
						const x = left + c * colW
						const label = k.endsWith(':') || k === '' ? k : `${k}${sep.trimEnd()}`
						if (style.kvAligned) {
							text(x, y - size * 0.25, label, style.body, true, size)
							const vx = x + labelW
							if (v)
								text(
									vx,
									y - size * 0.25,
									clip(v, colW - labelW - 6, style.body, size, measure),
									style.body,
									false,
									size,
								)
							parts.push(
								v ? `${label} ${clip(v, colW - labelW - 6, style.body, size, measure)}` : label,
							)
						} else {
							const lw = measure(`${label} `, style.body, true, size)
							text(x, y - size * 0.25, label, style.body, true, size)
							const vv = clip(v, colW - lw - 6, style.body, size, measure)
							if (vv) text(x + lw, y - size * 0.25, vv, style.body, false, size)
							parts.push(vv ? `${label} ${vv}` : label)
						}
					}
					page.lines.push(parts.join(' ').trim())
				}
				break
			}
			case 'table': {
				const size = Math.max(7.5, style.size - 0.5)
				const n = b.header.length
				const weights = b.widths ?? b.header.map(() => 1)
				const total = weights.reduce((a, w) => a + w, 0)
				const xs: number[] = []
				let acc = left
				for (let c = 0; c < n; c++) {
					xs.push(acc)
					acc += (width * (weights[c] ?? 1)) / total
				}
				xs.push(right)
				const grid = b.grid ?? style.tableGrid
				const rowH = lineH(size) + (grid ? 3 : 1)
				const row = (cells: readonly string[], bold: boolean) => {
					ensure(rowH)
					const y0 = y
					y += rowH
					const parts: string[] = []
					for (let c = 0; c < n; c++) {
						const cell = clip(
							cells[c] ?? '',
							(xs[c + 1] ?? right) - (xs[c] ?? left) - 6,
							style.body,
							size,
							measure,
						)
						if (cell) {
							text(
								(xs[c] ?? left) + 3,
								y - size * 0.35 - (grid ? 1.5 : 0),
								cell,
								style.body,
								bold,
								size,
							)
							parts.push(cell)
						}
					}
					if (grid) {
						page.ops.push({ k: 'rect', x: left, y: y0, w: width, h: rowH, fill: false, lw: 0.6 })
						for (let c = 1; c < n; c++)
							page.ops.push({
								k: 'line',
								x1: xs[c] ?? left,
								y1: y0,
								x2: xs[c] ?? left,
								y2: y,
								w: 0.6,
							})
					}
					page.lines.push(parts.join(' '))
				}
				y += 3
				row(b.header, true)
				if (!grid) page.ops.push({ k: 'line', x1: left, y1: y + 1, x2: right, y2: y + 1, w: 0.7 })
				for (const r of b.rows) row(r, false)
				y += 4
				break
			}
			case 'notice': {
				const size = b.size ?? Math.max(7, style.size - 2)
				const lines = wrap(b.text, style.body, false, size, width - 12)
				const h = lines.length * lineH(size) + 8
				ensure(h + 6)
				y += 6
				page.ops.push({ k: 'rect', x: left, y, w: width, h, fill: false, lw: 0.8 })
				let yy = y + 4
				for (const line of lines) {
					yy += lineH(size)
					text(left + 6, yy - size * 0.25, line, style.body, false, size)
					page.lines.push(line)
				}
				y += h
				break
			}
			case 'banner': {
				const size = b.size ?? style.size + 6
				const h = lineH(size) + 6
				ensure(h + 4)
				y += 4
				page.ops.push({ k: 'rect', x: left, y, w: width, h, fill: true, lw: 0 })
				const w = measure(b.text, style.heading, true, size)
				text(left + (width - w) / 2, y + h - size * 0.45 - 3, b.text, style.heading, true, size, 1)
				page.lines.push(b.text)
				y += h + 4
				break
			}
			case 'logo':
				ensure(50)
				drawLogo(page.ops, b.shape, left, y + 4, 40)
				y += 48
				break
			case 'letterhead': {
				const sizes = [style.size + rng.pick([5, 7, 9]), style.size - 0.5]
				const logoW = b.logo ? 46 : 0
				const startY = y
				if (b.logo) drawLogo(page.ops, b.logo, b.align === 'right' ? right - 40 : left, y + 4, 40)
				b.lines.forEach((line, i) => {
					const size = i === 0 ? (sizes[0] ?? 14) : (sizes[1] ?? 9)
					const bold = i === 0
					const font = i === 0 ? style.heading : style.body
					y += lineH(size)
					const w = measure(line, font, bold, size)
					const x =
						b.align === 'left'
							? left + logoW
							: b.align === 'center'
								? left + (width - w) / 2
								: right - logoW - w
					text(x, y - size * 0.25, line, font, bold, size)
					page.lines.push(line)
				})
				y = Math.max(y, startY + (b.logo ? 50 : 0)) + 4
				page.ops.push({ k: 'line', x1: left, y1: y, x2: right, y2: y, w: rng.pick([0.5, 1, 2]) })
				y += 6
				break
			}
			case 'signature': {
				ensure(40 + b.lines.length * lineH(style.size))
				y += 8
				if (b.scribble) {
					const pts: Array<[number, number]> = []
					let x = left + 4
					const base = y + 18
					for (let i = 0; i < 14; i++) {
						pts.push([x, base + rng.float(-12, 6)])
						x += rng.float(6, 14)
					}
					page.ops.push({ k: 'scribble', points: pts, w: rng.float(0.8, 1.6) })
				}
				y += 26
				page.ops.push({ k: 'line', x1: left, y1: y, x2: left + 180, y2: y, w: 0.6 })
				for (const line of b.lines) paragraph(line, style.body, false, style.size, 'left')
				break
			}
		}
	}
	if (page.lines.length > 0 || page.ops.length > 0 || pages.length === 0) pages.push(page)
	return pages
}

function clip(s: string, w: number, font: FontFamily, size: number, measure: Measure): string {
	if (measure(s, font, false, size) <= w) return s
	let out = s
	while (out.length > 1 && measure(out, font, false, size) > w) out = out.slice(0, -1)
	return out.trimEnd()
}

function drawLogo(
	ops: Op[],
	shape: 'circle' | 'square' | 'triangle' | 'bars',
	x: number,
	y: number,
	s: number,
) {
	switch (shape) {
		case 'circle':
			ops.push({ k: 'circle', x: x + s / 2, y: y + s / 2, r: s / 2 })
			break
		case 'square':
			ops.push({ k: 'rect', x, y, w: s, h: s, fill: true, lw: 0 })
			break
		case 'triangle':
			ops.push({
				k: 'poly',
				points: [
					[x, y + s],
					[x + s / 2, y],
					[x + s, y + s],
				],
			})
			break
		case 'bars':
			for (let i = 0; i < 4; i++)
				ops.push({
					k: 'rect',
					x: x + i * (s / 4),
					y: y + s - (i + 1) * (s / 4),
					w: s / 6,
					h: (i + 1) * (s / 4),
					fill: true,
					lw: 0,
				})
			break
	}
}

/** Adds a line of text at a fixed place on a page (fax header, footer), into the ground truth. */
export function stampLine(
	page: LayoutPage,
	where: 'top' | 'bottom',
	s: string,
	x: number,
	y: number,
	font: FontFamily,
	size: number,
	bold = false,
) {
	// Drawing order follows reading order, so a PDF's text layer reads like the ground truth.
	const op: Op = { k: 'text', x, y, text: s, font, bold, size, color: 0 }
	if (where === 'top') {
		page.ops.unshift(op)
		page.lines.unshift(s)
	} else {
		page.ops.push(op)
		page.lines.push(s)
	}
}
