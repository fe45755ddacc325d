import { ESLint } from 'eslint'
import { beforeAll, describe, expect, test } from 'vitest'

/**
 * The module boundaries of STYLE.md are enforced by eslint.config.js. These tests lint small
 * snippets as if they lived at a given path, proving each rule is live (and does not fire where
 * the import is allowed).
 */
const eslint = new ESLint({ cwd: process.cwd() })

async function ruleIdsFor(filePath: string, code: string): Promise<string[]> {
	const [result] = await eslint.lintText(code, { filePath })
	return (result?.messages ?? []).map((m) => m.ruleId ?? 'parse-error')
}

// ESLint loads its configuration and parsers on the first lint (seconds on a loaded machine):
// paid here, under a hook's own timeout, not by whichever test happens to run first.
beforeAll(async () => {
	await ruleIdsFor('server/warm-up.ts', 'export const x = 1\n')
}, 60_000)

const HTML_TO_TEXT_IMPORT =
	"import { HtmlToTextTransformer } from '@langchain/community/document_transformers/html_to_text'\nexport const x = HtmlToTextTransformer\n"
const SERVER_IMPORT =
	"import { checkHealth } from '#server/health.ts'\nexport const x = checkHealth\n"

describe('lint rejects', () => {
	test('a non-.server file in app/ importing server/ through an alias', async () => {
		expect(await ruleIdsFor('app/routes/leaky.tsx', SERVER_IMPORT)).toContain(
			'no-restricted-imports',
		)
	})
	test('a non-.server file in app/ importing server/ by a relative path', async () => {
		const code = "import { log } from '../../server/log.ts'\nexport const x = log\n"
		expect(await ruleIdsFor('app/routes/leaky.tsx', code)).toContain('no-restricted-imports')
	})
	test('a non-.server file in app/ importing db/', async () => {
		const code = "import { patients } from '#db/schema/index.ts'\nexport const x = patients\n"
		expect(await ruleIdsFor('app/components/leaky.tsx', code)).toContain('no-restricted-imports')
	})
	test('db/ importing server/', async () => {
		const code = "import { getConfig } from '#server/config/index.ts'\nexport const x = getConfig\n"
		expect(await ruleIdsFor('db/client-extra.ts', code)).toContain('no-restricted-imports')
	})
	test('db/ importing app/ by a relative path', async () => {
		const code =
			"import { navigationFor } from '../app/utils/navigation.ts'\nexport const x = navigationFor\n"
		expect(await ruleIdsFor('db/extra.ts', code)).toContain('no-restricted-imports')
	})
	test('process.env read outside server/config/', async () => {
		const code = 'export const port = process.env.PORT\n'
		expect(await ruleIdsFor('server/http/app-extra.ts', code)).toContain('no-restricted-syntax')
	})
	test('process.env read in app/', async () => {
		const code = 'export const port = process.env.PORT\n'
		expect(await ruleIdsFor('app/utils/env.server.ts', code)).toContain('no-restricted-syntax')
	})
	test('process.env read by indexing', async () => {
		const code = "export const port = process['env']\n"
		expect(await ruleIdsFor('server/http/app-extra.ts', code)).toContain('no-restricted-syntax')
	})
	test('process.env read by destructuring', async () => {
		const code = 'const { env } = process\nexport const port = env.PORT\n'
		expect(await ruleIdsFor('ingest/cli-extra.ts', code)).toContain('no-restricted-syntax')
	})
	test('process.env read through an import of node:process', async () => {
		const code = "import { env } from 'node:process'\nexport const port = env.PORT\n"
		expect(await ruleIdsFor('db/extra.ts', code)).toContain('no-restricted-syntax')
	})
	test('server/ importing app/ (against the dependency direction)', async () => {
		const code =
			"import { navigationFor } from '#app/utils/navigation.ts'\nexport const x = navigationFor\n"
		expect(await ruleIdsFor('server/overview-extra.ts', code)).toContain('no-restricted-imports')
	})
	test('server/ importing ingest/ (against the dependency direction)', async () => {
		const code = "import { seedDemo } from '../ingest/demo/seed.ts'\nexport const x = seedDemo\n"
		expect(await ruleIdsFor('server/boot-extra.ts', code)).toContain('no-restricted-imports')
	})
	test('server/ importing tools/ (training and evaluation scripts stay out of the runtime)', async () => {
		const code =
			"import { runTraining } from '#tools/injection/injection-train.ts'\nexport const x = runTraining\n"
		expect(await ruleIdsFor('server/gateway/guards/injection-extra.ts', code)).toContain(
			'no-restricted-imports',
		)
	})
	test('server/ importing tools/ by a relative path', async () => {
		const code = "import { score } from '../../../tools/deid/evaluate.ts'\nexport const x = score\n"
		expect(await ruleIdsFor('server/gateway/deid/extra.ts', code)).toContain(
			'no-restricted-imports',
		)
	})
	test('tools/ importing evals/ or ingest/', async () => {
		const evals = "import { x } from '#evals/metrics.ts'\nexport const y = x\n"
		expect(await ruleIdsFor('tools/doctype/extra.ts', evals)).toContain('no-restricted-imports')
		const ingest = "import { seedDemo } from '#ingest/demo/seed.ts'\nexport const x = seedDemo\n"
		expect(await ruleIdsFor('tools/doctype/extra.ts', ingest)).toContain('no-restricted-imports')
	})
	test('a model vendor SDK imported in tools/', async () => {
		const code = "import { ChatOpenAI } from '@langchain/openai'\nexport const x = ChatOpenAI\n"
		expect(await ruleIdsFor('tools/injection/extra.ts', code)).toContain('no-restricted-imports')
	})
	test('ingest/ importing evals/', async () => {
		const code = "import { x } from '#evals/metrics.ts'\nexport const y = x\n"
		expect(await ruleIdsFor('ingest/loader-extra.ts', code)).toContain('no-restricted-imports')
	})
	test('a model vendor SDK imported outside server/gateway/providers/', async () => {
		const code = "import { ChatOpenAI } from '@langchain/openai'\nexport const x = ChatOpenAI\n"
		expect(await ruleIdsFor('server/copilot/ask.ts', code)).toContain('no-restricted-imports')
	})
	test('a model vendor SDK imported in server/gateway/ outside providers/', async () => {
		const code = "import OpenAI from 'openai'\nexport const x = OpenAI\n"
		expect(await ruleIdsFor('server/gateway/router.ts', code)).toContain('no-restricted-imports')
	})
	test('a non-.server file in app/ importing a server/platform module not proven browser-safe', async () => {
		const code =
			"import { fingerprint } from '#server/platform/hashing.ts'\nexport const x = fingerprint\n"
		expect(await ruleIdsFor('app/utils/leaky.ts', code)).toContain('no-restricted-imports')
	})
	test('a non-.server file in app/ importing another server/ module that ends like the platform one', async () => {
		const code = "import { x } from '#server/gateway/platform/sse.ts'\nexport const y = x\n"
		expect(await ruleIdsFor('app/utils/leaky.ts', code)).toContain('no-restricted-imports')
	})
	test('server/platform/ importing the rest of the project', async () => {
		const alias = "import { log } from '#server/log.ts'\nexport const x = log\n"
		expect(await ruleIdsFor('server/platform/extra.ts', alias)).toContain('no-restricted-imports')
		const relative = "import { log } from '../log.ts'\nexport const x = log\n"
		expect(await ruleIdsFor('server/platform/extra.ts', relative)).toContain(
			'no-restricted-imports',
		)
		const nested = "import { log } from '../../log.ts'\nexport const x = log\n"
		expect(await ruleIdsFor('server/platform/text/extra.ts', nested)).toContain(
			'no-restricted-imports',
		)
	})
	test('a browser-safe platform module importing anything', async () => {
		const code = "import { ERRORS } from './errors.ts'\nexport const x = ERRORS\n"
		expect(await ruleIdsFor('server/platform/sse.ts', code)).toContain('no-restricted-imports')
	})
	test('@langchain/community outside the gateway providers', async () => {
		const code =
			"import { ChatOllama } from '@langchain/community/chat_models/ollama'\nexport const x = ChatOllama\n"
		expect(await ruleIdsFor('ingest/loaders/html.ts', code)).toContain('no-restricted-imports')
	})
	test('the HTML-to-text transformer outside its one module', async () => {
		expect(await ruleIdsFor('ingest/loaders/ccda.ts', HTML_TO_TEXT_IMPORT)).toContain(
			'no-restricted-imports',
		)
		expect(await ruleIdsFor('server/documents/html.ts', HTML_TO_TEXT_IMPORT)).toContain(
			'no-restricted-imports',
		)
	})
	test('a gateway provider reached directly from ingest/', async () => {
		const code =
			"import { x } from '#server/gateway/providers/local/embedder.ts'\nexport const y = x\n"
		expect(await ruleIdsFor('ingest/embed.ts', code)).toContain('no-restricted-imports')
	})
})

