/**
 * The emulated AppFactory account: one mutable object that every service handler reads and changes.
 * `createWorld` builds the healthy seed, then applies the scenario; state transitions (RDS stop/start,
 * App Runner operations) are evaluated lazily from the world clock by `advanceWorld` (./transitions).
 */
import { createHash } from 'node:crypto'

import { createAlarms } from './cloudwatch'
import {
  AUTOSCALING_ARN,
  AUTOSCALING_NAME,
  DATABASE_URL,
  DB_ENDPOINT,
  DB_INSTANCE,
  DB_MASTER_USER,
  DB_PORT,
  DB_SG_ID,
  ECR_REPOSITORY_URI,
  SCENARIOS,
  SERVICE_ARN,
  SERVICE_ID,
  SERVICE_NAME,
  SUBNET_IDS,
  CONNECTOR_SG_ID,
  VPC_CONNECTOR_ARN,
  VPC_CONNECTOR_NAME,
  VPC_ID,
  type Scenario,
} from './constants'
import { createSecurityGroups } from './ec2'
import { createIam } from './iam'
import { createImages, DEPLOYED_IMAGE_INDEX } from './images'
import { createLogStore, type LogStore } from './logs'
import { applyScenario } from './scenarios'
import type {
  AlarmState,
  DbState,
  IamState,
  ImageState,
  OperationState,
  SecurityGroupState,
  ServiceState,
  VpcConnectorState,
} from './shapes'

const MINUTE = 60_000
const HOUR = 60 * MINUTE
const DAY = 24 * HOUR

export type AutoScalingState = {
  arn: string
  name: string
  revision: number
  status: 'ACTIVE' | 'INACTIVE'
  minSize: number
  maxSize: number
  maxConcurrency: number
  createdAt: number
}

export type World = {
  scenario: Scenario
  /** ECR images, newest first. */
  images: ImageState[]
  /** ECR repository metadata (the seed has no lifecycle policy). */
  ecr: { createdAt: number; lifecyclePolicy: string | null }
  service: ServiceState
  vpcConnector: VpcConnectorState
  autoScaling: AutoScalingState
  db: DbState
  iam: IamState
  securityGroups: Record<string, SecurityGroupState>
  alarms: AlarmState[]
  logs: LogStore
  /** Multiplier for how fast transitions finish (durations are divided by it). */
  speed: number
  /** Added to Date.now() to get the world's time; POST /_emulator/clock moves it. */
  clock: { offsetMs: number }
  /** World time at creation. */
  createdAt: number
}

export type WorldOptions = {
  scenario?: Scenario
  speed?: number
  /** How many ECR images (default 12). */
  images?: number
  /** The service's URL as App Runner reports it: host:port/path, no scheme. */
  appUrl?: string
  /** World time at creation (default Date.now()). */
  now?: number
  /** How many application log events to seed (default DEFAULT_APPLICATION_EVENTS in ./logs). */
  logEvents?: number
}

export const DEFAULT_IMAGE_COUNT = 12

/** The world's current time in epoch ms. */
export function worldNow(world: Pick<World, 'clock'>): number {
  return Date.now() + world.clock.offsetMs
}

export function isScenario(s: unknown): s is Scenario {
  return typeof s === 'string' && (SCENARIOS as readonly string[]).includes(s)
}

