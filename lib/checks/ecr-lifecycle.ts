import 'server-only'

import type { CheckResult } from '@/lib/domain/checks'

import { errorResult, result } from './result'
import type { Check } from './types'

const meta = { id: 'ecr-lifecycle', title: 'Old ECR images expire (lifecycle policy)' } as const

export type EcrLifecycleEvidence = { repository: string; lifecyclePolicy: { text: string } | null }

type Rule = { priority: number; description: string; expires: boolean }

function rulesOf(text: string): Rule[] | null {
  let parsed: unknown
  try {
    parsed = JSON.parse(text)
  } catch {
    return null
  }
  if (typeof parsed !== 'object' || parsed === null || !('rules' in parsed) || !Array.isArray(parsed.rules)) return null
  return parsed.rules.flatMap((r: unknown): Rule[] => {
    if (typeof r !== 'object' || r === null) return []
    const priority = 'rulePriority' in r && typeof r.rulePriority === 'number' ? r.rulePriority : 0
    const description = 'description' in r && typeof r.description === 'string' ? r.description : ''
    const sel = 'selection' in r && typeof r.selection === 'object' && r.selection !== null ? r.selection : {}
    const count = 'countType' in sel ? String(sel.countType) : '?'
    const n = 'countNumber' in sel ? String(sel.countNumber) : '?'
    const unit = 'countUnit' in sel ? ` ${String(sel.countUnit)}` : ''
    const tag = 'tagStatus' in sel ? String(sel.tagStatus) : 'any'
    const action =
      'action' in r && typeof r.action === 'object' && r.action !== null && 'type' in r.action ? String(r.action.type) : 'expire'
    return [
      {
        priority,
        description: description || `${action} ${tag} images when ${count} ${n}${unit}`,
        expires: action.toLowerCase() === 'expire',
      },
    ]
  })
}

/** The lifecycle policy the fix suggests: the documented setup's "delete ECR images older than 30 days" while keeping the last 10. */
export const suggestedLifecyclePolicy = {
  rules: [
    {
      rulePriority: 1,
      description: 'Keep the 10 most recent images',
      selection: { tagStatus: 'any', countType: 'imageCountMoreThan', countNumber: 10 },
      action: { type: 'expire' },
    },
  ],
}

/** Passes when a lifecycle policy with an expire rule exists; warns otherwise (old images cost storage forever). */
export function evaluate(e: EcrLifecycleEvidence, now: Date): CheckResult {
  const fix = {
    steps: [
      'Add a lifecycle policy so old images expire. Keep enough images for rollbacks (the portal rolls back to the previous deployed SHA).',
      'Preview what it would delete first with start-lifecycle-policy-preview.',
    ],
    command: `aws ecr put-lifecycle-policy --repository-name ${e.repository} --lifecycle-policy-text '${JSON.stringify(suggestedLifecyclePolicy)}'`,
    docs: 'https://docs.aws.amazon.com/AmazonECR/latest/userguide/LifecyclePolicies.html',
  }
  if (!e.lifecyclePolicy) {
    return result(
      meta,
      'warn',
      `${e.repository} has no lifecycle policy: old images are kept (and billed) forever.`,
      [
        { label: 'Repository', value: e.repository },
        { label: 'Lifecycle policy', value: 'none' },
      ],
      fix,
      now,
    )
  }
  const rules = rulesOf(e.lifecyclePolicy.text)
  const evidence = [
    { label: 'Repository', value: e.repository },
    ...(rules ?? []).map((r) => ({ label: `Rule ${r.priority}`, value: r.description })),
  ]
  if (!rules)
    return result(
      meta,
      'warn',
      'The lifecycle policy could not be read.',
      [...evidence, { label: 'Lifecycle policy', value: 'unreadable JSON' }],
      fix,
      now,
    )
  if (!rules.some((r) => r.expires))
    return result(meta, 'warn', 'The lifecycle policy has no rule that expires images.', evidence, fix, now)
  return result(meta, 'pass', `Old images expire (${rules.length} rule${rules.length === 1 ? '' : 's'}).`, evidence, null, now)
}

/** The `ecr-lifecycle` check: gathers its evidence, then evaluate(). */
export const ecrLifecycle: Check = {
  ...meta,
  async run(ctx) {
    const policy = await ctx.getLifecyclePolicy()
    if (!policy.ok) return errorResult(meta, policy.error, ctx.now, [{ label: 'Repository', value: ctx.settings.ecrRepository }])
    return evaluate({ repository: ctx.settings.ecrRepository, lifecyclePolicy: policy.data }, ctx.now)
  },
}
