import nextVitals from 'eslint-config-next/core-web-vitals'
import nextTs from 'eslint-config-next/typescript'

const noAws = { group: ['@aws-sdk/*', '@smithy/*'], message: 'AWS SDK code lives only in lib/aws (STYLE.md §3).' }
const noLibAws = { group: ['@/lib/aws', '@/lib/aws/*'], message: 'Only server loaders, routes and lib/checks|actions may call lib/aws.' }
const serverOnlyLib = {
  group: ['@/lib/config', '@/lib/actions/*', '@/lib/checks', '@/lib/checks/*', '@/lib/audit/*', '@/lib/cache'],
  message: 'components/ are client-safe: no server-only lib modules (STYLE.md §3).',
}
const noEmulator = { group: ['**/emulator/*', '@/emulator/*'], message: 'The portal must not know the emulator exists.' }
// The data access layer: in app/, every read of AWS or of the portal's database comes from lib/dal,
// whose functions verify the request's actor themselves (a layout or proxy.ts protects nothing alone).
const readsOnlyThroughDal = {
  group: ['@/lib/aws', '@/lib/aws/*', '@/lib/audit/*', '@/lib/overview', '@/lib/checks', '@/lib/checks/*', '@/lib/auth/session-store'],
  message: 'app/ reads AWS and the portal database only through lib/dal (it verifies the actor where the data is read).',
}
// Reads in lib/actions have lib/dal counterparts; app/ imports only the mutations (guarded by guardMutation) from there.
const noActionReads = {
  group: ['@/lib/actions/*'],
  importNames: [
    'listDeployments',
    'listOperationsWithLedger',
    'getDeploymentProgress',
    'previewDeployment',
    'getRollbackTarget',
    'getEnvironmentJob',
    'latestEnvironmentJob',
    'getPortalDeployment',
  ],
  message: 'Reads come from lib/dal (lib/dal/deployments, lib/dal/service, lib/dal/environment), which verify the actor.',
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
  {
    files: ['app/**'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [noAws, noLibAws, readsOnlyThroughDal, noActionReads, noSystemScope, noEmulator] }],
    },
  },
  {
    files: ['lib/checks/**', 'lib/actions/**'],
    rules: { 'no-restricted-imports': ['error', { patterns: [noAws, noSystemScope, noEmulator] }] },
  },
  {
    // Tests of the check runner ask as a local command does.
    files: ['lib/checks/**/*.test.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: [noAws, noEmulator] }] },
  },
  {
    files: ['components/**'],
    rules: { 'no-restricted-imports': ['error', { paths: [noClassicZod], patterns: [noAws, noLibAws, serverOnlyLib, noEmulator] }] },
  },
  {
    files: ['lib/**'],
    ignores: ['lib/**/*.test.ts', 'lib/**/*.test.tsx', 'lib/dal/access.ts', 'lib/dal/system.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: [noSystemScope, noEmulator] }] },
  },
  {
    files: ['lib/domain/**', 'lib/queries/**'],
    rules: { 'no-restricted-imports': ['error', { paths: [noClassicZod], patterns: [noEmulator] }] },
  },
  {
    files: clientReachable,
    // Tests are not bundled.
    ignores: ['**/*.test.ts', '**/*.test.tsx'],
    rules: { '@typescript-eslint/no-restricted-imports': ['error', { patterns: [noSchemaValues] }] },
  },
]

export default config
