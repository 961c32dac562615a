import 'server-only'

import { runtime, type RuntimeSetupSettings } from '@/lib/aws/runtime'
import type { SetupAction, SetupStep } from '@/lib/domain/setup'
import { isOperationActive } from '@/lib/domain/service.values'
import { isNotCreated } from '@/lib/domain/setup.values'
import { shortSha } from '@/lib/domain/sha.values'

import { databaseUrlFor, databaseUrlSecretName, documentedEnvironment, typicalMinutes } from './plan'
import { connectorNetwork, type SetupEvidence } from './read'
import { blockedStep, step, unknownStep, type Evidence } from './step'

/*
 * The runtime's two steps: creating the service (the runtime's exact CLI sequence, filled in with live
 * values) and the GitHub secrets with the first deployment through GitHub Actions. Pure.
 */

/** The runtime guide's settings from what AWS answered (unknowns left to the guide's placeholders). */
export function guideSettings(e: SetupEvidence): RuntimeSetupSettings {
  const db = e.database.ok ? e.database.data : null
  const resources = e.resources.ok ? e.resources.data : { vpcConnector: null, autoScaling: null }
  const network = db
    ? connectorNetwork(db, e.securityGroups.ok ? e.securityGroups.data : [], resources.vpcConnector?.securityGroups ?? [])
    : { connectorSecurityGroup: null, databaseAdmitsConnector: false, port: 5432 }
  const newest = e.images.ok ? e.images.data.images.find((i) => i.sha) : undefined
  return {
    serviceName: e.settings.appRunnerService,
    region: e.settings.region,
    accountId: e.settings.accountId,
    repositoryUri: e.repository.ok
      ? e.repository.data.uri
      : `${e.settings.accountId}.dkr.ecr.${e.settings.region}.amazonaws.com/${e.settings.ecrRepository}`,
    healthPath: e.settings.healthPath,
    imageSha: newest?.sha ?? null,
    databaseUrl: db?.endpoint ? databaseUrlFor(db.masterUsername ?? 'appfactory', db.endpoint) : null,
    environment: [...documentedEnvironment],
    secret: { name: databaseUrlSecretName, arn: e.secret.ok ? (e.secret.data?.arn ?? null) : null },
    network: {
      vpcId: db?.vpcId ?? null,
      subnets: resources.vpcConnector?.subnets.length ? resources.vpcConnector.subnets : (db?.subnetIds ?? []),
      databaseSecurityGroup: db?.securityGroupIds[0] ?? null,
      connectorSecurityGroup: network.connectorSecurityGroup,
      databaseAdmitsConnector: network.databaseAdmitsConnector,
      databasePort: network.port,
    },
    existing: {
      ...resources,
      accessRole: e.roles.access.ok ? e.roles.access.data : false,
      instanceRole: e.roles.instance.ok ? e.roles.instance.data : false,
    },
  }
}

/** What could not be checked before writing the commands (they then create it again, and AWS says if it exists). */
function unchecked(e: SetupEvidence): Evidence {
  const reads: [string, { ok: boolean; error?: { message: string } }][] = [
    ['VPC connector and auto scaling', e.resources],
    ['DATABASE_URL secret', e.secret],
    ['Access role', e.roles.access],
    ['Instance role', e.roles.instance],
    ['Security groups', e.securityGroups],
  ]
  return reads.flatMap(([label, r]) => (r.ok ? [] : [{ label: `${label} (not checked)`, value: r.error?.message ?? 'unknown' }]))
}