/** Deterministic UUID-shaped id (App Runner operation ids are 36-char UUIDs). */
export function seededUuid(seed: string): string {
  const h = createHash('sha256').update(seed).digest('hex')
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20, 32)}`
}

export const imageIdentifierFor = (tag: string) => `${ECR_REPOSITORY_URI}:${tag}`

function seedOperations(images: ImageState[], createdAt: number): OperationState[] {
  const at = (k: number) => images[Math.min(k, images.length - 1)]!
  const tagOf = (k: number) => at(k).tags[0]!
  // Oldest first, then reversed: create on an old image, two good updates, one that rolled back
  // (health check failed), and the update to the image that runs now.
  const plan: { type: OperationState['type']; k: number; status: OperationState['status']; minutes: number; failureReason?: string }[] = [
    { type: 'CREATE_SERVICE', k: 6, status: 'SUCCEEDED', minutes: 6 },
    { type: 'UPDATE_SERVICE', k: 5, status: 'SUCCEEDED', minutes: 5 },
    { type: 'UPDATE_SERVICE', k: 4, status: 'SUCCEEDED', minutes: 4 },
    {
      type: 'UPDATE_SERVICE',
      k: 3,
      status: 'ROLLBACK_SUCCEEDED',
      minutes: 17,
      failureReason: `Health check failed on protocol \`HTTP\` [Path: '/health'], [Port: '3000']. The new version answered 503: "relation \\"deployments\\" does not exist" (a database migration was missing).`,
    },
    { type: 'UPDATE_SERVICE', k: DEPLOYED_IMAGE_INDEX, status: 'SUCCEEDED', minutes: 5 },
  ]
  const ops: OperationState[] = []
  let previous: string | undefined
  for (const [n, p] of plan.entries()) {
    const startedAt = p.type === 'CREATE_SERVICE' ? createdAt : at(p.k).pushedAt + 9 * MINUTE
    const endedAt = startedAt + p.minutes * MINUTE + n * 7_000
    const target = imageIdentifierFor(tagOf(p.k))
    ops.push({
      id: seededUuid(`op-${n}`),
      type: p.type,
      status: p.status,
      startedAt,
      endedAt,
      updatedAt: endedAt,
      targetImage: target,
      previousImage: previous,
      failureReason: p.failureReason,
    })
    if (p.status === 'SUCCEEDED') previous = target
  }
  return ops.reverse()
}

function createService(images: ImageState[], now: number, appUrl: string): ServiceState {
  const oldest = images[Math.min(6, images.length - 1)]!
  const createdAt = oldest.pushedAt + 20 * MINUTE
  const operations = seedOperations(images, createdAt)
  const deployed = images[DEPLOYED_IMAGE_INDEX]!
  return {
    name: SERVICE_NAME,
    id: SERVICE_ID,
    arn: SERVICE_ARN,
    status: 'RUNNING',
    url: appUrl,
    imageIdentifier: imageIdentifierFor(deployed.tags[0]!),
    port: '3000',
    env: [
      { name: 'NODE_ENV', value: 'production' },
      { name: 'PORT', value: '3000' },
      { name: 'LOG_LEVEL', value: 'info' },
      { name: 'DATABASE_URL', value: DATABASE_URL },
      { name: 'DB_POOL_MAX', value: '20' },
    ],
    secrets: [],
    cpu: '1024',
    memory: '2048',
    healthCheck: { protocol: 'HTTP', path: '/health', interval: 10, timeout: 5, healthyThreshold: 1, unhealthyThreshold: 5 },
    autoScalingArn: AUTOSCALING_ARN,
    egress: { type: 'VPC', vpcConnectorArn: VPC_CONNECTOR_ARN },
    createdAt,
    updatedAt: operations[0]?.endedAt ?? createdAt,
    operations,
  }
}

function createDb(now: number): DbState {
  const createdAt = now - 120 * DAY
  const backupAt = now - 41 * MINUTE
  const events: DbState['events'] = [
    { date: createdAt + 9 * MINUTE, message: 'DB instance created', categories: ['creation'], eventId: 'RDS-EVENT-0005' },
    { date: now - 3 * DAY - 2 * HOUR, message: 'Backing up DB instance', categories: ['backup'], eventId: 'RDS-EVENT-0001' },
    {
      date: now - 3 * DAY - 2 * HOUR + 4 * MINUTE,
      message: 'Finished DB Instance backup',
      categories: ['backup'],
      eventId: 'RDS-EVENT-0002',
    },
    { date: now - 26 * HOUR, message: 'Backing up DB instance', categories: ['backup'], eventId: 'RDS-EVENT-0001' },
    { date: now - 26 * HOUR + 3 * MINUTE, message: 'Finished DB Instance backup', categories: ['backup'], eventId: 'RDS-EVENT-0002' },
    { date: backupAt, message: 'Backing up DB instance', categories: ['backup'], eventId: 'RDS-EVENT-0001' },
    { date: backupAt + 4 * MINUTE, message: 'Finished DB Instance backup', categories: ['backup'], eventId: 'RDS-EVENT-0002' },
  ]
  return {
    identifier: DB_INSTANCE,
    status: 'available',
    instanceClass: 'db.t4g.micro',
    engine: 'postgres',
    engineVersion: '15.15',
    allocatedStorage: 20,
    storageType: 'gp2',
    storageEncrypted: true,
    publiclyAccessible: true,
    multiAz: false,
    backupRetentionPeriod: 7,
    masterUsername: DB_MASTER_USER,
    endpoint: { address: DB_ENDPOINT, port: DB_PORT },
    securityGroupIds: [DB_SG_ID],
    vpcId: VPC_ID,
    createdAt,
    events,
  }
}

