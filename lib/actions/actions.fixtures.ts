/**
 * Test-only stand-in for lib/aws as the actions see it (runtime, ecr, rds, logs, health, cloudtrail), with a
 * call log. Imported only by *.test.ts through vi.mock factories; never by app code.
 */
import { appRunnerTrailOperation, appRunnerTrailOperations } from '@/lib/aws/apprunner.trail'
import type { TrailEvent } from '@/lib/aws/cloudtrail.mappers'
import type { TrailCall } from '@/lib/aws/runtime.types'
import type { Database } from '@/lib/domain/database'
import type { Finding, Image } from '@/lib/domain/image'
import type { LogEvent } from '@/lib/domain/logs'
import type { Operation, OperationStatus, Service } from '@/lib/domain/service'
import { appError } from '@/lib/domain/errors'
import { err, ok, type Result } from '@/lib/result'

export const REPO_URI = '082609687527.dkr.ecr.eu-central-1.amazonaws.com/appfactory-app'
export const shaA = 'a'.repeat(40)
export const shaB = `b1b1b1b1${'e'.repeat(32)}`
export const shaB2 = `b1b1b1b2${'e'.repeat(32)}`
export const shaC = 'c'.repeat(40)
export const shaCrit = 'd'.repeat(40)

const iso = (t: number) => new Date(t).toISOString()

function image(sha: string, n: number, findings: Record<string, number> = {}): Image {
  return {
    digest: `sha256:${String(n).repeat(64).slice(0, 64)}`,
    tags: [sha],
    sha,
    pushedAt: iso(Date.UTC(2026, 0, n + 1)),
    sizeBytes: 1000,
    scan: { status: 'COMPLETE', findings },
    deployed: false,
  }
}

function service(sha: string, status: Service['status'] = 'RUNNING'): Service {
  return {
    runtime: 'apprunner',
    consoleUrl: 'https://eu-central-1.console.aws.amazon.com/apprunner/home',
    name: 'appfactory-app-service',
    id: 'svc',
    arn: 'arn:aws:apprunner:eu-central-1:082609687527:service/appfactory-app-service/svc',
    status,
    url: '127.0.0.1:9/_app',
    imageIdentifier: `${REPO_URI}:${sha}`,
    imageTag: sha,
    sha,
    imageRepositoryType: 'ECR',
    autoDeploymentsEnabled: false,
    port: '3000',
    cpu: '1024',
    memory: '2048',
    healthCheck: { protocol: 'HTTP', path: '/health', intervalSeconds: 10, timeoutSeconds: 5, healthyThreshold: 1, unhealthyThreshold: 5 },
    autoScaling: { arn: null, name: null, minSize: 1, maxSize: 10, maxConcurrency: 100 },
    egress: { type: 'VPC', vpcConnectorArn: null },
    env: [],
    createdAt: null,
    updatedAt: null,
    fetchedAt: iso(Date.now()),
  }
}

function database(status: string): Database {
  return {
    identifier: 'appfactory-db',
    arn: null,
    status,
    engine: 'postgres',
    engineVersion: '15.15',
    instanceClass: 'db.t4g.micro',
    allocatedStorageGb: 20,
    storageType: 'gp2',
    storageEncrypted: true,
    endpoint: null,
    publiclyAccessible: false,
    multiAz: false,
    backupRetentionDays: 7,
    latestRestorableTime: null,
    securityGroupIds: [],
    vpcId: null,
    subnetIds: [],
    masterUsername: null,
    automaticRestartTime: null,
    createdAt: null,
    fetchedAt: iso(Date.now()),
  }
}

type Op = Operation & { target?: string; finalStatus: OperationStatus; reason?: string }

/** A small mutable world: the calls the actions made, and AWS-like state transitions. */
export class FakeAws {
  calls: string[] = []
  images: Image[] = []
  service = service(shaA)
  ops: Op[] = []
  db = database('available')
  /** Deployment log lines per operation id. */
  logs = new Map<string, LogEvent[]>()
  trail: TrailEvent[] = []
  /** Status the next deployment ends in. */
  nextDeployStatus: OperationStatus = 'SUCCEEDED'
  /** Fault injected into the next call of that name. */
  faults = new Map<string, ReturnType<typeof appError>>()
  health = 200
  private seq = 0