export function runtimeServiceStep(e: SetupEvidence, db: SetupStep): SetupStep {
  if (!e.service.ok) return unknownStep('runtime-service', e.service.error)
  const label = e.settings.runtimeLabel
  if (!isNotCreated(e.service.data)) {
    const s = e.service.data
    const operations = e.operations.ok && !isNotCreated(e.operations.data) ? e.operations.data.operations : []
    const creation = operations.find((o) => o.type === 'CREATE_SERVICE')
    const secret = s.env.find((v) => v.name === 'DATABASE_URL')
    const evidence: Evidence = [
      { label: 'Service', value: s.arn },
      { label: 'Status', value: s.status },
      { label: 'URL', value: s.url ?? 'none yet' },
      { label: 'Image', value: s.sha ? shortSha(s.sha) : (s.imageTag ?? 'unknown') },
      { label: 'Size', value: [s.cpu && `${s.cpu} CPU`, s.memory && `${s.memory} memory`].filter(Boolean).join(', ') || 'unknown' },
      {
        label: 'Egress',
        value: s.egress.type === 'VPC' ? `VPC connector ${s.egress.vpcConnectorArn ?? ''}` : 'public internet (no VPC connector)',
      },
      {
        label: 'DATABASE_URL',
        value: secret ? (secret.source === 'secret' ? `from the secret ${secret.value}` : 'a plain variable') : 'not set',
      },
    ]
    if (creation && isOperationActive(creation.status))
      return step('runtime-service', {
        status: 'in-progress',
        summary: `${label} is creating ${s.name}: pulling the image and checking ${e.settings.healthPath}.`,
        evidence,
        action: null,
        progress: { startedAt: creation.startedAt, typicalMinutes: typicalMinutes.serviceCreate },
      })
    if (s.status === 'CREATE_FAILED')
      return step('runtime-service', {
        status: 'todo',
        summary: `${label} could not create ${s.name}: its log says why. Delete it, fix the cause, and create it again.`,
        evidence,
        action: {
          summary: 'Read why, delete the failed service, then run the create commands again.',
          steps: ['A failed service cannot be repaired; App Runner keeps it (counting towards the quota) until it is deleted.'],
          commands: [
            { title: 'Why it failed', command: `aws logs tail ${runtime.logGroupName(s, 'service')} --since 1h` },
            { title: 'Delete it', command: `aws apprunner delete-service --region ${e.settings.region} --service-arn ${s.arn}` },
          ],
        },
      })
    return step('runtime-service', { status: 'done', summary: `${s.name} exists (${s.status}).`, evidence, action: null })
  }
  const guide = runtime.setupGuide(guideSettings(e))
  const settings = guideSettings(e)
  const evidence: Evidence = [
    { label: 'Service', value: `${e.service.data.resource}: not created yet` },
    { label: 'Image', value: settings.imageSha ? `${settings.repositoryUri}:${settings.imageSha}` : 'none in the repository yet' },
    { label: 'Subnets', value: settings.network.subnets.join(', ') || 'unknown' },
    { label: 'Connector security group', value: settings.network.connectorSecurityGroup ?? 'none yet (the commands create one)' },
    {
      label: 'Database security group',
      value: `${settings.network.databaseSecurityGroup ?? 'unknown'}${settings.network.databaseAdmitsConnector ? ` admits the connector's on ${settings.network.databasePort}` : ''}`,
    },
    { label: 'Exists already', value: existingList(settings) },
    ...unchecked(e),
  ]
  const action: SetupAction = {
    summary: guide.title,
    steps: guide.steps,
    commands: guide.commands,
    caveat: guide.refusal,
    docs: guide.docs,
  }
  if (db.status !== 'done')
    return blockedStep(
      'runtime-service',
      'database',
      `Waits for the database: the service needs its endpoint in DATABASE_URL.`,
      evidence,
      action,
    )
  return step('runtime-service', { status: 'todo', summary: `${e.service.data.resource} is not created yet.`, evidence, action })
}

function existingList(s: RuntimeSetupSettings): string {
  const names = runtime.setupNames
  const found = [
    s.secret.arn && `secret ${s.secret.name}`,
    s.existing.instanceRole && names.instanceRole,
    s.existing.accessRole && names.accessRole,
    s.existing.vpcConnector && names.vpcConnector,
    s.existing.autoScaling && names.autoScaling,
  ].filter(Boolean)
  return found.length > 0 ? found.join(', ') : 'none of what the commands create'
}

