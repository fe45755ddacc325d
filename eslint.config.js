// ESLint flat config. Besides ordinary hygiene it enforces the module boundaries of STYLE.md and
// the dependency direction of DESIGN.md, so that they are checked by a machine, not remembered:
//   1. db/ imports nothing else of the project;
//   2. app/ reaches server/ and db/ only from *.server.ts(x) bridges (type-only imports excepted);
//   3. only server/gateway/providers/ imports a model vendor SDK, and only server/gateway/
//      reaches into the providers (one exception: @langchain/community's HTML-to-text
//      transformer, in ingest/loaders/html.ts only);
//   4. only server/config/ reads process.env;
//   5. app -> server -> db; ingest -> server, db; evals -> server, db, ingest, tools;
//      tools -> server, db (tools/ holds training and evaluation scripts: server/ never imports
//      them, and they may reach into the gateway's internals, providers included, whose models
//      they train); server/platform/ imports nothing of the project (ADR 030).
//   6. the PHI services (copilot, chart, retrieval, care teams) hold no database and never set
//      the access scope themselves: they take the request's PatientData (ADR 031).
// tests/lint-boundaries.test.ts proves each rule is live.
import js from '@eslint/js'
import reactHooks from 'eslint-plugin-react-hooks'
import globals from 'globals'
import tseslint from 'typescript-eslint'

const SOURCE = '**/*.{ts,tsx,js,mjs}'

/** A relative path (any depth) or a `#alias/` import into one of the named top-level folders. */
const into = (...folders) => `^(#(${folders.join('|')})/|(\\.\\./)+(${folders.join('|')})/)`

const VENDOR_SDKS = {
	regex:
		'^(openai|@langchain/(openai|aws|ollama|anthropic|google-[a-z]+|mistralai|community)|@aws-sdk/client-bedrock|@anthropic-ai/|@azure/openai|@huggingface/)',
	message:
		'Model vendor SDKs may only be imported in server/gateway/providers/<vendor>/ (STYLE.md, boundary 3).',
}
/**
 * The one @langchain/community integration used outside the gateway (ADR 029): its HTML-to-text
 * document transformer, in ingest/loaders/html.ts only. Its chat and embedding integrations stay
 * vendor SDKs.
 */
const HTML_TO_TEXT_MODULE = 'ingest/loaders/html.ts'
const VENDOR_SDKS_BUT_HTML_TO_TEXT = {
	...VENDOR_SDKS,
	regex: VENDOR_SDKS.regex.replace(
		'community)',
		'community(?!/document_transformers/html_to_text$))',
	),
}
const GATEWAY_PROVIDERS = {
	regex: '(^#server/gateway/providers/|/gateway/providers/)',
	message:
		'Call the gateway through its typed functions (server/gateway); providers are internal to it (STYLE.md, boundary 3).',
}
const DB_BOUNDARY = {
	regex: into('app', 'server', 'ingest', 'evals', 'tools', 'tests'),
	message: 'db/ imports nothing else of the project (STYLE.md, boundary 1).',
}
/**
 * server/platform modules the browser bundle may import (ADR 030): Web APIs only, and they import
 * nothing at all (checked below), so importing one cannot pull server code into the browser.
 */
const BROWSER_SAFE = ['server/platform/sse.ts']
const browserSafe = BROWSER_SAFE.map((file) => file.replaceAll('.', '\\.')).join('|')
const APP_BOUNDARY = {
	regex: `^(?!(#|(\\.\\./)+)(${browserSafe})$)${into('server', 'db', 'ingest', 'evals', 'tools').slice(1)}`,
	allowTypeImports: true,
	message:
		'Only *.server.ts(x) files in app/ may import server/ or db/; add a .server bridge (STYLE.md, boundary 2).',
}
const SERVER_DIRECTION = {
	regex: into('app', 'ingest', 'evals', 'tools', 'tests'),
	message: 'server/ depends only on db/ (DESIGN.md dependency direction: app -> server -> db).',
}
const INGEST_DIRECTION = {
	regex: into('app', 'evals', 'tools', 'tests'),
	message: 'ingest/ depends only on server/ and db/ (DESIGN.md dependency direction).',
}
const EVALS_DIRECTION = {
	regex: into('app', 'tests'),
	message:
		'evals/ depends only on server/, db/, ingest/ and tools/ (DESIGN.md dependency direction).',
}
const TOOLS_DIRECTION = {
	regex: into('app', 'ingest', 'evals', 'tests'),
	message: 'tools/ depends only on server/ and db/ (DESIGN.md dependency direction).',
}

