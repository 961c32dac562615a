import 'server-only'

import { parseImageIdentifier } from './apprunner.mappers'
import { isShaTag } from './ecr.mappers'
import type { TrailCall, TrailOperation } from './runtime.types'

/*
 * What CloudTrail records of App Runner operations: the event names of the calls that start one,
 * and how to read the operation id, the service and the image out of an event's request parameters
 * and response elements (CloudTrail writes the API's members lower-camel). Pure.
 */

/** The App Runner calls that start an operation on a service, with the operation type each starts. */
export const appRunnerTrailOperations = {
  CreateService: 'CREATE_SERVICE',
  UpdateService: 'UPDATE_SERVICE',
  StartDeployment: 'START_DEPLOYMENT',
  PauseService: 'PAUSE_SERVICE',
  ResumeService: 'RESUME_SERVICE',
} as const satisfies Record<string, string>

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v)
const at = (v: unknown, ...path: string[]): unknown => path.reduce<unknown>((o, k) => (isRecord(o) ? o[k] : undefined), v)
const text = (v: unknown): string | null => (typeof v === 'string' && v !== '' ? v : null)

/** True when a service ARN (`arn:aws:apprunner:<region>:<account>:service/<name>/<id>`) or name is the configured service (a name or an ARN). */
export function isConfiguredService(arnOrName: string, configured: string): boolean {
  if (configured.startsWith('arn:')) return arnOrName === configured
  return arnOrName === configured || arnOrName.includes(`:service/${configured}/`)
}

/** The operation an App Runner event started on the configured service; null for other events, other services or a refused call. */
export function appRunnerTrailOperation(call: TrailCall, configured: string): TrailOperation | null {
  const type = appRunnerTrailOperations[call.eventName as keyof typeof appRunnerTrailOperations] as string | undefined
  if (!type) return null
  const operationId = text(at(call.responseElements, 'operationId'))
  if (!operationId) return null
  const names = [
    ...call.resourceNames,
    text(at(call.requestParameters, 'serviceArn')),
    text(at(call.requestParameters, 'serviceName')),
    text(at(call.responseElements, 'service', 'serviceArn')),
  ].filter((n): n is string => n !== null)
  if (!names.some((n) => isConfiguredService(n, configured))) return null
  const imageIdentifier = text(at(call.requestParameters, 'sourceConfiguration', 'imageRepository', 'imageIdentifier'))
  const tag = imageIdentifier ? parseImageIdentifier(imageIdentifier).tag : null
  return { operationId, type, imageIdentifier, sha: tag && isShaTag(tag) ? tag.toLowerCase() : null }
}
