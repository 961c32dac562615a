import { describe, expect, it } from 'vitest'

import { runtime } from '@/lib/aws/runtime'
import type { CheckResult } from '@/lib/domain/checks'
import type { Database } from '@/lib/domain/database'
import type { Alarm } from '@/lib/domain/metrics'
import type { SecurityGroup } from '@/lib/domain/network'
import type { EnvVar, Service, VpcConnector } from '@/lib/domain/service'
import { notCreated } from '@/lib/domain/setup.values'
import { databaseAlarms, plannedAlarmDefinitions } from '@/lib/setup/alarm-plan'

import * as alarms from './alarms-configured'
import * as connectivity from './apprunner-rds-connectivity'
import * as dbUrl from './database-url'
import * as findings from './deployed-image-findings'
import * as ecrEnc from './ecr-encryption'
import * as lifecycle from './ecr-lifecycle'
import * as push from './ecr-push-permission'
import * as scan from './ecr-scan-on-push'
import * as trust from './github-oidc-trust'
import * as health from './health-endpoint'
import * as leastPriv from './iam-least-privilege'
import * as plaintext from './plaintext-secrets'
import * as autoStart from './rds-auto-start'
import * as available from './rds-available'
import * as backups from './rds-backups'
import * as rdsEnc from './rds-encryption'
import * as publicAccess from './rds-public-access'
import { errorResult, exitCodeFor } from './result'

const now = new Date('2026-11-28T03:00:00.000Z')
const ENDPOINT = 'appfactory-db.c9akciq32xyz.eu-central-1.rds.amazonaws.com'
const SECRET = 'AppFactoryDB2026!'
const CONNECTOR_SG = 'sg-connector'
const DB_SG = 'sg-db'
const VPC = 'vpc-1'
const SERVICE_ARN = 'arn:aws:apprunner:eu-central-1:082609687527:service/appfactory-app-service/abc'
const PROVIDER = 'arn:aws:iam::082609687527:oidc-provider/token.actions.githubusercontent.com'

const db = (over: Partial<Database> = {}): Database => ({
  identifier: 'appfactory-db',
  arn: null,
  status: 'available',
  engine: 'postgres',
  engineVersion: '15.15',
  instanceClass: 'db.t4g.micro',
  allocatedStorageGb: 20,
  storageType: 'gp2',
  storageEncrypted: true,
  endpoint: { address: ENDPOINT, port: 5432 },
  publiclyAccessible: false,
  multiAz: false,
  backupRetentionDays: 7,
  latestRestorableTime: null,
  securityGroupIds: [DB_SG],
  vpcId: VPC,
  subnetIds: [],
  masterUsername: 'appfactory',
  automaticRestartTime: null,
  createdAt: null,
  fetchedAt: now.toISOString(),
  ...over,
})

const plain = (name: string, value: string, isRedacted = false): EnvVar => ({ name, value, source: 'plain', isRedacted })
const redactedUrl = `postgresql://appfactory:****@${ENDPOINT}:5432/postgres`

const service = (over: Partial<Service> = {}): Service => ({
  runtime: 'apprunner',
  consoleUrl: 'https://eu-central-1.console.aws.amazon.com/apprunner/home',
  name: 'appfactory-app-service',
  id: 'abc',
  arn: SERVICE_ARN,
  status: 'RUNNING',
  url: 'abc.eu-central-1.awsapprunner.com',
  imageIdentifier: '082609687527.dkr.ecr.eu-central-1.amazonaws.com/appfactory-app:1111111111111111111111111111111111111111',
  imageTag: '1111111111111111111111111111111111111111',
  sha: '1111111111111111111111111111111111111111',
  imageRepositoryType: 'ECR',
  autoDeploymentsEnabled: false,
  port: '3000',
  cpu: '1024',
  memory: '2048',
  healthCheck: { protocol: 'HTTP', path: '/health', intervalSeconds: 10, timeoutSeconds: 5, healthyThreshold: 1, unhealthyThreshold: 5 },
  autoScaling: { arn: null, name: null, minSize: 1, maxSize: 10, maxConcurrency: 100 },
  egress: { type: 'VPC', vpcConnectorArn: 'arn:connector' },
  env: [plain('NODE_ENV', 'production'), plain('DATABASE_URL', redactedUrl, true)],
  createdAt: null,
  updatedAt: null,
  fetchedAt: now.toISOString(),
  ...over,
})

const statuses = (r: CheckResult) => r.status

