import 'server-only'

import { withMaxAge } from '@/lib/cache'
import { requireAccess } from '@/lib/dal/access'
import type { CheckResult } from '@/lib/domain/checks'
import { appError } from '@/lib/domain/errors'
import { logger } from '@/lib/logger'
import { err, ok, type Result } from '@/lib/result'

import { alarmsConfigured } from './alarms-configured'
import { apprunnerRdsConnectivity } from './apprunner-rds-connectivity'
import { createCheckContext } from './context'
import { databaseUrl } from './database-url'
import { deployedImageFindings } from './deployed-image-findings'
import { ecrEncryption } from './ecr-encryption'
import { ecrLifecycle } from './ecr-lifecycle'
import { ecrPushPermission } from './ecr-push-permission'
import { ecrScanOnPush } from './ecr-scan-on-push'
import { githubOidcTrust } from './github-oidc-trust'
import { healthEndpoint } from './health-endpoint'
import { iamLeastPrivilege } from './iam-least-privilege'
import { plaintextSecrets } from './plaintext-secrets'
import { rdsAutoStart } from './rds-auto-start'
import { rdsAvailable } from './rds-available'
import { rdsBackups } from './rds-backups'
import { rdsEncryption } from './rds-encryption'
import { rdsPublicAccess } from './rds-public-access'
import { result } from './result'
import { schedulerRole } from './scheduler-role'
import type { Check, CheckContext } from './types'

export type { Check, CheckContext, CheckId } from './types'

/** Every check, in the order docs/interfaces.md lists them: the troubleshooting guide first, then security and cost. */
export const checks: readonly Check[] = [
  ecrPushPermission,
  apprunnerRdsConnectivity,
  databaseUrl,
  githubOidcTrust,
  rdsAvailable,
  healthEndpoint,
  ecrScanOnPush,
  deployedImageFindings,
  ecrEncryption,
  rdsEncryption,
  rdsPublicAccess,
  rdsBackups,
  plaintextSecrets,
  iamLeastPrivilege,
  alarmsConfigured,
  ecrLifecycle,
  rdsAutoStart,
  schedulerRole,
]

/** Id and title of every check (for listing before anything ran). */
export const checkList = (): { id: string; title: string }[] => checks.map(({ id, title }) => ({ id, title }))

/**
 * Runs one check with its failure isolated: a bug inside a check becomes an `error` result naming
 * the check, never a rejected promise and never a pass.
 */
export async function runGuarded(check: Check, ctx: CheckContext): Promise<CheckResult> {
  try {
    return await check.run(ctx)
  } catch (e: unknown) {
    logger().error({ err: e, check: check.id }, 'check crashed')
    return result(
      check,
      'error',
      'The check failed unexpectedly; see the server log.',
      [{ label: 'Error', value: e instanceof Error ? e.name : 'unknown' }],
      { steps: ['Retry; if it keeps failing, report it with the server log around this time.'] },
      ctx.now,
    )
  }
}

/**
 * Runs one check by id, for a verified actor (role viewer; a local command enters the system scope).
 * Errors: unauthenticated, forbidden, rate_limited, not_found for an unknown id.
 */
export async function runCheck(id: string, ctx?: CheckContext): Promise<Result<CheckResult>> {
  const access = await requireAccess('viewer')
  if (!access.ok) return access
  const check = checks.find((c) => c.id === id)
  if (!check)
    return err(appError('not_found', `There is no check "${id}".`, { hint: `Known checks: ${checks.map((c) => c.id).join(', ')}.` }))
  return ok(await withMaxAge(CHECK_MAX_AGE_MS, () => runGuarded(check, ctx ?? createCheckContext())))
}

/** Checks read AWS afresh (values older than this are re-read), so a re-run after a fix sees the fix. */
const CHECK_MAX_AGE_MS = 5000

/**
 * Runs every check in parallel over one shared context (each AWS resource is read once per run), for
 * a verified actor (role viewer). Errors: unauthenticated, forbidden, rate_limited.
 */
export async function runAllChecks(ctx?: CheckContext): Promise<Result<CheckResult[]>> {
  const access = await requireAccess('viewer')
  if (!access.ok) return access
  const context = ctx ?? createCheckContext()
  return ok(await withMaxAge(CHECK_MAX_AGE_MS, () => Promise.all(checks.map((c) => runGuarded(c, context)))))
}