const PLATFORM_DIRECTION = {
	regex: `^#(?!server/platform/)|^(\\.\\./){2}`,
	message: 'server/platform/ imports nothing of the project (DESIGN.md dependency direction).',
}
const PLATFORM_TOP_DIRECTION = { ...PLATFORM_DIRECTION, regex: '^#(?!server/platform/)|^\\.\\./' }
const IMPORTS_NOTHING = {
	regex: '.',
	message: 'A module the browser may import (BROWSER_SAFE) imports nothing (ADR 030).',
}

// ADR 031: the services that read and write PHI hold no database and never set the row-level
// security context themselves; they take the request's PatientData (server/auth/patient-data.ts).
const PHI_SERVICE_FILES = [
	'server/copilot/**/*.ts',
	'server/chart/**/*.ts',
	'server/retrieval/**/*.ts',
	'server/auth/care-teams.ts',
]
const PHI_DATA = [
	{
		regex: '(^#db/client|/db/client)(\\.ts)?$',
		message:
			"PHI services hold no database: take the request's PatientData (server/auth/patient-data.ts, ADR 031).",
	},
	{
		regex: '(^#server/auth/|/auth/|^\\./)(scope|system-access)(\\.ts)?$',
		importNames: ['withAccessScope', 'createSystemAccess', 'SYSTEM_PATHS'],
		message:
			"PHI services do not set the access scope or take owner handles: use the request's PatientData (ADR 031).",
	},
]

const restrict = (...patterns) => ['error', { patterns }]

const ENV_MESSAGE =
	'Only server/config/ reads process.env; take a value from the validated config (STYLE.md, boundary 4).'
const PROCESS_ENV = [
	{
		selector: "MemberExpression[object.name='process'][property.name='env']",
		message: ENV_MESSAGE,
	},
	{
		selector: "MemberExpression[object.name='process'][property.value='env']",
		message: ENV_MESSAGE,
	},
	{
		selector: "VariableDeclarator[init.name='process'] > ObjectPattern > Property[key.name='env']",
		message: ENV_MESSAGE,
	},
	{
		selector:
			"ImportDeclaration[source.value=/^(node:)?process$/] > ImportSpecifier[imported.name='env']",
		message: ENV_MESSAGE,
	},
]

// Tests, and the fixtures beside them that only tests import (`*-test-fixtures.ts`).
const NOT_TESTS = ['**/*.test.{ts,tsx}', '**/*-test-fixtures.ts']