describe('every result', () => {
  it('a pass has no fix; anything else has steps', () => {
    const pass = available.evaluate({ database: db() }, now)
    expect(pass).toMatchObject({ id: 'rds-available', status: 'pass', fix: null, ranAt: now.toISOString() })
    const fail = available.evaluate({ database: db({ status: 'stopped' }) }, now)
    expect(fail.fix?.steps.length).toBeGreaterThan(0)
    expect(fail.fix?.command).toContain('aws rds start-db-instance --db-instance-identifier appfactory-db')
  })
})

describe('rds-available', () => {
  it.each([
    ['available', 'pass'],
    ['stopped', 'fail'],
    ['stopping', 'fail'],
    ['starting', 'fail'],
    ['backing-up', 'warn'],
    ['modifying', 'warn'],
    ['storage-full', 'fail'],
    ['incompatible-parameters', 'fail'],
  ])('%s', (status, expected) => {
    expect(statuses(available.evaluate({ database: db({ status }) }, now))).toBe(expected)
  })

  it('says when AWS restarts a stopped instance', () => {
    const r = available.evaluate({ database: db({ status: 'stopped', automaticRestartTime: '2026-12-03T03:00:00.000Z' }) }, now)
    expect(r.evidence).toContainEqual({ label: 'AWS restarts it automatically', value: '2026-12-03T03:00:00.000Z (in 5 days)' })
  })
})

describe('rds-auto-start', () => {
  it.each<[string, string | null, string, string | null]>([
    ['available', null, 'pass', null],
    ['stopped', '2026-12-04T03:00:00.000Z', 'warn', 'in 6 days'],
    ['stopped', '2026-11-28T05:00:00.000Z', 'warn', 'in 2 hours'],
    ['stopped', null, 'warn', 'within 7 days'],
    ['stopping', null, 'warn', 'within 7 days'],
  ])('%s (restart %s) → %s', (status, automaticRestartTime, expected, phrase) => {
    const r = autoStart.evaluate({ database: db({ status, automaticRestartTime }) }, now)
    expect(r.status).toBe(expected)
    if (phrase) expect(r.summary).toContain(phrase)
  })
})

describe('rds-encryption / rds-public-access / rds-backups', () => {
  it.each<[string, () => CheckResult, string]>([
    ['encrypted', () => rdsEnc.evaluate({ database: db() }, now), 'pass'],
    ['not encrypted', () => rdsEnc.evaluate({ database: db({ storageEncrypted: false }) }, now), 'warn'],
    ['private', () => publicAccess.evaluate({ database: db() }, now), 'pass'],
    ['public (the documented setup)', () => publicAccess.evaluate({ database: db({ publiclyAccessible: true }) }, now), 'warn'],
    ['backups 7 days', () => backups.evaluate({ database: db({ backupRetentionDays: 7 }) }, now), 'pass'],
    ['backups 35 days', () => backups.evaluate({ database: db({ backupRetentionDays: 35 }) }, now), 'pass'],
    ['backups 6 days', () => backups.evaluate({ database: db({ backupRetentionDays: 6 }) }, now), 'warn'],
    ['backups 1 day', () => backups.evaluate({ database: db({ backupRetentionDays: 1 }) }, now), 'warn'],
    ['backups off', () => backups.evaluate({ database: db({ backupRetentionDays: 0 }) }, now), 'fail'],
  ])('%s', (_name, run, expected) => {
    expect(run().status).toBe(expected)
  })

  it('public access fix is the exact CLI command', () => {
    expect(publicAccess.evaluate({ database: db({ publiclyAccessible: true }) }, now).fix?.command).toBe(
      'aws rds modify-db-instance --db-instance-identifier appfactory-db --no-publicly-accessible --apply-immediately',
    )
  })
})

describe('ecr-scan-on-push / ecr-encryption / ecr-lifecycle', () => {
  const repo = { name: 'appfactory-app', scanOnPush: true, encryptionType: 'AES256' }
  it.each<[string, () => CheckResult, string]>([
    ['scan on push', () => scan.evaluate({ repository: repo }, now), 'pass'],
    ['no scan on push', () => scan.evaluate({ repository: { ...repo, scanOnPush: false } }, now), 'warn'],
    ['AES256', () => ecrEnc.evaluate({ repository: repo }, now), 'pass'],
    ['KMS', () => ecrEnc.evaluate({ repository: { ...repo, encryptionType: 'KMS' } }, now), 'pass'],
    ['unknown encryption', () => ecrEnc.evaluate({ repository: { ...repo, encryptionType: '' } }, now), 'warn'],
    [
      'no lifecycle policy (the documented setup)',
      () => lifecycle.evaluate({ repository: 'appfactory-app', lifecyclePolicy: null }, now),
      'warn',
    ],
    [
      'expire rule',
      () =>
        lifecycle.evaluate(
          { repository: 'appfactory-app', lifecyclePolicy: { text: JSON.stringify(lifecycle.suggestedLifecyclePolicy) } },
          now,
        ),
      'pass',
    ],
    ['unreadable policy', () => lifecycle.evaluate({ repository: 'appfactory-app', lifecyclePolicy: { text: '{' } }, now), 'warn'],
    ['no expire rule', () => lifecycle.evaluate({ repository: 'appfactory-app', lifecyclePolicy: { text: '{"rules":[]}' } }, now), 'warn'],
  ])('%s', (_name, run, expected) => {
    expect(run().status).toBe(expected)
  })
})

