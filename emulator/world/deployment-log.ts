/**
 * The lines App Runner writes to the service log group: one `deployment/<operation-id>` stream per
 * operation and the `events` stream, phase by phase (started, pulling, health check, routed or rolled
 * back). Live operations write each phase when the transitions reach it; seeded ones get their whole
 * story at once (`operationLogLines`). One phrasebook serves both.
 */
import { SERVICE_LOG_GROUP } from './constants'
import type { OperationState, ServiceState, World } from './shapes'

const SECOND = 1000
const MINUTE = 60 * SECOND

type Line = { timestamp: number; message: string }

export type Phase = 'started' | 'inProgress' | 'pullFailed' | 'healthy' | 'unhealthy' | 'succeeded' | 'rolledBack'

const tagOf = (image: string | undefined) => (image ? image.slice(image.lastIndexOf(':') + 1) : '')
const repoOf = (image: string | undefined) => (image ? image.slice(0, image.lastIndexOf(':')) : '')

/** `HTTP` [Path: '/health'], [Port: '3000'] — how App Runner names the health check in its lines. */
export function healthCheckTarget(service: Pick<ServiceState, 'healthCheck' | 'port'>): string {
  const hc = service.healthCheck
  return `\`${hc.protocol}\` [Path: '${hc.path}'], [Port: '${service.port}']`
}

const TRIGGERS: Partial<Record<OperationState['type'], string>> = {
  CREATE_SERVICE: 'SERVICE_CREATE',
  UPDATE_SERVICE: 'SERVICE_UPDATE',
  START_DEPLOYMENT: 'MANUAL_DEPLOYMENT',
}

/** What App Runner writes when an operation reaches a phase: deployment-stream lines and events-stream lines. */
export function phaseLines(
  service: Pick<ServiceState, 'healthCheck' | 'port'>,
  op: OperationState,
  phase: Phase,
): { deployment: string[]; events: string[] } {
  const rollback = `Rollback to the previous successful deployment started${op.previousImage ? ` (image tag ${tagOf(op.previousImage)})` : ''}.`
  if (op.type === 'PAUSE_SERVICE' || op.type === 'RESUME_SERVICE') {
    const verb = op.type === 'PAUSE_SERVICE' ? 'pause' : 'resume'
    if (phase === 'started')
      return { deployment: [`Service ${verb} started. Operation ID : ${op.id}`], events: [`Service ${verb} started.`] }
    if (phase === 'succeeded')
      return {
        deployment: [`Service ${verb}d successfully.`],
        events: [`Service status is set to ${verb === 'pause' ? 'PAUSED' : 'RUNNING'}.`],
      }
    return { deployment: [], events: [] }
  }
  switch (phase) {
    case 'started': {
      const started = `Deployment with ID : ${op.id} started. Triggering event : ${TRIGGERS[op.type] ?? op.type}`
      return {
        deployment: [
          started,
          `Deployment Artifact: [Repo Type: ECR], [Image URL: ${repoOf(op.targetImage)}], [Image Tag: ${tagOf(op.targetImage)}]`,
        ],
        events: [...(op.type === 'CREATE_SERVICE' ? ['Service creation started.'] : []), started],
      }
    }
    case 'inProgress':
      return { deployment: [`Pulling image ${op.targetImage ?? ''} from ECR repository.`], events: [] }
    case 'pullFailed':
      return {
        deployment: [
          op.failureReason ??
            'Failed to pull your application image. Be sure you configure your service with a valid access role to your ECR repository.',
          `Deployment with ID : ${op.id} failed. Failure reason : Image pull failed.`,
          rollback,
        ],
        events: [`Deployment with ID : ${op.id} failed. Failure reason : Image pull failed.`],
      }
    case 'healthy':
    case 'unhealthy': {
      const lines = [
        'Successfully pulled your application image from ECR.',
        'Provisioning instances and deploying image for privately accessible service.',
        `Performing health check on protocol ${healthCheckTarget(service)}.`,
      ]
      if (phase === 'healthy') return { deployment: [...lines, 'Health check is successful. Routing traffic to application.'], events: [] }
      const failed = `Deployment with ID : ${op.id} failed. Failure reason : Health check failed.`
      return {
        deployment: [...lines, op.failureReason ?? `Health check failed on protocol ${healthCheckTarget(service)}.`, failed, rollback],
        events: [failed],
      }
    }
    case 'succeeded':
      return {
        deployment: ['Successfully routed incoming traffic to application.', `Deployment with ID : ${op.id} completed successfully.`],
        events: [
          `Deployment with ID : ${op.id} successful.`,
          ...(op.type === 'CREATE_SERVICE' ? ['Service status is set to RUNNING.'] : []),
        ],
      }
    case 'rolledBack':
      return {
        deployment: ['Rollback completed successfully. The service is running the previous version again.'],
        events: [`Rollback for deployment with ID : ${op.id} completed successfully.`],
      }
  }
}

const stamp = (at: number, lines: string[]): Line[] => lines.map((m, i) => ({ timestamp: at + i, message: `[AppRunner] ${m}` }))

/** Writes a live operation's phase to its deployment stream and the events stream. */
export function writePhase(world: World, op: OperationState, phase: Phase, at: number): void {
  const { deployment, events } = phaseLines(world.service, op, phase)
  if (deployment.length > 0) world.logs.append(SERVICE_LOG_GROUP, `deployment/${op.id}`, stamp(at, deployment))
  if (events.length > 0) world.logs.append(SERVICE_LOG_GROUP, 'events', stamp(at, events))
}

/** The whole story of a seeded (finished) operation, with App Runner's usual timing between the phases. */
export function operationLogLines(
  service: Pick<ServiceState, 'healthCheck' | 'port'>,
  op: OperationState,
): { deployment: Line[]; events: Line[] } {
  const t0 = op.startedAt
  const end = op.endedAt ?? op.finishesAt ?? t0 + 5 * MINUTE
  const failed = op.status === 'ROLLBACK_SUCCEEDED' || op.status === 'ROLLBACK_FAILED' || op.status === 'FAILED'
  const pullFailed = failed && /pull/i.test(op.failureReason ?? '')
  const failAt = pullFailed ? t0 + 41 * SECOND : t0 + Math.max(3 * MINUTE, Math.min(10 * MINUTE, (end - t0) / 2))
  const plan: [Phase, number][] =
    op.type === 'PAUSE_SERVICE' || op.type === 'RESUME_SERVICE'
      ? [
          ['started', t0],
          ['succeeded', end],
        ]
      : failed
        ? [
            ['started', t0],
            ['inProgress', t0 + 6 * SECOND],
            [pullFailed ? 'pullFailed' : 'unhealthy', failAt],
            ['rolledBack', end],
          ]
        : [
            ['started', t0],
            ['inProgress', t0 + 6 * SECOND],
            ['healthy', end - 90 * SECOND],
            ['succeeded', end - 2 * SECOND],
          ]
  const out = { deployment: [] as Line[], events: [] as Line[] }
  for (const [phase, at] of plan) {
    if (op.endedAt === undefined && at > t0 && (phase === 'succeeded' || phase === 'rolledBack')) continue
    const lines = phaseLines(service, op, phase)
    out.deployment.push(...stamp(at, lines.deployment))
    out.events.push(...stamp(at, lines.events))
  }
  return out
}