describe('lint allows', () => {
	test('a .server bridge in app/ importing server/', async () => {
		expect(await ruleIdsFor('app/services/health.server.ts', SERVER_IMPORT)).toEqual([])
	})
	test('a type-only import of db/ in app/ (erased at build time)', async () => {
		const code = "import type { Role } from '#db/schema/users.ts'\nexport type R = Role\n"
		expect(await ruleIdsFor('app/utils/roles.ts', code)).toEqual([])
	})
	test('a non-.server file in app/ importing a browser-safe server/platform module', async () => {
		const code = "import { sseDataOf } from '#server/platform/sse.ts'\nexport const x = sseDataOf\n"
		expect(await ruleIdsFor('app/utils/sse.ts', code)).toEqual([])
	})
	test('server/platform/ importing its own modules', async () => {
		const code = "import { ERRORS } from './errors.ts'\nexport const x = ERRORS\n"
		expect(await ruleIdsFor('server/platform/extra.ts', code)).toEqual([])
		const up = "import { ERRORS } from '../errors.ts'\nexport const x = ERRORS\n"
		expect(await ruleIdsFor('server/platform/text/extra.ts', up)).toEqual([])
	})
	test('ingest/ importing server/ and db/ (the dependency direction)', async () => {
		const code =
			"import { loadConfig } from '#server/config/index.ts'\nimport { patients } from '#db/schema/index.ts'\nexport const x = [loadConfig, patients]\n"
		expect(await ruleIdsFor('ingest/loader-extra.ts', code)).toEqual([])
	})
	test('tools/ importing server/, a gateway provider included, and db/', async () => {
		const code =
			"import { documentTerms } from '#server/gateway/providers/local/doctype-features.ts'\nimport { patients } from '#db/schema/index.ts'\nexport const x = [documentTerms, patients]\n"
		expect(await ruleIdsFor('tools/doctype/extra.ts', code)).toEqual([])
	})
	test('evals/ importing tools/', async () => {
		const code = "import { score } from '#tools/deid/evaluate.ts'\nexport const x = score\n"
		expect(await ruleIdsFor('evals/suites/extra.ts', code)).toEqual([])
	})
	test("@langchain/community's HTML-to-text transformer in ingest/loaders/html.ts", async () => {
		expect(await ruleIdsFor('ingest/loaders/html.ts', HTML_TO_TEXT_IMPORT)).toEqual([])
	})
	test('process.env in server/config/', async () => {
		expect(await ruleIdsFor('server/config/extra.ts', 'export const e = process.env\n')).toEqual([])
	})
	test('a vendor SDK inside server/gateway/providers/<vendor>/', async () => {
		const code = "import { ChatOpenAI } from '@langchain/openai'\nexport const x = ChatOpenAI\n"
		expect(await ruleIdsFor('server/gateway/providers/openai/chat.ts', code)).toEqual([])
	})
})