  constructor() {
    this.reset()
  }

  reset(): void {
    this.calls = []
    this.images = [image(shaA, 1), image(shaB, 2), image(shaB2, 3), image(shaC, 4), image(shaCrit, 5, { CRITICAL: 2, HIGH: 1 })]
    this.service = service(shaA)
    this.ops = []
    this.db = database('available')
    this.logs = new Map()
    this.nextDeployStatus = 'SUCCEEDED'
    this.faults = new Map()
    this.health = 200
    this.seq = 0
    this.trail = []
  }

  /** CloudTrail's record of one operation the portal did not start (as GitHub Actions or a person). */
  recordInTrail(operationId: string, eventName: keyof typeof appRunnerTrailOperations, actor: TrailEvent['actor'], sha?: string): void {
    this.trail.unshift({
      eventId: `event-${operationId}`,
      eventName,
      eventTime: iso(Date.now()),
      actor,
      errorCode: null,
      resourceNames: [service(shaA).arn],
      requestParameters: sha
        ? { serviceArn: service(shaA).arn, sourceConfiguration: { imageRepository: { imageIdentifier: `${REPO_URI}:${sha}` } } }
        : null,
      responseElements: { operationId },
    })
  }

  /** An operation another party started, as the runtime lists it; returns its id. */
  addForeignOperation(type: string, sha?: string): string {
    const r = this.begin(type, sha)
    return r.ok ? r.data.operationId : ''
  }

  cloudtrailApi = {
    eventsByNameRead: (): boolean => true,
    lookupEventsByName: async (names: readonly string[]): Promise<Result<TrailEvent[]>> => {
      this.calls.push('LookupEvents')
      const f = this.fault('LookupEvents')
      if (f) return err(f)
      return ok(this.trail.filter((e) => names.includes(e.eventName)))
    },
  }

  private fault(name: string): ReturnType<typeof appError> | undefined {
    const f = this.faults.get(name)
    this.faults.delete(name)
    return f
  }

  /** Operations finish the first time they are listed after they started (a fast AWS). */
  private advance(): void {
    for (const op of this.ops) {
      if (op.status === 'PENDING') {
        op.status = 'IN_PROGRESS'
        continue
      }
      if (op.status === 'IN_PROGRESS') {
        op.status = op.finalStatus
        op.endedAt = iso(Date.now())
        if (op.finalStatus === 'SUCCEEDED') {
          if (op.type === 'PAUSE_SERVICE') this.service.status = 'PAUSED'
          else {
            this.service.status = 'RUNNING'
            if (op.target) this.service = { ...service(op.target), status: 'RUNNING' }
          }
        } else this.service.status = 'RUNNING'
      }
    }
    if (this.db.status === 'stopping') this.db = database('stopped')
    else if (this.db.status === 'starting') this.db = database('available')
  }

  private begin(type: string, target?: string): Result<{ operationId: string }> {
    const id = `op-${++this.seq}`
    const finalStatus = type === 'UPDATE_SERVICE' || type === 'START_DEPLOYMENT' ? this.nextDeployStatus : 'SUCCEEDED'
    this.ops.unshift({
      id,
      type,
      status: 'PENDING',
      targetArn: null,
      startedAt: iso(Date.now() + this.seq),
      endedAt: null,
      updatedAt: null,
      target,
      finalStatus,
    })
    if (finalStatus === 'ROLLBACK_SUCCEEDED') {
      this.logs.set(id, [
        {
          eventId: '1',
          timestamp: iso(0),
          stream: `deployment/${id}`,
          message: `[AppRunner] Deployment with ID : ${id} started.`,
          fields: null,
        },
        {
          eventId: '2',
          timestamp: iso(1),
          stream: `deployment/${id}`,
          message: "[AppRunner] Health check failed on protocol `HTTP` [Path: '/health']. 503",
          fields: null,
        },
        {
          eventId: '3',
          timestamp: iso(2),
          stream: `deployment/${id}`,
          message: `[AppRunner] Deployment with ID : ${id} failed. Rolling back.`,
          fields: null,
        },
      ])
    }
    this.service.status = 'OPERATION_IN_PROGRESS'
    return ok({ operationId: id })
  }

