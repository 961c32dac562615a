import 'server-only'

import type { AppError } from '@/lib/domain/errors'
import type { SetupAction, SetupStep } from '@/lib/domain/setup'
import { shortSha } from '@/lib/domain/sha.values'
import type { Result } from '@/lib/result'

import { databaseUrlFor, typicalMinutes } from './plan'
import type { SetupEvidence } from './read'
import { blockedStep, step, unknownStep, type Evidence } from './step'
import { alarmsStep } from './steps-alarms'
import { firstDeploymentStep, runtimeServiceStep } from './steps-runtime'

/*
 * The AWS setup document's steps decided from live AWS reads (lib/setup/read): the three it reports
 * done (images in ECR, the GitHub OIDC provider, the deploy role), then its next steps (the database,
 * the runtime service, the GitHub secrets with the first deployment, the four planned alarms). Each
 * has a status, the evidence it was decided from and exactly what to do. Pure.
 */

const action = (summary: string, rest: Partial<Omit<SetupAction, 'summary'>> = {}): SetupAction => ({
  summary,
  steps: [],
  commands: [],
  ...rest,
})

const failed = (...reads: Result<unknown>[]): AppError | null => {
  for (const r of reads) if (!r.ok) return r.error
  return null
}

function containerImages(e: SetupEvidence): SetupStep {
  const error = failed(e.repository, e.images)
  if (error || !e.repository.ok || !e.images.ok) return unknownStep('container-images', error as AppError)
  const repo = e.repository.data
  const images = e.images.data.images
  const newest = images[0]
  const evidence: Evidence = [
    { label: 'Repository', value: repo.uri },
    { label: 'Scan on push', value: repo.scanOnPush ? 'on' : 'off' },
  ]
  if (!newest)
    return step('container-images', {
      status: 'todo',
      summary: `${repo.name} has no images yet.`,
      evidence,
      action: action('Merge to main: the CD workflow builds the image and pushes it tagged with the commit SHA.', {
        docs: 'https://docs.aws.amazon.com/AmazonECR/latest/userguide/docker-push-ecr-image.html',
      }),
    })
  evidence.push(
    { label: 'Images', value: `${images.length}${e.images.data.nextCursor ? '+' : ''}` },
    { label: 'Newest', value: `${newest.sha ? shortSha(newest.sha) : (newest.tags[0] ?? newest.digest)} pushed ${newest.pushedAt}` },
  )
  return step('container-images', { status: 'done', summary: `${repo.name} holds the images CI pushes.`, evidence, action: null })
}

const GITHUB_HOST = 'token.actions.githubusercontent.com'