/** The repository secrets the CD workflow reads, with this account's values. */
function secretsTable(e: SetupEvidence, serviceArn: string | null): NonNullable<SetupAction['table']> {
  return [
    { name: 'AWS_REGION', value: e.settings.region, purpose: 'AWS region for deployment' },
    { name: 'AWS_ACCOUNT_ID', value: e.settings.accountId, purpose: 'The AWS account' },
    {
      name: 'AWS_ROLE_ARN',
      value: `arn:aws:iam::${e.settings.accountId}:role/${e.settings.githubRole}`,
      purpose: 'The role GitHub Actions assumes (OIDC)',
    },
    {
      name: 'APP_RUNNER_SERVICE_ARN',
      value: serviceArn ?? '(known once step 5 has created the service)',
      purpose: `The ${e.settings.runtimeLabel} service the workflow updates`,
    },
  ]
}

const ghCommands = (e: SetupEvidence, table: NonNullable<SetupAction['table']>) => [
  {
    title: 'Add them with the GitHub CLI (or in the repository: Settings → Secrets and variables → Actions)',
    command: table.map((r) => `gh secret set ${r.name} --repo ${e.settings.githubRepo} --body '${r.value}'`).join('\n'),
  },
]

export function firstDeploymentStep(e: SetupEvidence, runtimeService: SetupStep): SetupStep {
  const svc = e.service.ok && !isNotCreated(e.service.data) ? e.service.data : null
  const table = secretsTable(e, svc?.arn ?? null)
  if (!svc || runtimeService.status !== 'done')
    return blockedStep(
      'first-deployment',
      'runtime-service',
      'Waits for the service: the workflow updates it, and APP_RUNNER_SERVICE_ARN names it.',
      [],
      { summary: 'The secrets the CD workflow needs (three are known now):', steps: [], commands: [], table },
    )
  const operations = e.operations.ok && !isNotCreated(e.operations.data) ? e.operations.data.operations : []
  const deployments = operations.filter((o) => o.type === 'UPDATE_SERVICE' || o.type === 'START_DEPLOYMENT')
  const running = deployments.find((o) => isOperationActive(o.status))
  const succeeded = deployments.find((o) => o.status === 'SUCCEEDED')
  const call = e.lastDeployCall.ok ? e.lastDeployCall.data : null
  const byGitHub = call?.roleName === e.settings.githubRole
  const healthy = e.health !== null && e.health.status !== null && e.health.status >= 200 && e.health.status < 300
  const evidence: Evidence = [
    {
      label: 'Last deployment call',
      value: call
        ? `${call.eventName} ${call.at} by ${byGitHub ? `GitHub Actions (${call.roleName})` : (call.username ?? 'unknown')}`
        : e.lastDeployCall.ok
          ? 'none yet'
          : `not readable: ${e.lastDeployCall.error.message}`,
    },
    { label: 'Deployments', value: succeeded ? `succeeded (${succeeded.id})` : running ? `running (${running.id})` : 'none yet' },
    {
      label: `${e.settings.healthPath}`,
      value: e.health
        ? e.health.status !== null
          ? `${e.health.url} answered ${e.health.status}`
          : `${e.health.url}: ${e.health.error ?? 'no answer'}`
        : 'not probed',
    },
  ]
  if (running)
    return step('first-deployment', {
      status: 'in-progress',
      summary: `A deployment is running${byGitHub ? ' (GitHub Actions)' : ''}.`,
      evidence,
      action: null,
      progress: { startedAt: running.startedAt, typicalMinutes: typicalMinutes.deployment },
    })
  if (byGitHub && succeeded && healthy)
    return step('first-deployment', {
      status: 'done',
      summary: `GitHub Actions deployed ${svc.name} and ${svc.url ?? 'its URL'}${e.settings.healthPath} answers.`,
      evidence,
      action: null,
    })
  return step('first-deployment', {
    status: 'todo',
    summary:
      byGitHub && succeeded
        ? `GitHub Actions deployed, but ${e.settings.healthPath} does not answer yet.`
        : 'GitHub Actions has not deployed the service yet.',
    evidence,
    action: {
      summary: 'Add the repository secrets, then push to main (or re-run the CD workflow): it builds, pushes and updates the service.',
      steps: [
        'The portal cannot read GitHub’s secrets: a successful deployment by GitHub Actions (seen in the deployment history) is what proves them.',
        `Done when that deployment succeeded and ${svc.url ?? 'the service URL'}${e.settings.healthPath} answers.`,
      ],
      commands: ghCommands(e, table),
      table,
    },
  })
}
