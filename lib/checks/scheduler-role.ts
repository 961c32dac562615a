import 'server-only'

import { runtime } from '@/lib/aws/runtime'
import { databaseTargets } from '@/lib/aws/scheduler'
import type { CheckResult } from '@/lib/domain/checks'
import { isNotCreated } from '@/lib/domain/setup.values'

import { conditionsHold, evaluateAction, parsePolicy, principalMatches, statementCoversAction, type NamedPolicy } from './policy'
import { errorResult, list, notCreatedResult, result, type Evidence } from './result'
import { readRolePolicies, type RolePolicy } from './role-policies'
import type { Check } from './types'

const meta = { id: 'scheduler-role', title: "EventBridge Scheduler's role may sleep and wake the environment" } as const
const DOCS = 'https://docs.aws.amazon.com/scheduler/latest/UserGuide/setting-up.html#setting-up-execution-role'
const SCHEDULER = 'scheduler.amazonaws.com'

/** What the role must be allowed to do: exactly these actions, each on its resource. */
export type Grant = { action: string; resource: string }

export type SchedulerRoleEvidence = {
  roleName: string
  accountId: string
  region: string
  scheduleGroup: string
  /** The role as IAM describes it, or null when it does not exist. */
  role: { arn: string; trustPolicy: string } | null
  policies: RolePolicy[]
  /** The four grants: the runtime's pause/resume on the service, RDS stop/start on the instance. */
  needed: Grant[]
}

/** The permissions policy the role needs, for the configured resources (as in iam/scheduler-role-policy.json). */
export function expectedPolicy(needed: Grant[]) {
  const byResource = new Map<string, string[]>()
  for (const g of needed) byResource.set(g.resource, [...(byResource.get(g.resource) ?? []), g.action])
  return {
    Version: '2012-10-17',
    Statement: [...byResource.entries()].map(([Resource, Action]) => ({ Effect: 'Allow', Action, Resource })),
  }
}

/** The trust policy the role needs (as in iam/scheduler-role-trust.json). */
export const expectedTrust = (accountId: string) => ({
  Version: '2012-10-17',
  Statement: [
    {
      Effect: 'Allow',
      Principal: { Service: SCHEDULER },
      Action: 'sts:AssumeRole',
      Condition: { StringEquals: { 'aws:SourceAccount': accountId } },
    },
  ],
})

/** What the role must not be allowed beyond the four grants (probes of the usual over-broad statements). */
function probes(needed: Grant[]): Grant[] {
  // The same kind of resource with another name: `db:another-resource`, `service/another-resource/<id>`.
  const other = (arn: string) => {
    const parts = arn.split(':')
    const resource = parts
      .slice(5)
      .join(':')
      .replace(/^([a-z-]+[:/])[^:/]+/, '$1another-resource')
    return [...parts.slice(0, 5), resource].join(':')
  }
  return [
    ...needed.map((g) => ({ action: g.action, resource: other(g.resource) })),
    ...needed.map((g) => ({ action: g.action.replace(/:.*/, ':Delete*'), resource: g.resource })),
  ]
}

/**
 * The scheduler's execution role must exist, trust scheduler.amazonaws.com (for schedules of this
 * account), and be allowed the four sleep/wake actions on the service and the database; allowing more
 * is a warning (least privilege). A missing role is a warning: no schedule can run, but none may exist yet.
 */
