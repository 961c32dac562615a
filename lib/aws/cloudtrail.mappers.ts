import 'server-only'

import type { Event } from '@aws-sdk/client-cloudtrail'

import type { DeploymentActorKind } from '@/lib/domain/actions'

/*
 * CloudTrail's management events as the portal reads them: who made a call (from the record's
 * userIdentity) and what was asked and answered. Pure.
 */

/** Who made a call, as the deployment history names them. */
export type TrailActor = { kind: DeploymentActorKind; name: string | null; arn: string | null }

/** One management event: its name and time, who made it, the resources and the request/response it recorded. */
export type TrailEvent = {
  eventId: string
  eventName: string
  eventTime: string
  actor: TrailActor
  /** The error AWS refused the call with; null when it was accepted. */
  errorCode: string | null
  resourceNames: string[]
  requestParameters: Record<string, unknown> | null
  responseElements: Record<string, unknown> | null
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v)
const text = (v: unknown): string | null => (typeof v === 'string' && v !== '' ? v : null)
const record = (v: unknown): Record<string, unknown> | null => (isRecord(v) ? v : null)

const GITHUB_OIDC = 'token.actions.githubusercontent.com'

/**
 * Who a CloudTrail record's `userIdentity` is: the CI role (`ciRole`, or any role assumed with
 * GitHub's OIDC token) is "GitHub Actions"; an IAM user, an SSO role's session or a console session is
 * a person, by name; an AWS service or another role is automation; anything else is unknown.
 */
export function actorOf(trail: Record<string, unknown>, ciRole: string): TrailActor {
  const id = record(trail.userIdentity)
  if (!id) return { kind: 'unknown', name: null, arn: null }
  const arn = text(id.arn)
  const type = text(id.type)
  const last = arn?.split('/').at(-1) ?? null
  const invokedBy = text(id.invokedBy)
  switch (type) {
    case 'IAMUser':
      return { kind: 'person', name: text(id.userName) ?? last, arn }
    case 'Root':
      return { kind: 'person', name: 'the account root user', arn }
    case 'AWSService':
      return { kind: 'automation', name: invokedBy ?? text(trail.sourceIPAddress), arn }
    case 'FederatedUser':
      return { kind: 'person', name: last, arn }
    case 'AssumedRole': {
      const session = record(id.sessionContext)
      const issuer = record(session?.sessionIssuer)
      // assumed-role/<role>/<session>
      const role = text(issuer?.userName) ?? arn?.split('/').at(-2) ?? null
      const provider = text(record(session?.webIdFederationData)?.federatedProvider)
      if (role === ciRole || provider?.includes(GITHUB_OIDC)) return { kind: 'github-actions', name: 'GitHub Actions', arn }
      if (invokedBy) return { kind: 'automation', name: invokedBy, arn }
      if (role?.startsWith('AWSReservedSSO_') || trail.sessionCredentialFromConsole === 'true') return { kind: 'person', name: last, arn }
      return { kind: 'automation', name: role && last ? `${role} (${last})` : (role ?? last), arn }
    }
    default:
      return { kind: 'unknown', name: invokedBy ?? last, arn }
  }
}

/** One LookupEvents event; null when it carries no id or name. A record that is not JSON still gives name, time and resources. */
export function toTrailEvent(e: Event, ciRole: string): TrailEvent | null {
  if (!e.EventId || !e.EventName) return null
  let trail: Record<string, unknown> = {}
  try {
    trail = record(JSON.parse(e.CloudTrailEvent ?? '{}')) ?? {}
  } catch {
    trail = {}
  }
  return {
    eventId: e.EventId,
    eventName: e.EventName,
    eventTime: (e.EventTime ?? new Date(0)).toISOString(),
    actor: actorOf(trail, ciRole),
    errorCode: text(trail.errorCode),
    resourceNames: (e.Resources ?? []).flatMap((r) => (r.ResourceName ? [r.ResourceName] : [])),
    requestParameters: record(trail.requestParameters),
    responseElements: record(trail.responseElements),
  }
}
