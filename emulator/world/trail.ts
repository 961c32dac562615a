/**
 * CloudTrail of the emulated account: every mutating call the emulator answers (and the seeded history)
 * becomes a management event as CloudTrail records it — who signed it (`userIdentity`, from the access
 * key's identity), the request parameters and response elements in CloudTrail's lower-camel form with
 * sensitive members hidden (the model's `sensitive` flag: App Runner's environment variables, which hold
 * DATABASE_URL, never reach the trail), and the error of a refused call.
 */
import { randomUUID } from 'node:crypto'

import type { Identity, Input, TrailResource } from '../core/types'
import { serviceModel, shapeOf, type ServiceModel } from '../models/model'
import type { ServiceName } from '../models/sources'
import { OIDC_PROVIDER_ARN } from './constants'
import type { TrailEventState, World } from './shapes'
import { isRecord } from '../core/input'

/** What CloudTrail writes in place of a sensitive value. */
export const HIDDEN = 'HIDDEN_DUE_TO_SECURITY_REASONS'

const lowerFirst = (s: string) => s.charAt(0).toLowerCase() + s.slice(1)

/** A value as CloudTrail shows it: member names lower-camel, sensitive values hidden, timestamps as CloudTrail's dates. */
function trailView(model: ServiceModel, shapeName: string, value: unknown): unknown {
  const shape = shapeOf(model, shapeName)
  if (shape.sensitive) return HIDDEN
  switch (shape.type) {
    case 'structure': {
      if (!isRecord(value)) return value
      const out: Record<string, unknown> = {}
      for (const [name, ref] of Object.entries(shape.members)) {
        const v = value[name]
        if (v !== undefined && v !== null) out[lowerFirst(name)] = trailView(model, ref.shape, v)
      }
      return out
    }
    case 'list':
      return Array.isArray(value) ? value.map((v) => trailView(model, shape.member.shape, v)) : value
    case 'map':
      if (shapeOf(model, shape.key.shape).sensitive) return HIDDEN
      return isRecord(value)
        ? Object.fromEntries(Object.entries(value).map(([k, v]) => [k, trailView(model, shape.value.shape, v)]))
        : value
    case 'timestamp':
      return typeof value === 'number' ? trailTime(value * 1000) : value
    default:
      return value
  }
}

/** CloudTrail's time format: ISO-8601 to the second. */
export const trailTime = (ms: number) => new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z')

/** The `userIdentity` block of a record. */
export function userIdentity(identity: Identity, at: number, opts: { webIdentity?: boolean } = {}): Record<string, unknown> {
  const base = {
    type: identity.type,
    principalId: identity.principalId,
    arn: identity.arn,
    accountId: identity.accountId,
    accessKeyId: identity.accessKeyId,
  }
  if (identity.type === 'IAMUser') return { ...base, userName: identity.userName }
  if (identity.type === 'AssumedRole' && identity.role) {
    return {
      ...base,
      sessionContext: {
        sessionIssuer: {
          type: 'Role',
          principalId: identity.role.roleId,
          arn: identity.role.arn,
          accountId: identity.accountId,
          userName: identity.role.name,
        },
        ...(opts.webIdentity ? { webIdFederationData: { federatedProvider: OIDC_PROVIDER_ARN, attributes: {} } } : {}),
        attributes: { creationDate: trailTime(at - 45_000), mfaAuthenticated: 'false' },
      },
    }
  }
  return base
}

export type RecordedCall = {
  service: ServiceName
  operation: string
  input: Input
  /** The handler's answer, or the error it refused the call with. */
  output?: unknown
  error?: { code: string; message: string }
  identity: Identity
  region: string
  requestId: string
  at: number
  sourceIp: string
  userAgent: string
  resources: TrailResource[]
  eventId?: string
  /** Extra record fields (e.g. `sessionCredentialFromConsole`). */
  extra?: Record<string, unknown>
  webIdentity?: boolean
}

/** The management event CloudTrail records for one call. */
export function trailEvent(call: RecordedCall): TrailEventState {
  const model = serviceModel(call.service)
  const op = model.operations[call.operation]
  const eventSource = `${model.metadata.endpointPrefix ?? call.service}.amazonaws.com`
  const eventId = call.eventId ?? randomUUID()
  const record: Record<string, unknown> = {
    eventVersion: '1.09',
    userIdentity: userIdentity(call.identity, call.at, { webIdentity: call.webIdentity }),
    eventTime: trailTime(call.at),
    eventSource,
    eventName: call.operation,
    awsRegion: call.region,
    sourceIPAddress: call.sourceIp,
    userAgent: call.userAgent,
    ...(call.error ? { errorCode: call.error.code, errorMessage: call.error.message } : {}),
    requestParameters: op?.input ? trailView(model, op.input, call.input) : null,
    responseElements: !call.error && op?.output && call.output !== undefined ? trailView(model, op.output, call.output) : null,
    requestID: call.requestId,
    eventID: eventId,
    readOnly: false,
    eventType: 'AwsApiCall',
    managementEvent: true,
    recipientAccountId: call.identity.accountId,
    eventCategory: 'Management',
    ...call.extra,
  }
  return {
    eventId,
    eventName: call.operation,
    eventSource,
    eventTime: call.at,
    readOnly: false,
    accessKeyId: call.identity.accessKeyId,
    username: call.identity.userName,
    resources: call.resources,
    record,
  }
}

/** CloudTrail keeps management events for 90 days. */
export const TRAIL_RETENTION_MS = 90 * 24 * 3_600_000

/** Records a call in the world's trail (oldest first). */
export function recordCall(world: World, call: RecordedCall): void {
  world.trail.push(trailEvent(call))
}
