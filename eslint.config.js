// ESLint flat config. Besides ordinary hygiene it enforces the module boundaries of STYLE.md and
// the dependency direction of DESIGN.md, so that they are checked by a machine, not remembered:
//   1. db/ imports nothing else of the project;
//   2. app/ reaches server/ and db/ only from *.server.ts(x) bridges (type-only imports excepted);
//   3. only server/gateway/providers/ imports a model vendor SDK, and only server/gateway/
//      reaches into the providers;
//   4. only server/config/ reads process.env;
//   5. app -> server -> db; ingest -> server, db; evals -> server, db, ingest;
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
const GATEWAY_PROVIDERS = {
	regex: '(^#server/gateway/providers/|/gateway/providers/)',
	message:
		'Call the gateway through its typed functions (server/gateway); providers are internal to it (STYLE.md, boundary 3).',
}
const DB_BOUNDARY = {
	regex: into('app', 'server', 'ingest', 'evals', 'tests'),
	message: 'db/ imports nothing else of the project (STYLE.md, boundary 1).',
}
const APP_BOUNDARY = {
	regex: into('server', 'db', 'ingest', 'evals'),
	allowTypeImports: true,
	message:
		'Only *.server.ts(x) files in app/ may import server/ or db/; add a .server bridge (STYLE.md, boundary 2).',
}
const SERVER_DIRECTION = {
	regex: into('app', 'ingest', 'evals', 'tests'),
	message: 'server/ depends only on db/ (DESIGN.md dependency direction: app -> server -> db).',
}
const INGEST_DIRECTION = {
	regex: into('app', 'evals', 'tests'),
	message: 'ingest/ depends only on server/ and db/ (DESIGN.md dependency direction).',
}
const EVALS_DIRECTION = {
	regex: into('app', 'tests'),
	message: 'evals/ depends only on server/, db/ and ingest/ (DESIGN.md dependency direction).',
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

const NOT_TESTS = ['**/*.test.{ts,tsx}']

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
		files: ['evals/**/*.ts'],
		ignores: NOT_TESTS,
		rules: {
			'no-restricted-imports': restrict(VENDOR_SDKS, GATEWAY_PROVIDERS, EVALS_DIRECTION),
		},
	},
	{
		files: ['{app,server,db,ingest,evals}/**/*.{ts,tsx}'],
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