describe('deployed-image-findings', () => {
  const image = (counts: Record<string, number>, status: 'COMPLETE' | 'IN_PROGRESS' = 'COMPLETE') => ({
    digest: 'sha256:abc',
    tags: ['1111111111111111111111111111111111111111'],
    pushedAt: now.toISOString(),
    scan: { status, findings: counts },
  })
  it.each<[string, ReturnType<typeof image> | null, string]>([
    ['clean', image({ MEDIUM: 3, LOW: 2 }), 'pass'],
    ['CRITICAL', image({ CRITICAL: 1 }), 'warn'],
    ['HIGH', image({ HIGH: 2 }), 'warn'],
    ['scan still running', image({}, 'IN_PROGRESS'), 'warn'],
    ['image not in the repository', null, 'warn'],
  ])('%s', (_name, img, expected) => {
    expect(findings.evaluate({ repository: 'appfactory-app', service: service(), image: img }, now).status).toBe(expected)
  })
})

describe('plaintext-secrets', () => {
  it.each<[string, EnvVar[], string]>([
    ['DATABASE_URL with a password (the documented setup)', [plain('DATABASE_URL', redactedUrl, true)], 'warn'],
    ['a secret-named variable', [plain('API_TOKEN', '****', true)], 'warn'],
    ['only harmless variables', [plain('NODE_ENV', 'production'), plain('PORT', '3000')], 'pass'],
    [
      'DATABASE_URL as a secret reference',
      [{ name: 'DATABASE_URL', value: 'arn:aws:secretsmanager:eu-central-1:1:secret:db', source: 'secret', isRedacted: false }],
      'pass',
    ],
  ])('%s', (_name, env, expected) => {
    expect(plaintext.evaluate({ service: service({ env }) }, now).status).toBe(expected)
  })
})

describe('database-url', () => {
  it.each<[string, EnvVar[], Partial<Database>, string, string?]>([
    ['matches the endpoint', [plain('DATABASE_URL', redactedUrl, true)], {}, 'pass'],
    ['postgres:// scheme, default port', [plain('DATABASE_URL', `postgres://u:****@${ENDPOINT}/db`, true)], {}, 'pass'],
    ['host differs in case only', [plain('DATABASE_URL', `postgresql://u:p@${ENDPOINT.toUpperCase()}:5432/db`)], {}, 'pass'],
    ['missing', [plain('NODE_ENV', 'production')], {}, 'fail', 'missing'],
    ['not a URL', [plain('DATABASE_URL', 'host=db user=x')], {}, 'fail', 'not a PostgreSQL URL'],
    ['mysql URL', [plain('DATABASE_URL', `mysql://u:p@${ENDPOINT}:5432/db`)], {}, 'fail', 'not a PostgreSQL URL'],
    ['wrong host', [plain('DATABASE_URL', 'postgresql://u:p@old-db.example.com:5432/db')], {}, 'fail', 'wrong host'],
    ['wrong port', [plain('DATABASE_URL', `postgresql://u:p@${ENDPOINT}:5433/db`)], {}, 'fail', 'port 5433'],
    ['secret reference', [{ name: 'DATABASE_URL', value: 'arn:aws:secretsmanager:x', source: 'secret', isRedacted: false }], {}, 'pass'],
    ['no endpoint while creating', [plain('DATABASE_URL', redactedUrl, true)], { endpoint: null, status: 'creating' }, 'warn'],
  ])('%s', (_name, env, dbOver, expected, phrase) => {
    const r = dbUrl.evaluate({ service: service({ env }), database: db(dbOver) }, now)
    expect(r.status).toBe(expected)
    if (phrase) expect(r.summary).toContain(phrase)
  })

  it('never shows the password, even when the value reached it unredacted', () => {
    const r = dbUrl.evaluate(
      { service: service({ env: [plain('DATABASE_URL', `postgresql://appfactory:${SECRET}@wrong:5432/postgres`)] }), database: db() },
      now,
    )
    expect(JSON.stringify(r)).not.toContain(SECRET)
  })

  it('parses PostgreSQL URLs', () => {
    expect(dbUrl.parseDatabaseUrl(`postgresql://appfactory:x@${ENDPOINT}:5432/postgres`)).toEqual({
      host: ENDPOINT,
      port: 5432,
      database: 'postgres',
      user: 'appfactory',
    })
    expect(dbUrl.parseDatabaseUrl('https://example.com')).toBeNull()
  })
})

