import 'server-only'

import type { CheckResult } from '@/lib/domain/checks'

import { evaluateAction, parsePolicy, type NamedPolicy } from './policy'
import { errorResult, result, type Evidence } from './result'
import type { RolePolicy } from './role-policies'
import { readRolePolicies } from './role-policies'
import type { Check } from './types'

const meta = { id: 'ecr-push-permission', title: 'GitHub Actions role may push to ECR' } as const
export const ECR_POWER_USER_ARN = 'arn:aws:iam::aws:policy/AmazonEC2ContainerRegistryPowerUser'

/** What `docker push` to ECR needs. GetAuthorizationToken is account-wide (Resource "*"). */
export const ecrPushActions = [
  'ecr:GetAuthorizationToken',
  'ecr:BatchCheckLayerAvailability',
  'ecr:InitiateLayerUpload',
  'ecr:UploadLayerPart',
  'ecr:CompleteLayerUpload',
  'ecr:PutImage',
] as const

export type EcrPushPermissionEvidence = { roleName: string; repositoryArn: string; policies: RolePolicy[] }

/** Evaluates the role's attached policies for every push action on the repository: all allowed → pass. */
export function evaluate(e: EcrPushPermissionEvidence, now: Date): CheckResult {
  const named: NamedPolicy[] = []
  const unreadable: string[] = []
  for (const p of e.policies) {
    const parsed = parsePolicy(p.document)
    if (parsed.ok) named.push({ name: p.name, policy: parsed.data })
    else unreadable.push(p.name)
  }
  const evidence: Evidence = [
    { label: 'Role', value: e.roleName },
    { label: 'Repository', value: e.repositoryArn },
    { label: 'Attached policies', value: e.policies.map((p) => p.name).join(', ') || 'none' },
  ]
  const missing: string[] = []
  for (const action of ecrPushActions) {
    const resource = action === 'ecr:GetAuthorizationToken' ? '*' : e.repositoryArn
    const d = evaluateAction(named, action, resource)
    evidence.push({
      label: action,
      value:
        d.decision === 'allowed'
          ? `allowed by ${d.by.join(', ')}`
          : d.decision === 'denied'
            ? `explicitly denied by ${d.by.join(', ')}`
            : `not allowed${d.conditionalAllows.length > 0 ? ` (only conditionally by ${d.conditionalAllows.join(', ')})` : ''}`,
    })
    if (d.decision !== 'allowed') missing.push(action)
  }
  if (unreadable.length > 0) evidence.push({ label: 'Unreadable policy documents', value: unreadable.join(', ') })
  if (missing.length === 0) return result(meta, 'pass', `${e.roleName} may push images to the repository.`, evidence, null, now)
  const denied = missing.some((a) => evidence.find((x) => x.label === a)?.value.startsWith('explicitly denied'))
  return result(
    meta,
    'fail',
    `${e.roleName} may not call ${missing.join(', ')}: the CD workflow's docker push fails.`,
    evidence,
    {
      steps: [
        'Attach AmazonEC2ContainerRegistryPowerUser to the role (as the documented setup has it), or a policy allowing the actions listed as not allowed on the repository.',
        ...(denied ? ['Remove or narrow the Deny statement named above: an explicit Deny wins over any Allow.'] : []),
        'Re-run the failed GitHub Actions job.',
      ],
      command: `aws iam attach-role-policy --role-name ${e.roleName} --policy-arn ${ECR_POWER_USER_ARN}`,
      docs: 'https://docs.aws.amazon.com/AmazonECR/latest/userguide/image-push-iam.html',
    },
    now,
  )
}

/** The `ecr-push-permission` check: gathers its evidence, then evaluate(). */
export const ecrPushPermission: Check = {
  ...meta,
  async run(ctx) {
    const policies = await readRolePolicies(ctx)
    if (!policies.ok) return errorResult(meta, policies.error, ctx.now, [{ label: 'Role', value: ctx.settings.githubRole }])
    const { region, accountId, ecrRepository } = ctx.settings
    const repositoryArn = `arn:aws:ecr:${region}:${accountId}:repository/${ecrRepository}`
    return evaluate({ roleName: ctx.settings.githubRole, repositoryArn, policies: policies.data }, ctx.now)
  },
}
