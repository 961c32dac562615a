/**
 * How EventBridge Scheduler runs a schedule's universal target (`arn:aws:scheduler:::aws-sdk:<service>:<apiAction>`)
 * inside the emulator: it assumes the schedule's execution role (which must exist and trust
 * `scheduler.amazonaws.com`), checks that the role's policies allow the action on the resource, reads the
 * target's JSON input — whose keys are the API's members as AWS's SDKs for Java name them
 * (`DbInstanceIdentifier`, `ServiceArn`) — checks it against the service's model, and calls the same
 * handler an API request would, at the time of the invocation. The call is recorded in CloudTrail as
 * made by the assumed role, whether it succeeded or not.
 */
import { createHash, randomUUID } from 'node:crypto'

import { documentedError } from '../models/documented'
import { serviceModel, shapeOf, type ServiceModel } from '../models/model'
import type { ServiceName } from '../models/sources'
import { validateInput } from '../models/validate'
import { validationError } from '../models/validation-errors'
import { ACCOUNT_ID, REGION } from '../world/constants'
import { roleAllows, roleByArn, trustsService } from '../world/iam-eval'
import type { InvocationOutcome, Invoker } from '../world/scheduler'
import type { ScheduleState, World } from '../world/shapes'
import { recordCall } from '../world/trail'
import { identityFor } from './credentials'
import { isRecord, str } from './input'
import { SERVICES } from './registry'
import { AwsError, type Identity, type Input } from './types'

const UNIVERSAL_TARGET = /^arn:aws:scheduler:::aws-sdk:([a-z0-9-]+):([a-z][A-Za-z0-9]*)$/
const SCHEDULER_PRINCIPAL = 'scheduler.amazonaws.com'

/** The services a universal target can name here (by the SDK's service id), with the resource an action acts on. */
const TARGETS: Record<string, { name: ServiceName; resource: (input: Input) => string }> = {
  rds: { name: 'rds', resource: (i) => `arn:aws:rds:${REGION}:${ACCOUNT_ID}:db:${str(i.DBInstanceIdentifier) ?? ''}` },
  apprunner: { name: 'apprunner', resource: (i) => str(i.ServiceArn) ?? '*' },
}

/** A model member's name as a universal target's input spells it: `DBInstanceIdentifier` → `DbInstanceIdentifier`. */
export function universalKey(member: string): string {
  const words = member.match(/[A-Z]+(?=[A-Z][a-z]|\d|$)|[A-Z]?[a-z]+|\d+/g) ?? [member]
  return words.map((w) => w.charAt(0).toUpperCase() + w.slice(1).toLowerCase()).join('')
}

/** The target's input rebuilt in the model's member names (keys the API does not know are dropped, as the SDK drops them). */
function fromUniversal(model: ServiceModel, shapeName: string, value: unknown): unknown {
  const shape = shapeOf(model, shapeName)
  if (shape.type === 'structure') {
    if (!isRecord(value)) return value
    const out: Input = {}
    for (const [member, ref] of Object.entries(shape.members)) {
      const v = value[universalKey(member)]
      if (v !== undefined) out[member] = fromUniversal(model, ref.shape, v)
    }
    return out
  }
  if (shape.type === 'list' && Array.isArray(value)) return value.map((v) => fromUniversal(model, shape.member.shape, v))
  return value
}

const failure = (code: string, message: string): InvocationOutcome => ({ ok: false, code, message })

function sessionIdentity(roleName: string, schedule: ScheduleState): Identity {
  const session = createHash('sha256').update(schedule.arn).digest('hex').slice(0, 32)
  const identity = identityFor(
    `arn:aws:sts::${ACCOUNT_ID}:assumed-role/${roleName}/${session}`,
    `ASIA${session.slice(0, 16).toUpperCase()}`,
  )
  if (typeof identity === 'string') throw new Error(identity)
  return identity
}

/** Runs one invocation of `schedule`'s target at `at`. */
export const invokeTarget: Invoker = (world: World, schedule: ScheduleState, at: number) => {
  const m = UNIVERSAL_TARGET.exec(schedule.target.arn)
  const target = m ? TARGETS[m[1] ?? ''] : undefined
  if (!m || !target)
    return failure('ValidationException', `The emulator runs universal targets of ${Object.keys(TARGETS).join(' and ')} only.`)
  const role = roleByArn(world.iam, schedule.target.roleArn)
  const context = { 'aws:SourceAccount': ACCOUNT_ID, 'aws:SourceArn': schedule.arn }
  if (!role || !trustsService(role, SCHEDULER_PRINCIPAL, context))
    return failure(
      'AccessDenied',
      `EventBridge Scheduler could not assume the role ${schedule.target.roleArn}: it does not exist or does not trust ${SCHEDULER_PRINCIPAL}.`,
    )
  const def = SERVICES[target.name]
  const operation = (m[2] ?? '').charAt(0).toUpperCase() + (m[2] ?? '').slice(1)
  const handler = def.handlers[operation]
  const model = serviceModel(target.name)
  const shapeName = model.operations[operation]?.input
  if (!handler || !shapeName) return failure('ValidationException', `The emulator does not run ${m[1]}:${m[2]}.`)
  let params: unknown
  try {
    params = JSON.parse(schedule.target.input ?? '{}')
  } catch {
    return failure('ValidationException', 'The target input is not JSON.')
  }
  const input = fromUniversal(model, shapeName, params)
  if (!isRecord(input)) return failure('ValidationException', 'The target input must be a JSON object.')
  const identity = sessionIdentity(role.name, schedule)
  const action = `${target.name}:${operation}`
  const resource = target.resource(input)
  const record = (error?: AwsError, output?: unknown) => {
    const resources = def.mutating?.[operation]
    if (resources)
      recordCall(world, {
        service: target.name,
        operation,
        input,
        output,
        error: error ? { code: error.queryCode ?? error.code, message: error.message } : undefined,
        identity,
        region: REGION,
        requestId: randomUUID(),
        at,
        sourceIp: SCHEDULER_PRINCIPAL,
        userAgent: SCHEDULER_PRINCIPAL,
        resources: resources(input),
      })
  }
  const violations = validateInput(model, operation, input)
  const invalid = violations.length > 0 ? validationError(def, violations) : documentedError(target.name, operation, input)
  if (invalid) return failure(invalid.code, invalid.message)
  if (!roleAllows(world.iam, role, action, resource)) {
    const code = def.validation.form === 'rds' ? 'AccessDenied' : 'AccessDeniedException'
    const denied = new AwsError(
      code,
      `User: ${identity.arn} is not authorized to perform: ${action} on resource: ${resource} because no identity-based policy allows the ${action} action`,
      403,
    )
    record(denied)
    return failure(denied.code, denied.message)
  }
  try {
    const output = handler(input, { world, now: at, requestId: randomUUID(), region: REGION, accountId: ACCOUNT_ID, identity })
    record(undefined, output)
    return { ok: true }
  } catch (e: unknown) {
    if (!(e instanceof AwsError)) throw e
    record(e)
    return failure(e.code, e.message)
  }
}