describe('health-endpoint', () => {
  const probe = (status: number | null, error?: string) => ({
    url: 'https://abc.eu-central-1.awsapprunner.com/health',
    status,
    ms: 42,
    error,
  })
  const traffic = (requests: number, fiveXx: number) => ({ requests, fiveXx })
  it.each<[string, Partial<Service>, ReturnType<typeof probe> | null, health.HealthEndpointEvidence['traffic'], string]>([
    ['200', {}, probe(200), traffic(100, 0), 'pass'],
    ['204', {}, probe(204), traffic(100, 0), 'pass'],
    ['503 (app cannot reach its database)', {}, probe(503), traffic(100, 80), 'fail'],
    ['302 (redirect to sign-in)', {}, probe(302), traffic(100, 0), 'fail'],
    ['timeout', {}, probe(null, 'no answer within 3 s'), traffic(0, 0), 'fail'],
    ['paused', { status: 'PAUSED' }, null, traffic(0, 0), 'fail'],
    ['no URL', { url: null, status: 'CREATE_FAILED' }, null, traffic(0, 0), 'fail'],
    ['200 but 10 % 5xx', {}, probe(200), traffic(100, 10), 'warn'],
    ['200 and 5 % 5xx (at the threshold)', {}, probe(200), traffic(100, 5), 'pass'],
    ['200, no metric data', {}, probe(200), { requests: null, fiveXx: null }, 'pass'],
    ['200, metrics denied', {}, probe(200), { code: 'aws_denied', message: 'denied', awsCode: 'AccessDenied' }, 'pass'],
  ])('%s', (_name, over, p, t, expected) => {
    expect(
      health.evaluate(
        { service: service(over), healthPath: '/health', probe: p, logGroup: '/aws/apprunner/x/abc/application', traffic: t },
        now,
      ).status,
    ).toBe(expected)
  })

  it("sums requests and 5xx from the service's metrics", () => {
    const series = (key: string, vs: number[]) => ({
      id: `service.${key}`,
      source: 'service' as const,
      label: key,
      metricName: key,
      namespace: 'AWS/AppRunner',
      stat: 'Sum',
      unit: 'Count',
      points: vs.map((v, i) => ({ t: String(i), v })),
    })
    const m = {
      range: '1h' as const,
      periodSeconds: 60,
      start: '',
      end: '',
      fetchedAt: '',
      sources: { service: { fetchedAt: '' }, database: { fetchedAt: '' } },
      series: [series('requests', [10, 20]), series('5xx', [1, 2]), series('4xx', [7])],
    }
    expect(health.trafficOf(m)).toEqual({ requests: 30, fiveXx: 3 })
    expect(health.trafficOf({ ...m, series: [] })).toEqual({ requests: null, fiveXx: null })
    const refused = { code: 'aws_error' as const, message: 'CloudWatch refused the query for 5xx responses.' }
    expect(health.trafficOf({ ...m, series: [series('requests', [10]), { ...series('5xx', []), error: refused }] })).toEqual(refused)
  })
})

