import 'server-only'

import { registerAdmissionCheck } from '@/lib/auth/credentials'
import { checkDemoSignIn } from '@/lib/auth/demo'
import { runtime } from '@/lib/aws/runtime'
import { config } from '@/lib/config'
import { logger } from '@/lib/logger'
import { metrics } from '@/lib/metrics'
import { store } from '@/lib/store/db'

/** How long start-up waits for the warm-up before serving anyway (the warm-up then goes on in the background). */
export const WARM_UP_WAIT_MS = 3000

/**
 * Run once when the server starts (instrumentation.ts): hands the admission queue its credential
 * check, decides whether demo sign-in may be on, creates the metrics, opens and migrates the store
 * (SQLite or PostgreSQL), and resolves the runtime's service identity and sizing, so the first page
 * does not wait for them. Start-up waits
 * for AWS at most `waitMs`; a failure is logged and changes nothing — pages resolve the same reads
 * on demand and report their own errors.
 */
export async function warmUp(waitMs = WARM_UP_WAIT_MS): Promise<void> {
  const started = Date.now()
  registerAdmissionCheck()
  if (!config().sessionSecret)
    logger().warn('PORTAL_SESSION_SECRET is not set: using a random per-process key; sessions end when the portal restarts')
  // Demo sign-in stays off until the endpoint has answered as the emulator (decided once, here).
  const demo = checkDemoSignIn().catch((e: unknown) => logger().error({ err: e }, 'demo sign-in check crashed'))
  metrics()
  // Opening and migrating the store takes what the first page would otherwise pay; an unusable
  // PORTAL_DATA_DIR or an unreachable PORTAL_DATABASE_URL shows up here, at start, rather than on
  // the first deploy. Pages and actions retry it on demand and report store_unavailable meanwhile.
  const opened = store()
    .then((s) => logger().info({ store: s.dialect, location: s.location, ms: Date.now() - started }, 'store ready'))
    .catch((e: unknown) => logger().error({ err: e }, 'the store cannot be opened; the audit log and actions fail until it can'))
  const done = runtime
    .warmUp()
    .then((r) => {
      if (r.ok) logger().info({ ms: Date.now() - started }, 'warm-up: service identity resolved')
      else
        logger().warn(
          { code: r.error.code, awsCode: r.error.awsCode, message: r.error.message },
          'warm-up failed; pages resolve the service on demand',
        )
    })
    .catch((e: unknown) => logger().error({ err: e }, 'warm-up crashed'))
  let timer: NodeJS.Timeout | undefined
  const cap = new Promise<void>((resolve) => {
    timer = setTimeout(() => {
      logger().warn({ waitMs }, 'warm-up still running; serving requests meanwhile')
      resolve()
    }, waitMs)
    timer.unref()
  })
  await Promise.race([Promise.all([done, opened, demo]), cap])
  clearTimeout(timer)
}