  /** Lets a pending/in-progress operation sit there (guards must see it). */
  addRunningOperation(type = 'UPDATE_SERVICE'): string {
    const r = this.begin(type)
    return r.ok ? r.data.operationId : ''
  }

  runtime = {
    kind: 'apprunner',
    label: 'App Runner',
    trailEventNames: Object.keys(appRunnerTrailOperations),
    trailOperation: (call: TrailCall) => appRunnerTrailOperation(call, 'appfactory-app-service'),
    getService: async (): Promise<Result<Service>> => {
      this.calls.push('DescribeService')
      return ok(structuredClone(this.service))
    },
    listOperations: async () => {
      this.calls.push('ListOperations')
      const f = this.fault('ListOperations')
      if (f) return err(f)
      const list = {
        operations: this.ops.map(({ target: _t, finalStatus: _f, reason: _r, ...o }) => ({ ...o })),
        fetchedAt: iso(Date.now()),
      }
      this.advance()
      return ok(list)
    },
    deployImage: async (sha: string) => {
      await Promise.resolve()
      this.calls.push('UpdateService')
      const f = this.fault('UpdateService')
      if (f) return err(f)
      const r = this.begin('UPDATE_SERVICE', sha)
      return r.ok ? ok({ ...r.data, imageIdentifier: `${REPO_URI}:${sha}` }) : r
    },
    redeployCurrent: async () => {
      this.calls.push('StartDeployment')
      return this.begin('START_DEPLOYMENT', this.service.sha ?? undefined)
    },
    pause: async () => {
      this.calls.push('PauseService')
      const f = this.fault('PauseService')
      if (f) return err(f)
      return this.begin('PAUSE_SERVICE')
    },
    resume: async () => {
      this.calls.push('ResumeService')
      const f = this.fault('ResumeService')
      if (f) return err(f)
      return this.begin('RESUME_SERVICE')
    },
  }

  ecr = {
    findImagesBySha: async (sha: string): Promise<Result<Image[]>> => {
      this.calls.push('DescribeImages')
      return ok(this.images.filter((i) => i.sha?.startsWith(sha)))
    },
    getImageFindings: async (): Promise<Result<Finding[]>> =>
      ok([{ name: 'CVE-2026-0001', severity: 'CRITICAL', description: null, uri: null, packageName: 'openssl', packageVersion: '3.0.0' }]),
  }

  rds = {
    getDatabase: async (): Promise<Result<Database>> => {
      this.calls.push('DescribeDBInstances')
      const f = this.fault('DescribeDBInstances')
      if (f) return err(f)
      const db = structuredClone(this.db)
      this.advance()
      return ok(db)
    },
    stopDatabase: async (): Promise<Result<Database>> => {
      this.calls.push('StopDBInstance')
      const f = this.fault('StopDBInstance')
      if (f) return err(f)
      this.db = database('stopping')
      return ok(structuredClone(this.db))
    },
    startDatabase: async (): Promise<Result<Database>> => {
      this.calls.push('StartDBInstance')
      const f = this.fault('StartDBInstance')
      if (f) return err(f)
      this.db = database('starting')
      return ok(structuredClone(this.db))
    },
  }

  logsApi = {
    getDeploymentLog: async (operationId: string): Promise<Result<LogEvent[]>> => {
      this.calls.push('GetLogEvents')
      return ok(this.logs.get(operationId) ?? [])
    },
  }

  healthApi = {
    probeHealth: async (url: string) => {
      this.calls.push('probeHealth')
      return { url: `http://${url}/health`, status: this.health, ms: 3 }
    },
  }

  /** Writes only, in order. */
  writes(): string[] {
    return this.calls.filter((c) => /^(UpdateService|StartDeployment|PauseService|ResumeService|StopDBInstance|StartDBInstance)$/.test(c))
  }
}

export const aws = new FakeAws()

/** The config the actions read, with a temporary data dir set by the test. */
export const testConfig = {
  dataDir: '',
  lockLeaseMs: 30_000,
  logLevel: 'silent',
  githubRepo: 'hanpieter1/AppFactory',
  appRunnerService: 'appfactory-app-service',
  rdsInstance: 'appfactory-db',
  ecrRepository: 'appfactory-app',
  healthPath: '/health',
}