describe('alarms-configured', () => {
  // Each on its resource: the database's by DBInstanceIdentifier, the service's by ServiceName and ServiceID.
  const dimensionsOf = (namespace: string) =>
    namespace === 'AWS/RDS'
      ? [{ name: 'DBInstanceIdentifier', value: 'd' }]
      : [
          { name: 'ServiceName', value: 's' },
          { name: 'ServiceID', value: 'abc' },
        ]
  const alarm = (name: string, namespace: string, metricName: string, state: Alarm['state'] = 'OK'): Alarm => ({
    name,
    arn: null,
    description: null,
    state,
    reason: null,
    since: null,
    namespace,
    metricName,
    statistic: 'Average',
    dimensions: dimensionsOf(namespace),
    threshold: 1,
    comparison: null,
    periodSeconds: 60,
    evaluationPeriods: 1,
  })
  const all = [
    alarm('appfactory-apprunner-health-check-failures', 'AWS/AppRunner', 'ActiveInstances'),
    alarm('cpu', 'AWS/RDS', 'CPUUtilization'),
    alarm('storage', 'AWS/RDS', 'FreeStorageSpace'),
    alarm('errors', 'AWS/AppRunner', '5xxStatusResponses'),
  ]
  const settings = {
    accountId: '1',
    region: 'eu-central-1',
    ecrRepository: 'r',
    appRunnerService: 's',
    rdsInstance: 'd',
    githubRole: 'g',
    githubRepo: 'o/r',
    healthPath: '/health',
    schedulerRoleArn: 'arn:aws:iam::082609687527:role/s',
    scheduleGroup: 'appfactory-portal',
  }
  const identity = { name: 's', id: 'abc', arn: 'arn:aws:apprunner:eu-central-1:1:service/s/abc' }
  const planned = plannedAlarmDefinitions(runtime.plannedAlarms(identity), databaseAlarms('d', 20))
  const evidence = (list: Alarm[]) => ({ alarms: list, settings, planned, serviceNotCreated: null, topicArn: null })
  it.each<[string, Alarm[], string]>([
    ['all four, all OK', all, 'pass'],
    ['one firing', [...all.slice(0, 3), alarm('errors', 'AWS/AppRunner', '5xxStatusResponses', 'ALARM')], 'warn'],
    ['storage alarm missing', all.filter((a) => a.name !== 'storage'), 'warn'],
    ['none', [], 'warn'],
    [
      'storage alarm on another database',
      [...all.slice(0, 2), { ...all[2]!, dimensions: [{ name: 'DBInstanceIdentifier', value: 'other' }] }, all[3]!],
      'warn',
    ],
  ])('%s', (_name, list, expected) => {
    expect(alarms.evaluate(evidence(list), now).status).toBe(expected)
  })

  it('gives the command for each missing alarm', () => {
    const r = alarms.evaluate(evidence([]), now)
    expect(r.fix?.command?.match(/^aws cloudwatch put-metric-alarm /gm)).toHaveLength(4)
    // The service's alarms select it by every dimension CloudWatch keys its metrics by.
    expect(r.fix?.command).toContain(
      '--namespace AWS/AppRunner --metric-name 5xxStatusResponses --dimensions Name=ServiceName,Value=s Name=ServiceID,Value=abc ',
    )
    expect(r.fix?.steps[0]).toContain('/setup#alarms')
  })

  it('while the service is not created, its two alarms wait for it and only the database ones are offered', () => {
    const waiting = plannedAlarmDefinitions(runtime.plannedAlarms(null), databaseAlarms('d', 20))
    const r = alarms.evaluate(
      { alarms: [], settings, planned: waiting, serviceNotCreated: notCreated('App Runner service s', 'runtime-service'), topicArn: null },
      now,
    )
    expect(r.status).toBe('warn')
    expect(r.summary).toMatch(/Two wait for App Runner service s, which is not created yet\.$/)
    expect(r.fix?.command?.match(/^aws cloudwatch put-metric-alarm /gm)).toHaveLength(2)
    expect(r.fix?.command).not.toContain('<service-id>')
  })
})

