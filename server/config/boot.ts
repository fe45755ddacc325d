import { ConfigError, loadConfig, type Config } from './index.ts'

/**
 * For command-line entry points: the configuration, or — when it is invalid — a message naming
 * each bad variable on stderr and exit code 1 before anything starts.
 */
export function loadConfigOrExit(): Config {
	try {
		return loadConfig()
	} catch (error) {
		if (error instanceof ConfigError) {
			process.stderr.write(`Chartside cannot start.\n${error.message}\n`)
			process.exit(1)
		}
		throw error
	}
}