export default tseslint.config(
	{
		ignores: [
			'node_modules/',
			'build/',
			'.data/',
			'.cache/',
			'playwright-report/',
			'test-results/',
			'bench-results/',
			'eval-results/',
		],
	},
	js.configs.recommended,
	...tseslint.configs.recommended,
	{
		files: [SOURCE],
		languageOptions: { globals: { ...globals.node } },
		rules: {
			'@typescript-eslint/consistent-type-imports': 'error',
			'@typescript-eslint/no-unused-vars': [
				'error',
				{ argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
			],
			'no-restricted-imports': restrict(VENDOR_SDKS, GATEWAY_PROVIDERS),
		},
	},
	{
		files: ['app/**/*.{ts,tsx}'],
		languageOptions: { globals: { ...globals.browser } },
		plugins: { 'react-hooks': reactHooks },
		rules: {
			'react-hooks/rules-of-hooks': 'error',
			'react-hooks/exhaustive-deps': 'warn',
			'no-restricted-imports': restrict(VENDOR_SDKS, GATEWAY_PROVIDERS, APP_BOUNDARY),
		},
	},
	{
		files: ['app/**/*.server.{ts,tsx}', 'app/**/.server/**/*.{ts,tsx}'],
		rules: { 'no-restricted-imports': restrict(VENDOR_SDKS, GATEWAY_PROVIDERS) },
	},
	{
		files: ['db/**/*.ts'],
		rules: { 'no-restricted-imports': restrict(VENDOR_SDKS, GATEWAY_PROVIDERS, DB_BOUNDARY) },
	},
	{
		files: ['server/**/*.ts'],
		ignores: NOT_TESTS,
		rules: {
			'no-restricted-imports': restrict(VENDOR_SDKS, GATEWAY_PROVIDERS, SERVER_DIRECTION),
		},
	},
	{
		files: ['server/platform/**/*.ts'],
		ignores: NOT_TESTS,
		rules: { 'no-restricted-imports': restrict(VENDOR_SDKS, PLATFORM_DIRECTION) },
	},
	{
		files: ['server/platform/*.ts'],
		ignores: NOT_TESTS,
		rules: { 'no-restricted-imports': restrict(VENDOR_SDKS, PLATFORM_TOP_DIRECTION) },
	},
	{
		files: BROWSER_SAFE,
		rules: { 'no-restricted-imports': restrict(IMPORTS_NOTHING) },
	},
	{
		files: PHI_SERVICE_FILES,
		ignores: NOT_TESTS,
		rules: {
			'no-restricted-imports': restrict(
				VENDOR_SDKS,
				GATEWAY_PROVIDERS,
				SERVER_DIRECTION,
				...PHI_DATA,
			),
		},
	},
	{
		files: ['server/gateway/**/*.ts'],
		ignores: NOT_TESTS,
		rules: { 'no-restricted-imports': restrict(VENDOR_SDKS, SERVER_DIRECTION) },
	},
	{
		files: ['server/gateway/providers/**/*.ts'],
		ignores: NOT_TESTS,
		rules: { 'no-restricted-imports': restrict(SERVER_DIRECTION) },
	},
	{
		// A provider's tests may drive it with its vendor's own client (an OpenAI-style client
		// against `npm run gateway`, e.g.); application tests may not.
		files: ['server/gateway/providers/**/*.test.ts'],
		rules: { 'no-restricted-imports': 'off' },
	},
	{
		files: ['ingest/**/*.ts'],
		ignores: NOT_TESTS,
		rules: {
			'no-restricted-imports': restrict(VENDOR_SDKS, GATEWAY_PROVIDERS, INGEST_DIRECTION),
		},
	},
	{
		files: [HTML_TO_TEXT_MODULE],
		rules: {
			'no-restricted-imports': restrict(
				VENDOR_SDKS_BUT_HTML_TO_TEXT,
				GATEWAY_PROVIDERS,
				INGEST_DIRECTION,
			),
		},
	},
	{
		files: ['evals/**/*.ts'],
		ignores: NOT_TESTS,
		rules: {
			'no-restricted-imports': restrict(VENDOR_SDKS, GATEWAY_PROVIDERS, EVALS_DIRECTION),
		},
	},
	{
		// The training and evaluation scripts (and their tests) train the local provider's models,
		// so they may reach into server/gateway/providers/; never a vendor SDK.
		files: ['tools/**/*.ts'],
		rules: { 'no-restricted-imports': restrict(VENDOR_SDKS, TOOLS_DIRECTION) },
	},
	{
		files: ['{app,server,db,ingest,evals,tools}/**/*.{ts,tsx}'],
		ignores: ['server/config/**', ...NOT_TESTS],
		rules: { 'no-restricted-syntax': ['error', ...PROCESS_ENV] },
	},
	{
		// Application code logs through the logger of server/log.ts, which keeps PHI out of the log.
		files: ['{app,server,db}/**/*.{ts,tsx}'],
		ignores: ['server/log.ts', ...NOT_TESTS],
		rules: { 'no-console': 'error' },
	},
)
