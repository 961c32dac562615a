import nextVitals from 'eslint-config-next/core-web-vitals'
import nextTs from 'eslint-config-next/typescript'

const noAws = { group: ['@aws-sdk/*', '@smithy/*'], message: 'AWS SDK code lives only in lib/aws (STYLE.md §3).' }
const noLibAws = { group: ['@/lib/aws', '@/lib/aws/*'], message: 'Only server loaders, routes and lib/checks|actions may call lib/aws.' }
const serverOnlyLib = {
  group: ['@/lib/config', '@/lib/actions/*', '@/lib/checks', '@/lib/checks/*', '@/lib/audit/*', '@/lib/cache'],
  message: 'components/ are client-safe: no server-only lib modules (STYLE.md §3).',
}
const noEmulator = { group: ['**/emulator/*', '@/emulator/*'], message: 'The portal must not know the emulator exists.' }
// Classic zod weighs ~30 kB gz in the browser; everything client-reachable uses the same schemas from zod/mini.
const noClassicZod = { name: 'zod', message: "Client-reachable code imports zod/mini (keeps classic zod out of the browser); classic 'zod' is for server-only modules." }

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
    files: ['app/**/page.tsx', 'app/**/layout.tsx'],
    rules: { 'no-restricted-imports': ['error', { patterns: [noAws, noLibAws, noEmulator] }] },
  },
  {
    files: ['app/**/_panels/**', 'app/**/route.ts', 'app/**/actions.ts', 'lib/checks/**', 'lib/actions/**'],
    rules: { 'no-restricted-imports': ['error', { patterns: [noAws, noEmulator] }] },
  },
  {
    files: ['components/**'],
    rules: { 'no-restricted-imports': ['error', { paths: [noClassicZod], patterns: [noAws, noLibAws, serverOnlyLib, noEmulator] }] },
  },
  {
    files: ['lib/**'],
    ignores: ['lib/**/*.test.ts', 'lib/**/*.test.tsx'],
    rules: { 'no-restricted-imports': ['error', { patterns: [noEmulator] }] },
  },
  {
    files: ['lib/domain/**', 'lib/queries/**'],
    rules: { 'no-restricted-imports': ['error', { paths: [noClassicZod], patterns: [noEmulator] }] },
  },
]

export default config
