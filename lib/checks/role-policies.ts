import 'server-only'

import { err, ok, type Result } from '@/lib/result'

import { firstError } from './result'
import type { CheckContext } from './types'

export type RolePolicy = { name: string; arn: string; document: string }

/**
 * The documents of every policy of a role (default: the GitHub Actions role): attached managed policies
 * (default version) and inline policies. Memoised by the run context, so the IAM checks share the reads.
 */
export async function readRolePolicies(ctx: CheckContext, role: string = ctx.settings.githubRole): Promise<Result<RolePolicy[]>> {
  const [attached, inline] = await Promise.all([ctx.listAttachedRolePolicies(role), ctx.listRolePolicies(role)])
  if (!attached.ok) return attached
  if (!inline.ok) return inline
  const docs = await Promise.all([
    ...attached.data.map((p) => ctx.getPolicyDocument(p.arn)),
    ...inline.data.map((name) => ctx.getRolePolicy(role, name)),
  ])
  const failure = firstError(docs)
  if (failure) return err(failure)
  const names = [...attached.data.map((p) => p.name), ...inline.data.map((n) => `${n} (inline)`)]
  return ok(docs.flatMap((d, i) => (d.ok ? [{ name: names[i] ?? d.data.arn, arn: d.data.arn, document: d.data.document }] : [])))
}
