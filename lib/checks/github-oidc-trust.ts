import 'server-only'

import type { CheckResult } from '@/lib/domain/checks'
import type { OidcProvider } from '@/lib/domain/iam'

import {
  conditionsHold,
  conditionValues,
  parsePolicy,
  principalMatches,
  statementCoversAction,
  trustAllows,
  type Statement,
} from './policy'
import { errorResult, firstError, result, type Evidence } from './result'
import type { Check } from './types'

const meta = { id: 'github-oidc-trust', title: 'GitHub Actions can assume the deploy role (OIDC trust)' } as const
const DOCS =
  'https://docs.github.com/en/actions/security-for-github-actions/security-hardening-your-deployments/configuring-openid-connect-in-amazon-web-services'
export const GITHUB_OIDC_HOST = 'token.actions.githubusercontent.com'
export const GITHUB_AUDIENCE = 'sts.amazonaws.com'
/** GitHub's published intermediate certificate thumbprints (IAM no longer uses them for GitHub, but the API requires one). */
const THUMBPRINTS = '6938fd4d98bab03faadb97b34396831e3780aea1 1c58a3a8518e8759bf075b76b750d4f2df264fcd'

export type GithubOidcTrustEvidence = {
  repo: string
  roleName: string
  accountId: string
  providers: OidcProvider[]
  /** Decoded JSON text of the role's AssumeRolePolicyDocument. */
  trustPolicy: string
}

/** The trust policy the documented setup describes, for the configured repository. */
export const expectedTrustPolicy = (providerArn: string, repo: string) => ({
  Version: '2012-10-17',
  Statement: [
    {
      Effect: 'Allow',
      Principal: { Federated: providerArn },
      Action: 'sts:AssumeRoleWithWebIdentity',
      Condition: {
        StringEquals: { [`${GITHUB_OIDC_HOST}:aud`]: GITHUB_AUDIENCE },
        StringLike: { [`${GITHUB_OIDC_HOST}:sub`]: `repo:${repo}:*` },
      },
    },
  ],
})

/** The repository a `sub` pattern names (`repo:<owner>/<repo>:…`), or the pattern itself. */
const repoOf = (pattern: string) => pattern.match(/^repo:([^:]+)/)?.[1] ?? pattern

/**
 * The OIDC provider for GitHub must exist with audience sts.amazonaws.com; the role's trust policy
 * must name it, require that audience, and let workflows of exactly the configured repository in.
 */
