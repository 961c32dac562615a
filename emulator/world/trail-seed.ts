/**
 * The seeded CloudTrail history, consistent with the seeded App Runner operations and images: the
 * account's administrator created the service in the console; GitHub Actions (the OIDC role, session
 * `GitHubActions`) made the deployments — all but one, which the administrator started from the console;
 * and when a scenario stopped the database, the administrator stopped it.
 */
import { createHash } from 'node:crypto'

import { identityFor } from '../core/credentials'
import type { Identity } from '../core/types'
import { seededUuid } from './ids'
import { ACCOUNT_ID, CONSOLE_USER, DB_INSTANCE, GITHUB_ROLE, GITHUB_SESSION, REGION } from './constants'
import type { OperationState, TrailEventState, World } from './shapes'
import { trailEvent, TRAIL_RETENTION_MS, type RecordedCall } from './trail'

const GITHUB_USER_AGENT =
  'aws-cli/2.22.35 md/awscrt#0.23.8 ua/2.0 os/linux#6.8.0-1021-azure md/arch#x86_64 lang/python#3.12.8 md/pyimpl#CPython exec-env/GitHubActions cfg/retry-mode#standard md/installer#exe md/distrib#ubuntu.24 md/prompt#off md/command#apprunner.update-service'
const CONSOLE_USER_AGENT = 'AWS Internal'

/** Temporary credentials (`ASIA…`) as each GitHub run and console session gets new ones. */
function temporaryKey(seed: string): string {
  const digest = createHash('sha256').update(seed).digest()
  let out = 'ASIA'
  for (let i = 0; out.length < 20; i++) out += 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567'[digest[i]! % 32]
  return out
}

const identity = (arn: string, key: string): Identity => {
  const id = identityFor(arn, key)
  if (typeof id === 'string') throw new Error(id)
  return id
}

const github = (seed: string) => identity(`arn:aws:sts::${ACCOUNT_ID}:assumed-role/${GITHUB_ROLE}/${GITHUB_SESSION}`, temporaryKey(seed))
const consoleUser = (seed: string) => identity(`arn:aws:iam::${ACCOUNT_ID}:user/${CONSOLE_USER}`, temporaryKey(seed))

/** The UpdateService the console user started instead of GitHub Actions (by age: the second update). */
const CONSOLE_DEPLOY = 2

function serviceEcho(world: World, status: string) {
  const s = world.service
  return { ServiceName: s.name, ServiceId: s.id, ServiceArn: s.arn, ServiceUrl: s.url, Status: status }
}

function operationCall(world: World, op: OperationState, n: number): RecordedCall {
  const s = world.service
  const byConsole = op.type === 'CREATE_SERVICE' || n === CONSOLE_DEPLOY
  const who = byConsole ? consoleUser(`console-${op.id}`) : github(`github-${op.id}`)
  const image = { ImageIdentifier: op.targetImage, ImageRepositoryType: 'ECR' }
  const common = {
    service: 'apprunner' as const,
    identity: who,
    region: REGION,
    requestId: seededUuid(`request-${op.id}`),
    eventId: seededUuid(`event-${op.id}`),
    at: op.startedAt - 800,
    sourceIp: byConsole ? '84.241.192.17' : `4.175.${98 + n}.${12 + 7 * n}`,
    userAgent: byConsole ? CONSOLE_USER_AGENT : GITHUB_USER_AGENT,
    resources: [{ type: 'AWS::AppRunner::Service', name: s.arn }],
    webIdentity: !byConsole,
    extra: byConsole ? { sessionCredentialFromConsole: 'true' } : undefined,
  }
  if (op.type === 'CREATE_SERVICE') {
    return {
      ...common,
      operation: 'CreateService',
      input: {
        ServiceName: s.name,
        SourceConfiguration: {
          ImageRepository: { ...image, ImageConfiguration: { Port: s.port, RuntimeEnvironmentVariables: { NODE_ENV: 'production' } } },
          AutoDeploymentsEnabled: false,
        },
        InstanceConfiguration: { Cpu: s.cpu, Memory: s.memory },
      },
      output: { Service: serviceEcho(world, 'OPERATION_IN_PROGRESS'), OperationId: op.id },
    }
  }
  return {
    ...common,
    operation: op.type === 'START_DEPLOYMENT' ? 'StartDeployment' : 'UpdateService',
    input: op.type === 'START_DEPLOYMENT' ? { ServiceArn: s.arn } : { ServiceArn: s.arn, SourceConfiguration: { ImageRepository: image } },
    output:
      op.type === 'START_DEPLOYMENT'
        ? { OperationId: op.id }
        : { Service: serviceEcho(world, 'OPERATION_IN_PROGRESS'), OperationId: op.id },
  }
}

/** The history of a fresh world, oldest first, within CloudTrail's 90 days. */
export function seedTrail(world: World, now: number): TrailEventState[] {
  const calls: RecordedCall[] = [...world.service.operations].reverse().map((op, n) => operationCall(world, op, n))
  for (const e of world.db.events) {
    if (e.message !== 'DB instance shutdown') continue
    calls.push({
      service: 'rds',
      operation: 'StopDBInstance',
      input: { DBInstanceIdentifier: DB_INSTANCE },
      output: { DBInstance: { DBInstanceIdentifier: DB_INSTANCE, DBInstanceStatus: 'stopping' } },
      identity: consoleUser(`console-stop-${e.date}`),
      region: REGION,
      requestId: seededUuid(`request-stop-${e.date}`),
      eventId: seededUuid(`event-stop-${e.date}`),
      at: e.date - 1500,
      sourceIp: '84.241.192.17',
      userAgent: CONSOLE_USER_AGENT,
      resources: [{ type: 'AWS::RDS::DBInstance', name: DB_INSTANCE }],
      extra: { sessionCredentialFromConsole: 'true' },
    })
  }
  return calls
    .filter((c) => c.at >= now - TRAIL_RETENTION_MS && c.at <= now)
    .sort((a, b) => a.at - b.at)
    .map(trailEvent)
}
