/**
 * Next.js calls `register` once when a server process starts, and serves requests once it has
 * finished. The portal resolves there what every App Runner read waits behind (lib/warm-up.ts, at
 * most a few seconds), so the first page after a (re)start costs one AWS round trip, not a chain of three.
 */
export async function register(): Promise<void> {
  // NEXT_RUNTIME and NEXT_PHASE are Next's own variables, not portal configuration (lib/config reads
  // that): no warm-up on the edge runtime, and never an AWS call during `next build`.
  if (process.env.NEXT_RUNTIME !== 'nodejs' || process.env.NEXT_PHASE === 'phase-production-build') return
  const { warmUp } = await import('./lib/warm-up')
  await warmUp()
}
