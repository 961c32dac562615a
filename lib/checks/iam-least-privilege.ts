import 'server-only'

import type { CheckResult } from '@/lib/domain/checks'
import { isNotCreated } from '@/lib/domain/setup.values'

import { parsePolicy } from './policy'
import { errorResult, result, type Evidence } from './result'
import type { RolePolicy } from './role-policies'
import { readRolePolicies } from './role-policies'
import type { Check } from './types'

const meta = { id: 'iam-least-privilege', title: 'GitHub Actions role has only what deploying needs' } as const

/** AWS-managed policies that grant far more than a deploy pipeline uses. */
export const broadPolicies: Record<string, string> = {
  AWSAppRunnerFullAccess: 'every App Runner action on every service (create, delete, …) plus iam:PassRole',
  AdministratorAccess: 'everything in the account',
  PowerUserAccess: 'everything except IAM',
  AmazonEC2ContainerRegistryFullAccess: 'every ECR action, including deleting repositories',
}

export type IamLeastPrivilegeEvidence = { roleName: string; serviceArn: string | null; policies: RolePolicy[] }

/** What deploying from GitHub Actions needs from App Runner (the replacement for AWSAppRunnerFullAccess). */
export const deployPolicy = (serviceArn: string) => ({
  Version: '2012-10-17',
  Statement: [
    {
      Effect: 'Allow',
      Action: ['apprunner:UpdateService', 'apprunner:StartDeployment', 'apprunner:DescribeService', 'apprunner:ListOperations'],
      Resource: serviceArn,
    },
  ],
})

/** Warns for broad managed policies and for any statement allowing every action on every resource. */
export function evaluate(e: IamLeastPrivilegeEvidence, now: Date): CheckResult {
  const findings: string[] = []
  for (const p of e.policies) {
    // AWS-managed policies are recognised by ARN (a customer policy may reuse the name).
    const managedName = p.arn.match(/^arn:aws[\w-]*:iam::aws:policy\/(?:.*\/)?([^/]+)$/)?.[1]
    const why = managedName ? broadPolicies[managedName] : undefined
    if (why) {
      findings.push(`${p.name}: ${why}`)
      continue
    }
    const parsed = parsePolicy(p.document)
    if (!parsed.ok) continue
    const star = parsed.data.statements.some(
      (s) =>
        s.effect === 'Allow' &&
        s.conditions.length === 0 &&
        s.actions.some((a) => a === '*' || a.endsWith(':*')) &&
        s.resources.includes('*'),
    )
    if (star) findings.push(`${p.name}: allows a whole service ("*" actions) on every resource`)
  }
  const evidence: Evidence = [
    { label: 'Role', value: e.roleName },
    { label: 'Attached policies', value: e.policies.map((p) => p.name).join(', ') || 'none' },
    ...findings.map((f, i) => ({ label: `Broader than needed ${i + 1}`, value: f })),
  ]
  if (findings.length === 0) return result(meta, 'pass', `${e.roleName} has no broader-than-needed policies.`, evidence, null, now)
  const serviceArn = e.serviceArn ?? '<service-arn>'
  return result(
    meta,
    'warn',
    `${e.roleName} can do more than deploy: ${findings.map((f) => f.split(':')[0]).join(', ')}.`,
    evidence,
    {
      steps: [
        'Give the role an inline policy with only the App Runner actions deploying needs on this one service (below).',
        'Then detach AWSAppRunnerFullAccess (and any other broad policy listed).',
        'Keep AmazonEC2ContainerRegistryPowerUser (or an equivalent push policy) for docker push.',
      ],
      command: [
        `aws iam put-role-policy --role-name ${e.roleName} --policy-name AppFactoryDeploy --policy-document '${JSON.stringify(deployPolicy(serviceArn))}'`,
        `aws iam detach-role-policy --role-name ${e.roleName} --policy-arn arn:aws:iam::aws:policy/AWSAppRunnerFullAccess`,
      ].join('\n'),
      docs: 'https://docs.aws.amazon.com/IAM/latest/UserGuide/best-practices.html#grant-least-privilege',
    },
    now,
  )
}

/** The `iam-least-privilege` check: gathers its evidence, then evaluate(). */
export const iamLeastPrivilege: Check = {
  ...meta,
  async run(ctx) {
    const [policies, service] = await Promise.all([readRolePolicies(ctx), ctx.getService()])
    if (!policies.ok) return errorResult(meta, policies.error, ctx.now, [{ label: 'Role', value: ctx.settings.githubRole }])
    return evaluate(
      {
        roleName: ctx.settings.githubRole,
        serviceArn: service.ok && !isNotCreated(service.data) ? service.data.arn : null,
        policies: policies.data,
      },
      ctx.now,
    )
  },
}