export function evaluate(e: GithubOidcTrustEvidence, now: Date): CheckResult {
  const evidence: Evidence = [
    { label: 'Repository (configured)', value: e.repo },
    { label: 'Role', value: e.roleName },
  ]
  const expectedArn = `arn:aws:iam::${e.accountId}:oidc-provider/${GITHUB_OIDC_HOST}`
  const provider = e.providers.find((p) => p.url.toLowerCase() === GITHUB_OIDC_HOST)
  evidence.push({
    label: 'OIDC provider',
    value: provider
      ? `${provider.arn} (audiences: ${provider.clientIds.join(', ') || 'none'})`
      : `missing (providers: ${e.providers.map((p) => p.url).join(', ') || 'none'})`,
  })
  const trustFix = (providerArn: string, why: string[]) => ({
    steps: [
      ...why,
      'Replace the trust policy with the one below (it keeps the documented shape: audience sts.amazonaws.com, any branch of the repository).',
      'Re-run the failed GitHub Actions job.',
    ],
    command: `cat > trust-policy.json <<'EOF'\n${JSON.stringify(expectedTrustPolicy(providerArn, e.repo), null, 2)}\nEOF\naws iam update-assume-role-policy --role-name ${e.roleName} --policy-document file://trust-policy.json`,
    docs: DOCS,
  })

  if (!provider) {
    return result(
      meta,
      'fail',
      `No IAM OIDC provider for ${GITHUB_OIDC_HOST}: GitHub's tokens cannot be exchanged for AWS credentials.`,
      evidence,
      {
        steps: ['Create the GitHub OIDC provider with audience sts.amazonaws.com.', `Make sure the role trusts ${expectedArn}.`],
        command: `aws iam create-open-id-connect-provider --url https://${GITHUB_OIDC_HOST} --client-id-list ${GITHUB_AUDIENCE} --thumbprint-list ${THUMBPRINTS}`,
        docs: DOCS,
      },
      now,
    )
  }
  if (!provider.clientIds.includes(GITHUB_AUDIENCE)) {
    return result(
      meta,
      'fail',
      `The GitHub OIDC provider does not accept the audience ${GITHUB_AUDIENCE}.`,
      evidence,
      {
        steps: [`Add ${GITHUB_AUDIENCE} as a client id (audience) of the provider.`],
        command: `aws iam add-client-id-to-open-id-connect-provider --open-id-connect-provider-arn ${provider.arn} --client-id ${GITHUB_AUDIENCE}`,
        docs: DOCS,
      },
      now,
    )
  }

  const parsed = parsePolicy(e.trustPolicy)
  if (!parsed.ok) {
    evidence.push({ label: 'Trust policy', value: 'not valid JSON' })
    return result(meta, 'fail', `The trust policy of ${e.roleName} could not be parsed.`, evidence, trustFix(provider.arn, []), now)
  }
  const policy = parsed.data
  const audKey = `${provider.url}:aud`
  const subKey = `${provider.url}:sub`
  const relevant: Statement[] = policy.statements.filter(
    (s) =>
      s.effect === 'Allow' && statementCoversAction(s, 'sts:AssumeRoleWithWebIdentity') && principalMatches(s, 'Federated', provider.arn),
  )
  const subPatterns = relevant.flatMap((s) => conditionValues(s, subKey).flatMap((c) => c.values.map((v) => `${c.operator} ${v}`)))
  const audValues = relevant.flatMap((s) => conditionValues(s, audKey).flatMap((c) => c.values.map((v) => `${c.operator} ${v}`)))
  const federated = policy.statements.flatMap((s) =>
    s.principals.flatMap((p) => (p === '*' ? ['*'] : p.values.map((v) => `${p.type}: ${v}`))),
  )
  evidence.push(
    { label: 'Trust policy principals', value: federated.join(', ') || 'none' },
    { label: 'Audience condition', value: audValues.join(', ') || 'none' },
    { label: 'Subject (sub) condition', value: subPatterns.join(', ') || 'none' },
  )
  if (relevant.length === 0) {
    return result(
      meta,
      'fail',
      `The trust policy of ${e.roleName} does not let ${provider.arn} call sts:AssumeRoleWithWebIdentity.`,
      evidence,
      trustFix(provider.arn, [`The policy must name the provider as Principal.Federated.`]),
      now,
    )
  }

  const ours = { [audKey]: GITHUB_AUDIENCE, [subKey]: `repo:${e.repo}:ref:refs/heads/main` }
  // Probes for a pattern that is too broad: a stranger's repository, and a sibling of ours under the same owner.
  const owner = e.repo.split('/')[0] ?? e.repo
  const strangers = [
    'repo:someone-else/another-repo:ref:refs/heads/main',
    `repo:${owner}/${e.repo.split('/')[1] ?? ''}-not-this-one:ref:refs/heads/main`,
  ]
  const allowed = trustAllows(policy, provider.arn, ours)
  if (allowed.allowed) {
    const admitted = strangers.filter((sub) => trustAllows(policy, provider.arn, { [audKey]: GITHUB_AUDIENCE, [subKey]: sub }).allowed)
    if (admitted.length > 0) {
      const who = admitted.length === strangers.length ? 'any GitHub repository' : `other repositories of ${owner}`
      return result(
        meta,
        'fail',
        `The trust policy lets workflows of ${who} assume the role, not only ${e.repo}.`,
        evidence,
        trustFix(provider.arn, [`Restrict the sub condition to repo:${e.repo}:*.`]),
        now,
      )
    }
    if (!allowed.by.every((s) => conditionValues(s, audKey).length > 0)) {
      return result(
        meta,
        'fail',
        `The trust policy does not require the audience ${GITHUB_AUDIENCE}.`,
        evidence,
        trustFix(provider.arn, [`Add StringEquals ${audKey} = ${GITHUB_AUDIENCE}.`]),
        now,
      )
    }
    return result(meta, 'pass', `Workflows of ${e.repo} can assume ${e.roleName}.`, evidence, null, now)
  }

  // Not allowed: say why — the audience, or which repository the sub condition names instead.
  const withAnySub = { [audKey]: GITHUB_AUDIENCE }
  const audOk = relevant.some((s) =>
    conditionsHold(
      s.conditions.filter((c) => c.key.toLowerCase() === audKey.toLowerCase()),
      withAnySub,
    ),
  )
  if (!audOk) {
    return result(
      meta,
      'fail',
      `The trust policy requires an audience other than ${GITHUB_AUDIENCE} (${audValues.join(', ')}).`,
      evidence,
      trustFix(provider.arn, [`Set the audience condition to ${GITHUB_AUDIENCE}.`]),
      now,
    )
  }
  const named = [...new Set(subPatterns.map((p) => repoOf(p.split(' ').slice(1).join(' '))))]
  const caseOnly = named.some((n) => n.toLowerCase() === e.repo.toLowerCase() && n !== e.repo)
  const why =
    named.length === 0
      ? 'it has no usable sub condition'
      : `it names ${named.join(', ')} instead of ${e.repo}${caseOnly ? ' (the case differs: StringLike is case-sensitive)' : ''}`
  return result(
    meta,
    'fail',
    `Workflows of ${e.repo} cannot assume ${e.roleName}: ${why}.`,
    evidence,
    trustFix(provider.arn, [`Set the sub condition to repo:${e.repo}:* exactly (owner/name as GitHub spells it).`]),
    now,
  )
}

/** The `github-oidc-trust` check: gathers its evidence, then evaluate(). */
export const githubOidcTrust: Check = {
  ...meta,
  async run(ctx) {
    const [role, arns] = await Promise.all([ctx.getRole(ctx.settings.githubRole), ctx.listOidcProviders()])
    if (!role.ok) return errorResult(meta, role.error, ctx.now, [{ label: 'Role', value: ctx.settings.githubRole }])
    if (!arns.ok) return errorResult(meta, arns.error, ctx.now)
    const providers = await Promise.all(arns.data.map((arn) => ctx.getOidcProvider(arn)))
    const failure = firstError(providers)
    if (failure) return errorResult(meta, failure, ctx.now)
    return evaluate(
      {
        repo: ctx.settings.githubRepo,
        roleName: role.data.name,
        accountId: ctx.settings.accountId,
        providers: providers.flatMap((p) => (p.ok ? [p.data] : [])),
        trustPolicy: role.data.trustPolicy,
      },
      ctx.now,
    )
  },
}
