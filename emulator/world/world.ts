/**
 * The emulated AppFactory account: one mutable object that every service handler reads and changes.
 * `createWorld` builds the healthy seed, then applies the scenario; state transitions (RDS stop/start,
 * App Runner operations) are evaluated lazily from the world clock by `advanceWorld` (./transitions).
 * The world's types live in ./shapes.
 */
import { createAlarms } from './alarms'
import {
  APPRUNNER_ACCESS_ROLE_ARN,
  AUTOSCALING_ARN,
  AUTOSCALING_NAME,
  DATABASE_URL,
  DB_ENDPOINT,
  DB_INSTANCE,
  DB_MASTER_USER,
  DB_PORT,
  DB_SG_ID,
  DEFAULT_AUTOSCALING_ARN,
  DEFAULT_AUTOSCALING_NAME,
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
import { createSecurityGroups, createSubnets, createVpcs } from './ec2'
import { createIam } from './iam'
import { seededUuid } from './ids'
import { createImages, DEPLOYED_IMAGE_INDEX } from './images'
import { createLogStore } from './logs-seed'
import { applyScenario } from './scenarios'
import { createScheduler } from './scheduler'
import type { AutoScalingState, DbState, ImageState, OperationState, ServiceState, World } from './shapes'
import { seedTrail } from './trail-seed'

const MINUTE = 60_000
const HOUR = 60 * MINUTE
const DAY = 24 * HOUR

export type WorldOptions = {
  scenario?: Scenario
  speed?: number
  /** How many ECR images (default 12). */
  images?: number
  /** The service's URL as App Runner reports it: host:port/path, no scheme. */
  appUrl?: string
  /** World time at creation (default Date.now()). */
  now?: number
  /** How many application log events to seed (default DEFAULT_APPLICATION_EVENTS in ./log-traffic). */
  logEvents?: number
}

export const DEFAULT_IMAGE_COUNT = 12

export function isScenario(s: unknown): s is Scenario {
  return typeof s === 'string' && (SCENARIOS as readonly string[]).includes(s)
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
    accessRoleArn: APPRUNNER_ACCESS_ROLE_ARN,
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

/** AWS's `DefaultConfiguration` (1–25 instances, 100 concurrent requests each). */
export function defaultAutoScaling(createdAt: number): AutoScalingState {
  return {
    arn: DEFAULT_AUTOSCALING_ARN,
    name: DEFAULT_AUTOSCALING_NAME,
    revision: 1,
    status: 'ACTIVE',
    minSize: 1,
    maxSize: 25,
    maxConcurrency: 100,
    createdAt,
    isDefault: true,
  }
}

/** Builds a fresh world: the healthy seed with the scenario applied. */
export function createWorld(opts: WorldOptions = {}): World {
  const now = opts.now ?? Date.now()
  const scenario = opts.scenario ?? 'healthy'
  const count = opts.images ?? DEFAULT_IMAGE_COUNT
  const images = createImages(count, now)
  const appUrl = opts.appUrl ?? `127.0.0.1:4566/_app/${SERVICE_ID}`
  const service = createService(images, now, appUrl)
  const base: Omit<World, 'logs' | 'trail'> = {
    scenario,
    images,
    ecr: { createdAt: now - 130 * DAY, lifecyclePolicy: null },
    service,
    vpcConnectors: [
      {
        arn: VPC_CONNECTOR_ARN,
        name: VPC_CONNECTOR_NAME,
        revision: 1,
        status: 'ACTIVE',
        subnets: [...SUBNET_IDS],
        securityGroups: [CONNECTOR_SG_ID],
        createdAt: service.createdAt - 30 * MINUTE,
      },
    ],
    autoScalingConfigs: [
      defaultAutoScaling(service.createdAt - 40 * MINUTE),
      {
        arn: AUTOSCALING_ARN,
        name: AUTOSCALING_NAME,
        revision: 1,
        status: 'ACTIVE',
        minSize: 1,
        maxSize: 10,
        maxConcurrency: 100,
        createdAt: service.createdAt - 35 * MINUTE,
      },
    ],
    db: createDb(now),
    iam: createIam(now),
    securityGroups: createSecurityGroups(),
    vpcs: createVpcs(),
    subnets: createSubnets(),
    alarms: createAlarms(now),
    secrets: [],
    scheduler: createScheduler(now),
    speed: opts.speed ?? 1,
    clock: { offsetMs: opts.now === undefined ? 0 : opts.now - Date.now() },
    createdAt: now,
    appBase: appUrl.slice(0, appUrl.lastIndexOf('/') + 1),
  }
  applyScenario(base, scenario, now)
  // The log store and the trail read the finished world (operations, scenario), so they come last.
  const world: World = { ...base, logs: createLogStore(base, now, { events: opts.logEvents }), trail: [] }
  world.trail = seedTrail(world, now)
  return world
}
