import { randomBytes } from 'node:crypto'
import { mkdir, readFile, writeFile } from 'node:fs/promises'
import path from 'node:path'

/**
 * A secret for the embedded mode, generated once and kept under DATA_DIR/keys (mode 0600), so it
 * survives restarts. Production supplies its secrets through configuration instead.
 */
export async function loadOrCreateSecret(
	dataDir: string,
	name: string,
	generate: () => string = () => randomBytes(32).toString('base64url'),
): Promise<string> {
	const dir = path.join(dataDir, 'keys')
	const file = path.join(dir, name)
	try {
		const existing = (await readFile(file, 'utf8')).trim()
		if (existing.length >= 32) return existing
	} catch {
		// not there yet
	}
	await mkdir(dir, { recursive: true, mode: 0o700 })
	const secret = generate()
	await writeFile(file, secret + '\n', { mode: 0o600 })
	return secret
}