describe('ecr-push-permission', () => {
  const REPO = 'arn:aws:ecr:eu-central-1:082609687527:repository/appfactory-app'
  const powerUser = {
    name: 'AmazonEC2ContainerRegistryPowerUser',
    arn: push.ECR_POWER_USER_ARN,
    document: encodeURIComponent(
      JSON.stringify({
        Version: '2012-10-17',
        Statement: [{ Effect: 'Allow', Action: [...push.ecrPushActions, 'ecr:DescribeImages'], Resource: '*' }],
      }),
    ),
  }
  const doc = (name: string, statement: unknown) => ({
    name,
    arn: `arn:aws:iam::1:policy/${name}`,
    document: JSON.stringify({ Version: '2012-10-17', Statement: statement }),
  })
  it.each<[string, push.EcrPushPermissionEvidence['policies'], string]>([
    ['PowerUser (URL-encoded document)', [powerUser], 'pass'],
    ['no policies', [], 'fail'],
    ['only AppRunnerFullAccess', [doc('AWSAppRunnerFullAccess', [{ Effect: 'Allow', Action: 'apprunner:*', Resource: '*' }])], 'fail'],
    [
      'custom policies that together allow push',
      [
        doc('Token', { Effect: 'Allow', Action: 'ecr:GetAuthorizationToken', Resource: '*' }),
        doc('Push', {
          Effect: 'Allow',
          Action: ['ecr:BatchCheck*', 'ecr:*LayerUpload', 'ecr:UploadLayerPart', 'ecr:putimage'],
          Resource: REPO,
        }),
      ],
      'pass',
    ],
    [
      'push scoped to another repository',
      [
        doc('Token', { Effect: 'Allow', Action: 'ecr:GetAuthorizationToken', Resource: '*' }),
        doc('Push', { Effect: 'Allow', Action: 'ecr:*', Resource: 'arn:aws:ecr:eu-central-1:082609687527:repository/other' }),
      ],
      'fail',
    ],
    ['PowerUser plus a Deny on PutImage', [powerUser, doc('NoPush', { Effect: 'Deny', Action: 'ecr:PutImage', Resource: '*' })], 'fail'],
    [
      'an inline policy allowing push',
      [
        doc('Token', { Effect: 'Allow', Action: 'ecr:GetAuthorizationToken', Resource: '*' }),
        {
          name: 'push (inline)',
          arn: 'inline:R/push',
          document: JSON.stringify({ Statement: [{ Effect: 'Allow', Action: 'ecr:*', Resource: REPO }] }),
        },
      ],
      'pass',
    ],
    [
      'one action missing',
      [doc('Almost', { Effect: 'Allow', Action: push.ecrPushActions.filter((a) => a !== 'ecr:CompleteLayerUpload'), Resource: '*' })],
      'fail',
    ],
  ])('%s', (_name, policies, expected) => {
    expect(push.evaluate({ roleName: 'AppFactoryGitHubActionsRole', repositoryArn: REPO, policies }, now).status).toBe(expected)
  })

  it('names the missing action and gives the attach command', () => {
    const r = push.evaluate(
      {
        roleName: 'R',
        repositoryArn: REPO,
        policies: [doc('Almost', { Effect: 'Allow', Action: push.ecrPushActions.filter((a) => a !== 'ecr:PutImage'), Resource: '*' })],
      },
      now,
    )
    expect(r.summary).toContain('ecr:PutImage')
    expect(r.summary).not.toContain('ecr:UploadLayerPart')
    expect(r.fix?.command).toBe(`aws iam attach-role-policy --role-name R --policy-arn ${push.ECR_POWER_USER_ARN}`)
  })
})

describe('iam-least-privilege', () => {
  const p = (name: string, statement: unknown = []) => ({
    name,
    arn: `arn:aws:iam::aws:policy/${name}`,
    document: JSON.stringify({ Statement: statement }),
  })
  it.each<[string, leastPriv.IamLeastPrivilegeEvidence['policies'], string]>([
    [
      'PowerUser + AppRunnerFullAccess (the documented setup)',
      [p('AmazonEC2ContainerRegistryPowerUser'), p('AWSAppRunnerFullAccess')],
      'warn',
    ],
    [
      'PowerUser + a scoped deploy policy',
      [p('AmazonEC2ContainerRegistryPowerUser'), p('Deploy', leastPriv.deployPolicy(SERVICE_ARN).Statement)],
      'pass',
    ],
    ['custom Action "*" on "*"', [p('Everything', { Effect: 'Allow', Action: '*', Resource: '*' })], 'warn'],
    ['AdministratorAccess', [p('AdministratorAccess')], 'warn'],
    [
      'a customer policy that reuses a broad name',
      [
        {
          name: 'AWSAppRunnerFullAccess',
          arn: 'arn:aws:iam::082609687527:policy/AWSAppRunnerFullAccess',
          document: JSON.stringify({ Statement: leastPriv.deployPolicy(SERVICE_ARN).Statement }),
        },
      ],
      'pass',
    ],
  ])('%s', (_name, policies, expected) => {
    expect(leastPriv.evaluate({ roleName: 'R', serviceArn: SERVICE_ARN, policies }, now).status).toBe(expected)
  })
})

