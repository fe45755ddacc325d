import UTIF from 'utif2'
import { describe, expect, it } from 'vitest'
import { INTAKE_ERRORS } from '../errors.ts'
import { firstDirectory, makeTiff, patchTiff, truncate } from './test-files.ts'
import { readTiffDirectories } from './tiff-directory.ts'

const code = (run: () => unknown) => {
	try {
		run()
	} catch (error) {
		return (error as { code?: string }).code
	}
	return 'no error'
}

describe('readTiffDirectories refuses', () => {
	it('a directory chain that loops back (instead of reading forever)', async () => {
		const tiff = await makeTiff({ pages: 2, heightInches: 1 })
		const looped = patchTiff(tiff, { nextDirectory: firstDirectory(tiff) })
		expect(code(() => readTiffDirectories(looped, 1000))).toBe(INTAKE_ERRORS.malformedFile)
	})
	it('a directory outside the file', async () => {
		const tiff = await makeTiff({ heightInches: 1 })
		const away = patchTiff(tiff, { nextDirectory: tiff.length + 100 })
		expect(code(() => readTiffDirectories(away, 1000))).toBe(INTAKE_ERRORS.malformedFile)
	})
	it('strips that end past the end of the file (a cut-off transfer)', async () => {
		const tiff = await makeTiff({ heightInches: 1 })
		const longer = patchTiff(tiff, { values: { 279: tiff.length * 2 } })
		expect(code(() => readTiffDirectories(longer, 10))).toBe(INTAKE_ERRORS.malformedFile)
		expect(code(() => readTiffDirectories(truncate(tiff, 0.5), 10))).toBe(
			INTAKE_ERRORS.malformedFile,
		)
	})
	it('a page without a width', async () => {
		const tiff = await makeTiff({ heightInches: 1 })
		expect(code(() => readTiffDirectories(patchTiff(tiff, { values: { 256: 0 } }), 10))).toBe(
			INTAKE_ERRORS.malformedFile,
		)
	})
})

describe('readTiffDirectories', () => {
	it('agrees with utif2 on size, compression and both resolutions, page by page', async () => {
		const tiff = await makeTiff({ pages: 3, resolution: 'standard', heightInches: 1 })
		const { directories, more } = readTiffDirectories(tiff, 10)
		expect(more).toBe(false)
		const oracle = UTIF.decode(tiff)
		expect(directories).toHaveLength(oracle.length)
		directories.forEach((directory, i) => {
			const ifd = oracle[i]!
			const rational = (value: unknown) => {
				const [[numerator, denominator]] = value as [[number, number]]
				return numerator / denominator
			}
			expect(directory).toEqual({
				width: (ifd.t256 as number[])[0],
				height: (ifd.t257 as number[])[0],
				bitsPerSample: 1,
				compression: 4,
				xDpi: rational(ifd.t282),
				yDpi: rational(ifd.t283),
			})
		})
		expect(directories[0]).toMatchObject({ xDpi: 204, yDpi: 98 })
	})
	it('stops at maxDirectories and says there are more', async () => {
		const tiff = await makeTiff({ pages: 3, heightInches: 0.5 })
		const { directories, more } = readTiffDirectories(tiff, 2)
		expect(directories).toHaveLength(2)
		expect(more).toBe(true)
	})
})
