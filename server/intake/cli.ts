import { randomUUID } from 'node:crypto'
import { readdir, readFile, stat } from 'node:fs/promises'
import path from 'node:path'
import { SYSTEM_ACTOR } from '../audit/sink.ts'
import type { IntakeService } from './index.ts'
import { INTAKE_ERRORS } from './errors.ts'

export type IntakeIo = { out(line: string): void; err(line: string): void }

const FAX_EXTENSIONS = new Set(['.pdf', '.tif', '.tiff', '.png', '.jpg', '.jpeg'])

/**
 * The files named on the command line: files as given, folders by their fax files (by extension,
 * to skip a folder's other contents; what a file really is is still decided from its bytes),
 * sorted so a run is repeatable.
 */
export async function faxFilesOf(paths: string[]): Promise<string[]> {
	const files: string[] = []
	for (const p of paths) {
		const info = await stat(p).catch(() => null)
		if (!info) files.push(p)
		else if (info.isDirectory()) {
			const entries = await readdir(p, { withFileTypes: true })
			for (const e of entries.sort((a, b) => a.name.localeCompare(b.name)))
				if (e.isFile() && FAX_EXTENSIONS.has(path.extname(e.name).toLowerCase()))
					files.push(path.join(p, e.name))
		} else files.push(p)
	}
	return files
}

/**
 * `npm run intake -- PATH...`: feeds fax files (from a fax server's drop folder, say) into the
 * same pipeline as an upload, as the system (source `folder`): each file is checked, stored,
 * recorded and read. Prints one line per file with its outcome and code, never its content; exits
 * 1 when any file was refused or failed, 2 on bad usage.
 */
export async function runIntakeCli(
	argv: string[],
	open: () => Promise<{ intake: IntakeService; close(): Promise<void> }>,
	io: IntakeIo,
): Promise<number> {
	const paths = argv.filter((a) => !a.startsWith('-'))
	if (paths.length === 0 || argv.includes('--help')) {
		io.err('Usage: npm run intake -- PATH... (fax files, or folders of them)')
		return 2
	}
	const files = await faxFilesOf(paths)
	if (files.length === 0) {
		io.err('No fax files (.pdf, .tif, .tiff, .png, .jpg, .jpeg) in the paths given.')
		return 1
	}
	const { intake, close } = await open()
	const requestId = `intake-cli-${randomUUID()}`
	const counts = { received: 0, duplicate: 0, refused: 0, filed: 0, waiting: 0, failed: 0 }
	try {
		for (const file of files) {
			const name = path.basename(file)
			const size = await stat(file)
				.then((s) => s.size)
				.catch(() => null)
			if (size === null) {
				io.err(`${name}: cannot be read (${INTAKE_ERRORS.noFiles})`)
				counts.refused++
				continue
			}
			if (size > intake.limits.maxFileBytes) {
				const code = INTAKE_ERRORS.fileTooLarge
				await intake.recordRefused(
					{ code, bytes: size },
					{ actor: SYSTEM_ACTOR, source: 'folder', requestId },
				)
				io.err(
					`${name}: refused, larger than ${Math.round(intake.limits.maxFileBytes / 1048576)} MB (${code})`,
				)
				counts.refused++
				continue
			}
			const receipt = await intake.receive(
				{ fileName: name, bytes: await readFile(file) },
				{ actor: SYSTEM_ACTOR, source: 'folder', requestId },
			)
			if (receipt.outcome === 'refused') {
				io.err(`${name}: refused, ${receipt.message} (${receipt.code})`)
				counts.refused++
				continue
			}
			counts[receipt.outcome]++
			const status = await intake.statusOf(receipt.faxId)
			const where =
				status?.status === 'filed'
					? 'filed'
					: status?.status === 'waiting_review'
						? `waiting for review (${status.routeReason ?? 'unknown'})`
						: status?.status === 'failed'
							? `failed (${status.errorCode ?? 'unknown'})`
							: 'queued for reading'
			if (status?.status === 'filed') counts.filed++
			else if (status?.status === 'waiting_review') counts.waiting++
			else if (status?.status === 'failed') counts.failed++
			io.out(
				`${name}: ${receipt.outcome === 'duplicate' ? 'already received' : `received, ${receipt.pages} page${receipt.pages === 1 ? '' : 's'}`}; ${where} (fax ${receipt.faxId})`,
			)
		}
	} finally {
		await close()
	}
	io.out(
		`${files.length} file(s): ${counts.received} received, ${counts.duplicate} already held, ${counts.refused} refused; ${counts.filed} filed, ${counts.waiting} waiting for review, ${counts.failed} failed.`,
	)
	return counts.refused + counts.failed > 0 ? 1 : 0
}
