import { spawn, type ChildProcess } from 'node:child_process'
import path from 'node:path'

/**
 * A Chartside command run as its own process (the app, a worker, the seed, the audit CLI), in its
 * own process group so that stopping it stops whatever it started (tsx runs node as a child).
 * Its output is kept for assertion messages.
 */
export type ChildRun = {
	readonly name: string
	readonly child: ChildProcess
	/** stdout and stderr so far, interleaved. */
	output(): string
	/** Resolves with the exit code (null when ended by a signal). */
	exited: Promise<number | null>
	/** SIGTERM to the group, SIGKILL after `graceMs`; resolves once the process has exited. */
	stop(graceMs?: number): Promise<void>
}

const TSX = path.resolve('node_modules/.bin/tsx')

/** Runs `tsx <script> …args` (see runProcess). */
export function runTsx(
	name: string,
	script: string,
	args: string[],
	env: Record<string, string>,
): ChildRun {
	return runProcess(name, TSX, [script, ...args], env)
}

/**
 * Runs `command …args` with exactly `env` (plus PATH, HOME and NODE_ENV=development unless `env`
 * names another), detached in its own process group.
 */
export function runProcess(
	name: string,
	command: string,
	args: string[],
	env: Record<string, string>,
): ChildRun {
	const child: ChildProcess = spawn(command, args, {
		detached: true,
		stdio: ['ignore', 'pipe', 'pipe'],
		// Exactly this environment: nothing of the test runner's own leaks into the process.
		env: {
			PATH: process.env.PATH ?? '',
			HOME: process.env.HOME ?? '',
			NODE_ENV: 'development',
			...env,
		},
	})
	let output = ''
	child.stdout?.on('data', (d: Buffer) => (output += d.toString()))
	child.stderr?.on('data', (d: Buffer) => (output += d.toString()))
	const exited = new Promise<number | null>((resolve) => {
		if (child.exitCode !== null) resolve(child.exitCode)
		else child.once('exit', (code: number | null) => resolve(code))
	})
	const signal = (sig: NodeJS.Signals) => {
		try {
			if (child.pid) process.kill(-child.pid, sig)
		} catch {
			// the group is gone already
		}
	}
	return {
		name,
		child,
		output: () => output,
		exited,
		async stop(graceMs = 10_000) {
			if (child.exitCode !== null || child.signalCode !== null) return
			signal('SIGTERM')
			const timer = setTimeout(() => signal('SIGKILL'), graceMs)
			await exited
			clearTimeout(timer)
		},
	}
}

/** Runs a command to its end; rejects with its output when it exits other than 0. */
export async function runToEnd(
	name: string,
	script: string,
	args: string[],
	env: Record<string, string>,
): Promise<string> {
	const run = runTsx(name, script, args, env)
	const code = await run.exited
	if (code !== 0) throw new Error(`${name} exited ${code}:\n${run.output()}`)
	return run.output()
}

/** Waits until `base`/healthz answers 200; throws with the process's output if it exits first. */
export async function waitUntilHealthy(
	run: ChildRun,
	base: string,
	timeoutMs = 120_000,
): Promise<void> {
	const deadline = Date.now() + timeoutMs
	while (Date.now() < deadline) {
		if (run.child.exitCode !== null)
			throw new Error(`${run.name} exited ${run.child.exitCode} before serving:\n${run.output()}`)
		const health = await fetch(`${base}/healthz`).catch(() => null)
		if (health?.status === 200) return
		await new Promise((resolve) => setTimeout(resolve, 500))
	}
	throw new Error(`${run.name} did not become healthy within ${timeoutMs} ms:\n${run.output()}`)
}