export function evaluate(e: SchedulerRoleEvidence, now: Date): CheckResult {
  const evidence: Evidence = [{ label: 'Role', value: e.roleName }]
  const fixCommands = (create: boolean) =>
    [
      create
        ? `cat > scheduler-trust.json <<'EOF'\n${JSON.stringify(expectedTrust(e.accountId), null, 2)}\nEOF\naws iam create-role --role-name ${e.roleName} --assume-role-policy-document file://scheduler-trust.json`
        : `cat > scheduler-trust.json <<'EOF'\n${JSON.stringify(expectedTrust(e.accountId), null, 2)}\nEOF\naws iam update-assume-role-policy --role-name ${e.roleName} --policy-document file://scheduler-trust.json`,
      `cat > scheduler-policy.json <<'EOF'\n${JSON.stringify(expectedPolicy(e.needed), null, 2)}\nEOF\naws iam put-role-policy --role-name ${e.roleName} --policy-name AppFactorySchedulerTargets --policy-document file://scheduler-policy.json`,
    ].join('\n')
  if (!e.role) {
    evidence.push({ label: 'Exists', value: 'no' })
    return result(
      meta,
      'warn',
      `The role ${e.roleName} does not exist: no sleep/wake schedule can run (EventBridge Scheduler assumes it for every run).`,
      evidence,
      {
        steps: [
          `Create ${e.roleName}, trusted by ${SCHEDULER}, with a policy allowing exactly ${list(e.needed.map((g) => g.action))} (iam/scheduler-role-trust.json and iam/scheduler-role-policy.json).`,
          'Allow the portal to pass it: iam:PassRole on the role with iam:PassedToService scheduler.amazonaws.com (iam/portal-policy.json).',
        ],
        command: fixCommands(true),
        docs: DOCS,
      },
      now,
    )
  }
  evidence.push({ label: 'ARN', value: e.role.arn })
  const trust = parsePolicy(e.role.trustPolicy)
  const context = {
    'aws:SourceAccount': e.accountId,
    'aws:SourceArn': `arn:aws:scheduler:${e.region}:${e.accountId}:schedule/${e.scheduleGroup}/any`,
  }
  const applies = (s: { effect: string } & Parameters<typeof statementCoversAction>[0]) =>
    statementCoversAction(s, 'sts:AssumeRole') && principalMatches(s, 'Service', SCHEDULER)
  const trusted =
    trust.ok &&
    !trust.data.statements.some((s) => s.effect === 'Deny' && applies(s) && conditionsHold(s.conditions, context)) &&
    trust.data.statements.some((s) => s.effect === 'Allow' && applies(s) && conditionsHold(s.conditions, context))
  evidence.push({ label: `Trusts ${SCHEDULER}`, value: trust.ok ? (trusted ? 'yes' : 'no') : 'trust policy not readable' })

  const named: NamedPolicy[] = []
  for (const p of e.policies) {
    const parsed = parsePolicy(p.document)
    if (parsed.ok) named.push({ name: p.name, policy: parsed.data })
  }
  evidence.push({ label: 'Policies', value: list(e.policies.map((p) => p.name)) })
  const missing: Grant[] = []
  for (const g of e.needed) {
    const d = evaluateAction(named, g.action, g.resource)
    evidence.push({
      label: `${g.action} on ${g.resource}`,
      value:
        d.decision === 'allowed'
          ? `allowed by ${d.by.join(', ')}`
          : d.decision === 'denied'
            ? `denied by ${d.by.join(', ')}`
            : 'not allowed',
    })
    if (d.decision !== 'allowed') missing.push(g)
  }
  if (!trusted || missing.length > 0) {
    const why = [
      ...(!trusted ? [`it does not trust ${SCHEDULER} for schedules of account ${e.accountId}`] : []),
      ...(missing.length > 0 ? [`it may not call ${list(missing.map((g) => g.action))}`] : []),
    ]
    return result(
      meta,
      'fail',
      `Scheduled sleeps and wakes fail: ${e.roleName} ${why.join(', and ')}.`,
      evidence,
      {
        steps: [
          ...(!trusted ? [`Replace the role's trust policy with one that lets ${SCHEDULER} assume it (below).`] : []),
          ...(missing.length > 0 ? ['Put the policy below on the role: exactly the four actions on the service and the database.'] : []),
          'The failed runs show on the schedules page under "last runs"; the next run uses the fixed role.',
        ],
        command: fixCommands(false),
        docs: DOCS,
      },
      now,
    )
  }
  const extra = probes(e.needed).filter((g) => evaluateAction(named, g.action, g.resource).decision === 'allowed')
  if (extra.length > 0) {
    evidence.push({ label: 'Also allowed', value: list(extra.map((g) => `${g.action} on ${g.resource}`)) })
    return result(
      meta,
      'warn',
      `${e.roleName} may sleep and wake the environment, but is allowed more than that (${extra.length} broader grant${extra.length === 1 ? '' : 's'}).`,
      evidence,
      {
        steps: ['Narrow the role to exactly the four actions on the two resources (policy below).'],
        command: fixCommands(false),
        docs: DOCS,
      },
      now,
    )
  }
  return result(meta, 'pass', `${e.roleName} is trusted by ${SCHEDULER} and allowed exactly what sleep and wake need.`, evidence, null, now)
}

/** The `scheduler-role` check: reads the role and its policies, then evaluate(). */
export const schedulerRole: Check = {
  ...meta,
  async run(ctx) {
    const { schedulerRoleArn, accountId, region, rdsInstance, scheduleGroup } = ctx.settings
    const roleName = schedulerRoleArn.split('/').pop() ?? schedulerRoleArn
    const facts = [{ label: 'Role', value: roleName }]
    const [role, service] = await Promise.all([ctx.getRole(roleName), ctx.getService()])
    if (!service.ok) return errorResult(meta, service.error, ctx.now, facts)
    if (isNotCreated(service.data)) return notCreatedResult(meta, service.data, ctx.now)
    const targets = runtime.scheduleTargets({ name: service.data.name, id: service.data.id, arn: service.data.arn })
    const db = databaseTargets(rdsInstance)
    const dbArn = `arn:aws:rds:${region}:${accountId}:db:${rdsInstance}`
    const needed: Grant[] = [
      { action: targets.pause.iamAction, resource: service.data.arn },
      { action: targets.resume.iamAction, resource: service.data.arn },
      { action: db.stop.iamAction, resource: dbArn },
      { action: db.start.iamAction, resource: dbArn },
    ]
    const base = { roleName, accountId, region, scheduleGroup, needed }
    if (!role.ok) {
      if (role.error.code === 'not_found') return evaluate({ ...base, role: null, policies: [] }, ctx.now)
      return errorResult(meta, role.error, ctx.now, facts)
    }
    const policies = await readRolePolicies(ctx, roleName)
    if (!policies.ok) return errorResult(meta, policies.error, ctx.now, facts)
    return evaluate({ ...base, role: { arn: role.data.arn, trustPolicy: role.data.trustPolicy }, policies: policies.data }, ctx.now)
  },
}
