import nextVitals from 'eslint-config-next/core-web-vitals'
import nextTs from 'eslint-config-next/typescript'

const noAws = { group: ['@aws-sdk/*', '@smithy/*'], message: 'AWS SDK code lives only in lib/aws (docs/style.md, import rules).' }
const noLibAws = { group: ['@/lib/aws', '@/lib/aws/*'], message: 'Only server loaders, routes and lib/checks|actions may call lib/aws.' }
const serverOnlyLib = {
  group: ['@/lib/config', '@/lib/actions/*', '@/lib/checks', '@/lib/checks/*', '@/lib/audit/*', '@/lib/cache'],
  message: 'components/ are client-safe: no server-only lib modules (docs/style.md, import rules).',
}
const noEmulator = { group: ['**/emulator/*', '@/emulator/*'], message: 'The portal must not know the emulator exists.' }
// The runtime seam: App Runner is reached only through `runtime` (lib/aws/runtime.ts), so a second runtime is one new module.
const noAppRunner = {
  group: ['@/lib/aws/apprunner', '@/lib/aws/apprunner.*', './apprunner', './apprunner.*'],
  message: "Use `runtime` from '@/lib/aws/runtime': only lib/aws/runtime.ts and the App Runner module itself import it.",
}
// SDK-shaped and sample data for tests: never part of what the portal runs (no fake data in app code).
const noFixtures = {
  group: ['**/*.fixtures', '*.fixtures', '**/*.fixtures.ts'],
  message: 'Fixtures are test data: only tests (and other fixtures) import *.fixtures.ts.',
}
/** What no production file imports, whatever else its folder allows. */
const everywhere = [noEmulator, noAppRunner, noFixtures]
// The data access layer: in app/, every read of AWS or of the portal's database comes from lib/dal,
// whose functions verify the request's actor themselves (a layout or proxy.ts protects nothing alone).
const readsOnlyThroughDal = {
  group: [
    '@/lib/aws',
    '@/lib/aws/*',
    '@/lib/audit/*',
    '@/lib/store/*',
    '@/lib/overview',
    '@/lib/metrics',
    '@/lib/schedules',
    '@/lib/schedules/*',
    '@/lib/cost-report',
    '@/lib/checks',
    '@/lib/checks/*',
    '@/lib/auth/session-store',
    '@/lib/actions/deployment-reads',
    '@/lib/setup',
    '@/lib/setup/*',
    '@/lib/timeline/read',
    '@/lib/network',
  ],
  message: 'app/ reads AWS and the portal database only through lib/dal (it verifies the actor where the data is read).',
}
// Reads in lib/actions have lib/dal counterparts; app/ imports only the mutations (guarded by guardMutation) from there.
const noActionReads = {
  group: ['@/lib/actions/*'],
  importNames: ['getEnvironmentJob', 'latestEnvironmentJob', 'previewPlannedAlarms'],
  message: 'Reads come from lib/dal (lib/dal/deployments, lib/dal/service, lib/dal/environment, lib/dal/setup), which verify the actor.',
}
// Only a local command (scripts/) may enter the trusted no-request scope.
const noSystemScope = { group: ['@/lib/dal/system'], message: 'The system scope is for local commands in scripts/ only.' }
// Classic zod weighs ~30 kB gz in the browser; everything client-reachable uses the same schemas from zod/mini.
const noClassicZod = {
  name: 'zod',
  message: "Client-reachable code imports zod/mini (keeps classic zod out of the browser); classic 'zod' is for server-only modules.",
}
// zod/mini and the schemas (~20 kB gz) load on demand in the browser: panels start from server-prefetched,
// dehydrated data, so a page needs them only at its first refetch or fetch. A static value import from a
// schema module (lib/domain/<area>.ts) or zod would put them back into every page's first-load JavaScript.
// Client-reachable code imports types from there (erased) and values from the zod-free lib/domain/<area>.values.ts;
// schemas arrive through `import('@/lib/domain/<area>')` in query functions, which this rule does not see.
const noSchemaValues = {
  group: ['@/lib/domain/*', '!@/lib/domain/*.values', 'zod', 'zod/*'],
  allowTypeImports: true,
  message:
    'In client-reachable code import only types from schema modules and zod; values come from lib/domain/<area>.values.ts, schemas through import() (keeps zod out of first-load JS).',
}
const testFiles = ['**/*.test.ts', '**/*.test.tsx', '**/*.fixtures.ts']
const clientReachable = [
  'components/**',
  'lib/queries/**',
  'lib/domain/*.values.ts',
  'app/providers.tsx',
  'app/**/error.tsx',
  'app/global-error.tsx',
]

const config = [
  ...nextVitals,
  ...nextTs,
  {
    ignores: ['.next/**', 'node_modules/**', 'test-results/**', 'playwright-report/**', 'next-env.d.ts', 'data/**'],
  },
  {
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  // Later blocks replace `no-restricted-imports` for their files, so each repeats `everywhere`.
  {
    files: ['**/*.{ts,tsx,mjs,js}'],
    ignores: [...testFiles, 'emulator/**', 'e2e/**', 'bench/**'],
    rules: { 'no-restricted-imports': ['error', { patterns: everywhere }] },
  },
  {
    files: ['lib/**'],
    ignores: [...testFiles, 'lib/dal/access.ts', 'lib/dal/system.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: [noSystemScope, ...everywhere] }] },
  },
  {
    files: ['app/**'],
    ignores: testFiles,
    rules: {
      'no-restricted-imports': ['error', { patterns: [noAws, readsOnlyThroughDal, noActionReads, noSystemScope, ...everywhere] }],
    },
  },
  {
    files: ['lib/checks/**', 'lib/actions/**'],
    ignores: testFiles,
    rules: { 'no-restricted-imports': ['error', { patterns: [noAws, noSystemScope, ...everywhere] }] },
  },
  {
    files: ['components/**'],
    ignores: testFiles,
    rules: { 'no-restricted-imports': ['error', { paths: [noClassicZod], patterns: [noAws, noLibAws, serverOnlyLib, ...everywhere] }] },
  },
  {
    files: ['lib/domain/**', 'lib/queries/**'],
    ignores: testFiles,
    rules: { 'no-restricted-imports': ['error', { paths: [noClassicZod], patterns: everywhere }] },
  },
  {
    // The runtime module itself, and runtime.ts that hands it out.
    files: ['lib/aws/runtime.ts', 'lib/aws/apprunner.ts', 'lib/aws/apprunner.*.ts'],
    ignores: testFiles,
    rules: { 'no-restricted-imports': ['error', { patterns: [noEmulator, noFixtures] }] },
  },
  {
    files: clientReachable,
    // Tests are not bundled.
    ignores: ['**/*.test.ts', '**/*.test.tsx'],
    rules: { '@typescript-eslint/no-restricted-imports': ['error', { patterns: [noSchemaValues] }] },
  },
]

export default config