describe('github-oidc-trust', () => {
  const provider = {
    arn: PROVIDER,
    url: 'token.actions.githubusercontent.com',
    clientIds: ['sts.amazonaws.com'],
    thumbprints: [],
    createdAt: null,
  }
  const seed = (sub: unknown, cond: Record<string, unknown> = {}, principal: unknown = { Federated: PROVIDER }) => ({
    Version: '2012-10-17',
    Statement: [
      {
        Effect: 'Allow',
        Principal: principal,
        Action: 'sts:AssumeRoleWithWebIdentity',
        Condition: {
          StringEquals: { 'token.actions.githubusercontent.com:aud': 'sts.amazonaws.com' },
          StringLike: { 'token.actions.githubusercontent.com:sub': sub },
          ...cond,
        },
      },
    ],
  })
  const run = (doc: unknown, providers = [provider]) =>
    trust.evaluate(
      {
        repo: 'hanpieter1/AppFactory',
        roleName: 'AppFactoryGitHubActionsRole',
        accountId: '082609687527',
        providers,
        trustPolicy: typeof doc === 'string' ? doc : encodeURIComponent(JSON.stringify(doc)),
      },
      now,
    )

  it.each<[string, unknown, string, string?]>([
    ['the documented policy (URL-encoded)', seed('repo:hanpieter1/AppFactory:*'), 'pass'],
    ['main branch only', seed('repo:hanpieter1/AppFactory:ref:refs/heads/main'), 'pass'],
    ['sub list including ours', seed(['repo:hanpieter1/Other:*', 'repo:hanpieter1/AppFactory:*']), 'pass'],
    ['principal as a list', seed('repo:hanpieter1/AppFactory:*', {}, { Federated: [PROVIDER] }), 'pass'],
    [
      'wrong repository',
      seed('repo:hanpieter1/AppFactory-old:*'),
      'fail',
      'names hanpieter1/AppFactory-old instead of hanpieter1/AppFactory',
    ],
    ['case differs', seed('repo:hanpieter1/appfactory:*'), 'fail', 'case differs'],
    ['any repository', seed('repo:*'), 'fail', 'any GitHub repository'],
    ['owner wildcard', seed('repo:hanpieter1/*'), 'fail', 'other repositories of hanpieter1'],
    [
      'no aud condition',
      {
        Statement: [
          {
            Effect: 'Allow',
            Principal: { Federated: PROVIDER },
            Action: 'sts:AssumeRoleWithWebIdentity',
            Condition: { StringLike: { 'token.actions.githubusercontent.com:sub': 'repo:hanpieter1/AppFactory:*' } },
          },
        ],
      },
      'fail',
      'does not require the audience',
    ],
    [
      'wrong aud',
      seed('repo:hanpieter1/AppFactory:*', {
        StringEquals: { 'token.actions.githubusercontent.com:aud': 'https://github.com/hanpieter1' },
      }),
      'fail',
      'audience other than',
    ],
    [
      'other provider',
      seed('repo:hanpieter1/AppFactory:*', {}, { Federated: 'arn:aws:iam::082609687527:oidc-provider/gitlab.com' }),
      'fail',
      'does not let',
    ],
    ['not JSON', '%7Bbroken', 'fail', 'could not be parsed'],
  ])('%s', (_name, doc, expected, phrase) => {
    const r = run(doc)
    expect(r.status).toBe(expected)
    if (phrase) expect(r.summary).toContain(phrase)
  })

  it('fails without the GitHub OIDC provider or its audience', () => {
    expect(run(seed('repo:hanpieter1/AppFactory:*'), []).summary).toContain('No IAM OIDC provider')
    expect(run(seed('repo:hanpieter1/AppFactory:*'), [{ ...provider, clientIds: ['other'] }]).status).toBe('fail')
  })

  it('gives the corrected trust policy and the update command', () => {
    const r = run(seed('repo:hanpieter1/AppFactory-old:*'))
    expect(r.fix?.command).toContain('"token.actions.githubusercontent.com:sub": "repo:hanpieter1/AppFactory:*"')
    expect(r.fix?.command).toContain(
      'aws iam update-assume-role-policy --role-name AppFactoryGitHubActionsRole --policy-document file://trust-policy.json',
    )
  })
})

