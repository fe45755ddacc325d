import { IntakeError, INTAKE_ERRORS } from '../errors.ts'

/**
 * A TIFF's image file directories, read from the bytes without decoding a pixel, by a reader
 * that treats every offset and count as hostile: each directory must lie inside the file, a
 * chain that loops back is refused, at most `maxDirectories` are read, and each page's strips
 * (or tiles) must lie inside the file, which is how a truncated fax is told from a whole one.
 *
 * utif2's `decode` reads the same tags, but it follows the directory chain with `while (true)`,
 * recurses into sub-directories and loops over declared counts without a bound, so a crafted
 * file can keep it busy forever; it is used only to make test files and as a test oracle.
 */
export type TiffDirectory = {
	width: number
	height: number
	/** Bits per sample of the first sample: 1 for a bilevel fax. */
	bitsPerSample: number
	/** 1 none, 2 CCITT RLE, 3 CCITT G3, 4 CCITT G4, 5 LZW, 7 JPEG, 8 Deflate, 32773 PackBits. */
	compression: number
	/** Dots per inch from tags 282/283 and 296; null when absent or without a unit. */
	xDpi: number | null
	yDpi: number | null
}

const TAG = {
	width: 256,
	height: 257,
	bitsPerSample: 258,
	compression: 259,
	stripOffsets: 273,
	stripByteCounts: 279,
	xResolution: 282,
	yResolution: 283,
	resolutionUnit: 296,
	tileOffsets: 324,
	tileByteCounts: 325,
} as const

/** Bytes per value of each TIFF field type (1 BYTE … 12 DOUBLE); 0 for unknown types. */
const TYPE_SIZE = [0, 1, 1, 2, 4, 8, 1, 1, 2, 4, 8, 4, 8]

/** Values read from one tag: far more strips or tiles than any real page has. */
const MAX_VALUES = 65_536

const damaged = () =>
	new IntakeError(
		INTAKE_ERRORS.malformedFile,
		'This TIFF file is damaged or incomplete (it may have been cut off in transfer); ask the sender to send it again.',
	)

type Entry = { type: number; count: number; valueAt: number }

/**
 * Up to `maxDirectories` directories in file order (page order); `more` says the chain goes on
 * past them. Throws INTAKE_MALFORMED_FILE for anything out of place.
 */
export function readTiffDirectories(
	bytes: Uint8Array,
	maxDirectories: number,
): { directories: TiffDirectory[]; more: boolean } {
	if (bytes.length < 8) throw damaged()
	const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength)
	const little = bytes[0] === 0x49
	const u16 = (at: number) => view.getUint16(at, little)
	const u32 = (at: number) => view.getUint32(at, little)

	const directories: TiffDirectory[] = []
	const seen = new Set<number>()
	let offset = u32(4)
	while (offset !== 0) {
		if (directories.length === maxDirectories) return { directories, more: true }
		if (seen.has(offset) || offset < 8 || offset + 2 > bytes.length) throw damaged()
		seen.add(offset)
		const count = u16(offset)
		const end = offset + 2 + count * 12
		if (count === 0 || end + 4 > bytes.length) throw damaged()

		const entries = new Map<number, Entry>()
		for (let at = offset + 2; at < end; at += 12) {
			const type = u16(at + 2)
			const valueCount = u32(at + 4)
			const size = (TYPE_SIZE[type] ?? 0) * valueCount
			// values of up to four bytes sit in the entry itself, larger ones at an offset
			const valueAt = size <= 4 ? at + 8 : u32(at + 8)
			if (size === 0 || valueAt + size > bytes.length) continue // a tag we cannot read is skipped; the ones we need are checked below
			entries.set(u16(at), { type, count: valueCount, valueAt })
		}

		const integers = (tag: number): number[] => {
			const entry = entries.get(tag)
			if (!entry || (entry.type !== 3 && entry.type !== 4)) return []
			// a page has at most a strip per row; more is a crafted file, not a fax
			if (entry.count > MAX_VALUES) throw damaged()
			const values: number[] = []
			for (let i = 0; i < entry.count; i++)
				values.push(entry.type === 3 ? u16(entry.valueAt + 2 * i) : u32(entry.valueAt + 4 * i))
			return values
		}
		const rational = (tag: number): number | null => {
			const entry = entries.get(tag)
			if (!entry || entry.type !== 5) return null
			const denominator = u32(entry.valueAt + 4)
			return denominator === 0 ? null : u32(entry.valueAt) / denominator
		}

		const width = integers(TAG.width)[0] ?? 0
		const height = integers(TAG.height)[0] ?? 0
		if (width === 0 || height === 0) throw damaged()
		const strips = integers(TAG.stripOffsets)
		const stripSizes = integers(TAG.stripByteCounts)
		const tiles = integers(TAG.tileOffsets)
		const tileSizes = integers(TAG.tileByteCounts)
		const [offsets, sizes] = strips.length > 0 ? [strips, stripSizes] : [tiles, tileSizes]
		if (offsets.length === 0 || offsets.length !== sizes.length) throw damaged()
		if (offsets.some((at, i) => at + (sizes[i] ?? 0) > bytes.length)) throw damaged()

		// ResolutionUnit: 1 none (an aspect ratio only), 2 inch (the default), 3 centimetre
		const unit = integers(TAG.resolutionUnit)[0] ?? 2
		const perInch = unit === 2 ? 1 : unit === 3 ? 2.54 : null
		const dpi = (tag: number) => {
			const value = rational(tag)
			return value === null || perInch === null || value <= 0 ? null : value * perInch
		}
		directories.push({
			width,
			height,
			bitsPerSample: integers(TAG.bitsPerSample)[0] ?? 1,
			compression: integers(TAG.compression)[0] ?? 1,
			xDpi: dpi(TAG.xResolution),
			yDpi: dpi(TAG.yResolution),
		})
		offset = u32(end)
	}
	if (directories.length === 0) throw damaged()
	return { directories, more: false }
}
