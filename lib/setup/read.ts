import 'server-only'

import { findLatestRequest, type TrailRequest } from '@/lib/aws/cloudtrail'
import { listAlarms } from '@/lib/aws/cloudwatch'
import { getRepository, listImages } from '@/lib/aws/ecr'
import { runtime, type RuntimeSetupResources } from '@/lib/aws/runtime'
import { describeSecret, type SecretInfo } from '@/lib/aws/secrets'
import { createCheckContext } from '@/lib/checks/context'
import { runCheck } from '@/lib/checks/index'
import type { CheckContext, HealthProbe, Settings } from '@/lib/checks/types'
import type { CheckResult } from '@/lib/domain/checks'
import type { Database } from '@/lib/domain/database'
import type { OidcProvider } from '@/lib/domain/iam'
import type { ImagePage, Repository } from '@/lib/domain/image'
import type { AlarmList } from '@/lib/domain/metrics'
import type { SecurityGroup } from '@/lib/domain/network'
import { ruleCoversPort } from '@/lib/domain/network.values'
import type { OperationList, Service } from '@/lib/domain/service'
import { isNotCreated, type AlarmDefinition, type NotCreated } from '@/lib/domain/setup.values'
import { err, ok, type Result } from '@/lib/result'

import { databaseAlarms, plannedAlarmDefinitions } from './alarm-plan'
import { databaseUrlSecretName } from './plan'

/** Everything the setup's steps are decided from: each read on its own, so one failure affects only its steps. */
export type SetupEvidence = {
  now: Date
  settings: Settings & { alarmTopicArn: string | null; runtimeLabel: string }
  repository: Result<Repository>
  images: Result<ImagePage>
  providers: Result<OidcProvider[]>
  /** The `github-oidc-trust` and `ecr-push-permission` checks: the deploy role's verdicts. */
  oidcTrust: CheckResult
  ecrPush: CheckResult
  database: Result<Database>
  /** Who asked for the database, and when (CloudTrail's CreateDBInstance): the start of its creation. */
  databaseRequested: Result<TrailRequest | null>
  service: Result<Service | NotCreated>
  operations: Result<OperationList | NotCreated>
  /** The runtime's prerequisites that exist (VPC connector, auto scaling configuration). */
  resources: Result<RuntimeSetupResources>
  secret: Result<SecretInfo | null>
  roles: { access: Result<boolean>; instance: Result<boolean> }
  /** The database's security groups (and the existing connector's). */
  securityGroups: Result<SecurityGroup[]>
  /** The newest deployment call on the service (UpdateService or StartDeployment), with who made it. */
  lastDeployCall: Result<TrailRequest | null>
  health: HealthProbe | null
  alarms: Result<AlarmList>
  /** The four planned alarms, the runtime's with this service's dimensions (placeholders without a service). */
  planned: AlarmDefinition[]
}

/** Whether a role exists: false for not_found, the error for anything else. */
async function roleExists(ctx: CheckContext, name: string): Promise<Result<boolean>> {
  const r = await ctx.getRole(name)
  if (r.ok) return ok(true)
  return r.error.code === 'not_found' ? ok(false) : r
}

async function providersOf(ctx: CheckContext): Promise<Result<OidcProvider[]>> {
  const arns = await ctx.listOidcProviders()
  if (!arns.ok) return arns
  const all = await Promise.all(arns.data.map((arn) => ctx.getOidcProvider(arn)))
  const failed = all.find((p) => !p.ok)
  if (failed && !failed.ok) return failed
  return ok(all.flatMap((p) => (p.ok ? [p.data] : [])))
}

const checkResult = (r: Result<CheckResult>, id: string): CheckResult =>
  r.ok ? r.data : { id, title: id, status: 'error', summary: r.error.message, evidence: [], fix: null }

/**
 * Reads what the setup's steps need, in two rounds: everything that depends only on configuration at
 * once, then what depends on the first answers (the security groups of the database and connector,
 * the service's deployment calls and health).
 */
export async function readSetup(ctx: CheckContext = createCheckContext()): Promise<SetupEvidence> {
  const names = runtime.setupNames
  const [
    repository,
    images,
    providers,
    oidcTrust,
    ecrPush,
    database,
    databaseRequested,
    service,
    operations,
    resources,
    secret,
    access,
    instance,
    alarms,
  ] = await Promise.all([
    getRepository(),
    listImages({ pageSize: 20 }),
    providersOf(ctx),
    runCheck('github-oidc-trust', ctx),
    runCheck('ecr-push-permission', ctx),
    ctx.getDatabase(),
    findLatestRequest(['CreateDBInstance'], ctx.settings.rdsInstance),
    ctx.getService(),
    runtime.listOperations(),
    runtime.findSetupResources(),
    describeSecret(databaseUrlSecretName),
    roleExists(ctx, names.accessRole),
    roleExists(ctx, names.instanceRole),
    listAlarms(),
  ])
  const svc = service.ok && !isNotCreated(service.data) ? service.data : null
  const connectorGroups = resources.ok ? (resources.data.vpcConnector?.securityGroups ?? []) : []
  const groupIds = [...(database.ok ? database.data.securityGroupIds : []), ...connectorGroups]
  const [securityGroups, lastDeployCall, health] = await Promise.all([
    groupIds.length > 0 ? ctx.getSecurityGroups(groupIds) : Promise.resolve(ok<SecurityGroup[]>([])),
    svc ? findLatestRequest(['UpdateService', 'StartDeployment'], svc.arn) : Promise.resolve(ok(null)),
    svc?.url && svc.status !== 'PAUSED' ? ctx.probeHealth(svc.url) : Promise.resolve(null),
  ])
  return {
    now: ctx.now,
    settings: { ...ctx.settings, alarmTopicArn: ctx.alarmTopicArn, runtimeLabel: runtime.label },
    repository,
    images,
    providers,
    oidcTrust: checkResult(oidcTrust, 'github-oidc-trust'),
    ecrPush: checkResult(ecrPush, 'ecr-push-permission'),
    database,
    databaseRequested,
    service,
    operations,
    resources,
    secret,
    roles: { access, instance },
    securityGroups,
    lastDeployCall,
    health,
    alarms,
    planned: plannedAlarmDefinitions(
      runtime.plannedAlarms(svc),
      databaseAlarms(ctx.settings.rdsInstance, database.ok ? database.data.allocatedStorageGb : null),
    ),
  }
}

/**
 * The connector's security group and whether the database admits it: the existing connector's group,
 * else a group the database's groups already let in on its port (the one the document meant for the
 * connector), else none yet.
 */
export function connectorNetwork(
  database: Database,
  groups: readonly SecurityGroup[],
  existingConnectorGroups: readonly string[],
): { connectorSecurityGroup: string | null; databaseAdmitsConnector: boolean; port: number } {
  const port = database.endpoint?.port ?? 5432
  const dbGroups = groups.filter((g) => database.securityGroupIds.includes(g.id))
  const admitted = dbGroups.flatMap((g) =>
    g.ingress
      .filter((r) => ruleCoversPort(r, port))
      .flatMap((r) => r.sourceGroupIds.filter((id) => !database.securityGroupIds.includes(id))),
  )
  const connectorSecurityGroup = existingConnectorGroups[0] ?? admitted[0] ?? null
  return {
    connectorSecurityGroup,
    databaseAdmitsConnector: connectorSecurityGroup !== null && admitted.includes(connectorSecurityGroup),
    port,
  }
}

/** A failed read among several, if any. */
export function failureOf(...reads: Result<unknown>[]): Result<never> | null {
  for (const r of reads) if (!r.ok) return err(r.error)
  return null
}