describe('apprunner-rds-connectivity', () => {
  const connector: VpcConnector = {
    arn: 'arn:connector',
    name: 'appfactory-vpc-connector',
    status: 'ACTIVE',
    subnets: ['s1'],
    securityGroups: [CONNECTOR_SG],
  }
  const rule = (over: Partial<SecurityGroup['ingress'][number]> = {}) => ({
    protocol: 'tcp',
    fromPort: 5432,
    toPort: 5432,
    sourceGroupIds: [CONNECTOR_SG],
    cidrs: [],
    description: null,
    ...over,
  })
  const groups = (dbRules: SecurityGroup['ingress'], connectorVpc = VPC): SecurityGroup[] => [
    { id: DB_SG, name: 'default', description: null, vpcId: VPC, ingress: dbRules, egress: [] },
    { id: CONNECTOR_SG, name: 'connector', description: null, vpcId: connectorVpc, ingress: [], egress: [] },
  ]
  const selfRule = rule({ protocol: '-1', fromPort: null, toPort: null, sourceGroupIds: [DB_SG] })
  const ev = (over: Partial<connectivity.ConnectivityEvidence> = {}): connectivity.ConnectivityEvidence => ({
    service: service(),
    connector,
    database: db(),
    securityGroups: groups([selfRule, rule()]),
    ...over,
  })

  it.each<[string, connectivity.ConnectivityEvidence, string, string?]>([
    ['the documented setup: tcp 5432 from the connector group', ev(), 'pass'],
    [
      'all traffic from the connector group',
      ev({ securityGroups: groups([rule({ protocol: '-1', fromPort: null, toPort: null })]) }),
      'pass',
    ],
    ['port range covering 5432', ev({ securityGroups: groups([rule({ fromPort: 5000, toPort: 6000 })]) }), 'pass'],
    [
      'rule removed (sg-blocks-db)',
      ev({ securityGroups: groups([selfRule]) }),
      'fail',
      `allows TCP 5432 from the connector's group ${CONNECTOR_SG}`,
    ],
    ['rule on another port', ev({ securityGroups: groups([rule({ fromPort: 3306, toPort: 3306 })]) }), 'fail'],
    ['udp rule', ev({ securityGroups: groups([rule({ protocol: 'udp' })]) }), 'fail'],
    ['connector in another VPC', ev({ securityGroups: groups([rule()], 'vpc-other') }), 'fail', 'vpc-other'],
    ['connector inactive', ev({ connector: { ...connector, status: 'INACTIVE' } }), 'fail', 'INACTIVE'],
    [
      'default egress, private DB',
      ev({ service: service({ egress: { type: 'DEFAULT', vpcConnectorArn: null } }), connector: null }),
      'fail',
      'no VPC connector',
    ],
    [
      'default egress, public DB open to the world',
      ev({
        service: service({ egress: { type: 'DEFAULT', vpcConnectorArn: null } }),
        connector: null,
        database: db({ publiclyAccessible: true }),
        securityGroups: groups([rule({ sourceGroupIds: [], cidrs: ['0.0.0.0/0'] })]),
      }),
      'warn',
    ],
  ])('%s', (_name, e, expected, phrase) => {
    const r = connectivity.evaluate(e, now)
    expect(r.status).toBe(expected)
    if (phrase) expect(r.summary).toContain(phrase)
  })

  it('gives the exact ingress command', () => {
    const r = connectivity.evaluate(ev({ securityGroups: groups([selfRule]) }), now)
    expect(r.fix?.command).toContain(`aws ec2 authorize-security-group-ingress --group-id ${DB_SG}`)
    expect(r.fix?.command).toContain(`GroupId=${CONNECTOR_SG}`)
  })
})

describe('errorResult and exit codes', () => {
  it('names the AWS code and the IAM action the portal lacks, from the error field (not its message)', () => {
    const r = errorResult(
      { id: 'x', title: 'X' },
      {
        code: 'aws_denied',
        message: 'Access denied.',
        awsCode: 'AccessDenied',
        hint: 'Add it.',
        iamAction: 'iam:GetRole',
        httpStatus: 403,
      },
      now,
    )
    expect(r.status).toBe('error')
    expect(r.awsCode).toBe('AccessDenied')
    expect(r.evidence).toContainEqual({ label: 'IAM action the portal lacks', value: 'iam:GetRole' })
    expect(r.evidence).toContainEqual({ label: 'HTTP status', value: '403' })
    expect(r.fix?.steps[0]).not.toMatch(/retry/)
  })

  it('advises a retry only for what can pass', () => {
    const meta = { id: 'x', title: 'X' }
    const passing = errorResult(meta, { code: 'aws_throttled', message: 'AWS throttled x.', retryable: true }, now)
    const lasting = errorResult(meta, { code: 'aws_error', message: 'Not an AWS API answer.', httpStatus: 500, retryable: false }, now)
    expect(passing.fix?.steps[0]).toMatch(/retry in a moment/)
    expect(lasting.fix?.steps[0]).not.toMatch(/retry/)
  })

  it.each<[string, CheckResult['status'][], number]>([
    ['all pass', ['pass', 'warn'], 0],
    ['a failure', ['pass', 'fail', 'error'], 1],
    ['only errors', ['pass', 'error'], 2],
    ['nothing ran', [], 0],
  ])('%s', (_name, list, code) => {
    expect(exitCodeFor(list.map((status) => ({ status })))).toBe(code)
  })
})