function oidcProvider(e: SetupEvidence): SetupStep {
  if (!e.providers.ok) return unknownStep('oidc-provider', e.providers.error)
  const github = e.providers.data.find((p) => p.url.replace(/^https:\/\//, '') === GITHUB_HOST)
  if (github && github.clientIds.includes('sts.amazonaws.com'))
    return step('oidc-provider', {
      status: 'done',
      summary: 'GitHub Actions can sign in to AWS without stored keys.',
      evidence: [
        { label: 'Provider', value: github.arn },
        { label: 'Client ids', value: github.clientIds.join(', ') },
      ],
      action: null,
    })
  return step('oidc-provider', {
    status: 'todo',
    summary: github ? `The provider does not accept the audience sts.amazonaws.com.` : `No OIDC provider for ${GITHUB_HOST}.`,
    evidence: github ? [{ label: 'Provider', value: github.arn }] : [],
    action: action('Create the provider (or add the client id) so GitHub Actions can exchange its token for AWS credentials.', {
      commands: [
        github
          ? {
              title: 'Add the audience',
              command: `aws iam add-client-id-to-open-id-connect-provider --open-id-connect-provider-arn ${github.arn} --client-id sts.amazonaws.com`,
            }
          : {
              title: 'Create the provider',
              command: `aws iam create-open-id-connect-provider --url https://${GITHUB_HOST} --client-id-list sts.amazonaws.com \\\n  --thumbprint-list 6938fd4d98bab03faadb97b34396831e3780aea1 1c58a3a8518e8759bf075b76b750d4f2df264fcd`,
            },
      ],
      docs: 'https://docs.github.com/en/actions/security-for-github-actions/security-hardening-your-deployments/configuring-openid-connect-in-amazon-web-services',
    }),
  })
}

function deployRole(e: SetupEvidence, providerDone: boolean): SetupStep {
  const verdicts = [e.oidcTrust, e.ecrPush]
  const broken = verdicts.find((c) => c.status === 'error')
  if (broken) return unknownStep('deploy-role', { code: 'aws_error', message: broken.summary ?? 'the role could not be read' })
  const evidence: Evidence = [
    { label: 'Role', value: `arn:aws:iam::${e.settings.accountId}:role/${e.settings.githubRole}` },
    ...verdicts.map((c) => ({ label: c.title, value: `${c.status}: ${c.summary ?? ''}` })),
  ]
  if (verdicts.every((c) => c.status === 'pass' || c.status === 'warn'))
    return step('deploy-role', {
      status: 'done',
      summary: `Workflows of ${e.settings.githubRepo} can assume the role and push images.`,
      evidence,
      action: null,
    })
  const fixes = verdicts.filter((c) => c.status === 'fail' && c.fix)
  const todo = action('Fix the role as the checks say:', {
    steps: fixes.flatMap((c) => c.fix?.steps ?? []),
    commands: fixes.flatMap((c) => (c.fix?.command ? [{ title: c.title, command: c.fix.command }] : [])),
    docs: fixes[0]?.fix?.docs,
  })
  if (!providerDone)
    return blockedStep('deploy-role', 'oidc-provider', 'The role trusts the GitHub OIDC provider, which is missing.', evidence, todo)
  return step('deploy-role', { status: 'todo', summary: fixes.map((c) => c.summary).join(' '), evidence, action: todo })
}

/** Statuses in which a new instance is still on its way to available for the first time. */
const CREATING = ['creating', 'backing-up', 'configuring-enhanced-monitoring', 'configuring-log-exports'] as const

function database(e: SetupEvidence): SetupStep {
  if (!e.database.ok) {
    if (e.database.error.code !== 'not_found') return unknownStep('database', e.database.error)
    const id = e.settings.rdsInstance
    return step('database', {
      status: 'todo',
      summary: `There is no RDS instance ${id}.`,
      evidence: [],
      action: action(
        'Create it as the document describes (PostgreSQL, db.t4g.micro, 20 GB gp2, 7-day backups); type a password of your own.',
        {
          commands: [
            {
              title: `Create ${id}`,
              command: `aws rds create-db-instance --region ${e.settings.region} --db-instance-identifier ${id} --engine postgres \\\n  --db-instance-class db.t4g.micro --allocated-storage 20 --storage-type gp2 --storage-encrypted \\\n  --master-username appfactory --master-user-password '<password>' --backup-retention-period 7 --no-multi-az`,
            },
          ],
          docs: 'https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/USER_CreateDBInstance.html',
        },
      ),
    })
  }
  const db = e.database.data
  const evidence: Evidence = [
    { label: 'Instance', value: `${db.identifier} (${db.engine}${db.engineVersion ? ` ${db.engineVersion}` : ''}, ${db.instanceClass})` },
    { label: 'Status', value: db.status },
  ]
  const requested = e.databaseRequested.ok ? e.databaseRequested.data : null
  if ((CREATING as readonly string[]).includes(db.status) && !db.endpoint) {
    if (requested) evidence.push({ label: 'Requested', value: `${requested.at}${requested.username ? ` by ${requested.username}` : ''}` })
    return step('database', {
      status: 'in-progress',
      summary: `${db.identifier} is being created (usually ${typicalMinutes.databaseCreate.low}–${typicalMinutes.databaseCreate.high} minutes). This page updates by itself.`,
      evidence,
      action: action('Wait for it; nothing else is needed. Its endpoint and DATABASE_URL appear here when it is available.'),
      progress: { startedAt: requested?.at ?? null, typicalMinutes: typicalMinutes.databaseCreate },
    })
  }
  if (!db.endpoint) {
    return step('database', {
      status: 'todo',
      summary: `${db.identifier} is ${db.status} and has no endpoint.`,
      evidence,
      action: action(db.status === 'stopped' ? 'Start it (the portal’s database page can).' : 'Read its recent events for the cause.', {
        commands: [
          db.status === 'stopped'
            ? { title: 'Start it', command: `aws rds start-db-instance --db-instance-identifier ${db.identifier}` }
            : {
                title: 'Recent events',
                command: `aws rds describe-events --source-type db-instance --source-identifier ${db.identifier} --duration 1440`,
              },
        ],
      }),
    })
  }
  const url = databaseUrlFor(db.masterUsername ?? 'appfactory', db.endpoint)
  evidence.push({ label: 'Endpoint', value: `${db.endpoint.address}:${db.endpoint.port}` }, { label: 'DATABASE_URL', value: url })
  return step('database', {
    status: db.status === 'stopped' || db.status === 'stopping' ? 'todo' : 'done',
    summary: db.status === 'available' ? `${db.identifier} is available.` : `${db.identifier} exists (${db.status}).`,
    evidence,
    action: action(
      'The app’s DATABASE_URL, with the password left out: the next step stores it as a secret (type the password where it says <password>).',
      {
        commands: [{ title: 'DATABASE_URL', command: url }],
      },
    ),
  })
}

/** The setup's seven steps in the document's order. */
export function setupSteps(e: SetupEvidence): SetupStep[] {
  const images = containerImages(e)
  const provider = oidcProvider(e)
  const role = deployRole(e, provider.status === 'done')
  const db = database(e)
  const runtimeService = runtimeServiceStep(e, db)
  const deployment = firstDeploymentStep(e, runtimeService)
  return [images, provider, role, db, runtimeService, deployment, alarmsStep(e)]
}