/** Builds a fresh world: the healthy seed with the scenario applied. */
export function createWorld(opts: WorldOptions = {}): World {
  const now = opts.now ?? Date.now()
  const scenario = opts.scenario ?? 'healthy'
  const count = opts.images ?? DEFAULT_IMAGE_COUNT
  const images = createImages(count, now)
  const service = createService(images, now, opts.appUrl ?? `127.0.0.1:4566/_app/${SERVICE_ID}`)
  const base: Omit<World, 'logs'> = {
    scenario,
    images,
    ecr: { createdAt: now - 130 * DAY, lifecyclePolicy: null },
    service,
    vpcConnector: {
      arn: VPC_CONNECTOR_ARN,
      name: VPC_CONNECTOR_NAME,
      revision: 1,
      status: 'ACTIVE',
      subnets: [...SUBNET_IDS],
      securityGroups: [CONNECTOR_SG_ID],
      createdAt: service.createdAt - 30 * MINUTE,
    },
    autoScaling: {
      arn: AUTOSCALING_ARN,
      name: AUTOSCALING_NAME,
      revision: 1,
      status: 'ACTIVE',
      minSize: 1,
      maxSize: 10,
      maxConcurrency: 100,
      createdAt: service.createdAt - 35 * MINUTE,
    },
    db: createDb(now),
    iam: createIam(now),
    securityGroups: createSecurityGroups(),
    alarms: createAlarms(now),
    speed: opts.speed ?? 1,
    clock: { offsetMs: opts.now === undefined ? 0 : opts.now - Date.now() },
    createdAt: now,
  }
  applyScenario(base, scenario, now)
  // The log store reads the finished world (operations, scenario), so it is created last.
  const world = base as World
  world.logs = createLogStore(world, now, { events: opts.logEvents })
  return world
}

function allows5432From(rule: SecurityGroupState['ingress'][number], groups: string[]): boolean {
  const protoOk = rule.protocol === '-1' || rule.protocol === 'tcp' || rule.protocol === '6'
  const portOk = rule.protocol === '-1' || ((rule.fromPort ?? 0) <= DB_PORT && DB_PORT <= (rule.toPort ?? 65535))
  return protoOk && portOk && rule.sourceGroupIds.some((g) => groups.includes(g))
}

/**
 * Whether the service's app would answer its health check: the database is available, the DB's
 * security groups let the VPC connector's groups in on tcp 5432, and DATABASE_URL points at the DB.
 */
export function appHealth(world: World, _now: number): { ok: boolean; reason?: string } {
  const db = world.db
  if (db.status !== 'available')
    return {
      ok: false,
      reason: `database ${db.identifier} is ${db.status}: connect ECONNREFUSED ${db.endpoint.address}:${db.endpoint.port}`,
    }
  const url = world.service.env.find((e) => e.name === 'DATABASE_URL')?.value
  if (!url) return { ok: false, reason: 'DATABASE_URL is not set' }
  let host = ''
  let port = ''
  try {
    const u = new URL(url)
    host = u.hostname
    port = u.port || '5432'
  } catch {
    return { ok: false, reason: 'DATABASE_URL is not a valid URL' }
  }
  if (host !== db.endpoint.address || Number(port) !== db.endpoint.port) {
    return {
      ok: false,
      reason: `getaddrinfo ENOTFOUND ${host} (DATABASE_URL does not point at ${db.endpoint.address}:${db.endpoint.port})`,
    }
  }
  const connectorGroups = world.vpcConnector.securityGroups
  const open = db.securityGroupIds.some((id) => world.securityGroups[id]?.ingress.some((r) => allows5432From(r, connectorGroups)))
  if (world.service.egress.type === 'VPC' && !open) {
    return {
      ok: false,
      reason: `connect ETIMEDOUT ${db.endpoint.address}:${db.endpoint.port} (timeout expired while connecting to the database)`,
    }
  }
  return { ok: true }
}
