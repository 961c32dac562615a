import type { Actor } from '@/lib/domain/auth'
import { processState } from '@/lib/process-state'

/**
 * What one request did, by request id: who made it and the AWS request ids of the calls it caused.
 * The production server (scripts/portal-server.mjs) reads the record when the response finishes,
 * writes it into the request's log line and drops it — under the process-state name
 * `request-records`, since that script runs outside Next's bundles.
 */
export type RequestRecord = {
  /** The identity: an email, `github:<login>`, `demo:<role>`, or a token's name (with `actorKind: 'token'`). */
  actor?: string
  actorKind?: Actor['kind']
  aws: string[]
}

// A record whose response never finishes (a request outside the production server) must not pile up.
const MAX_RECORDS = 5000
const MAX_AWS_IDS = 50

const records = () => processState('request-records', () => new Map<string, RequestRecord>())

function recordFor(requestId: string): RequestRecord {
  const map = records()
  let r = map.get(requestId)
  if (!r) {
    if (map.size >= MAX_RECORDS) {
      const oldest = map.keys().next()
      if (!oldest.done) map.delete(oldest.value)
    }
    r = { aws: [] }
    map.set(requestId, r)
  }
  return r
}

/**
 * Notes the verified identity behind a request. A token is named by its name alone: log lines pass
 * through lib/redact, which hides whatever follows `token:`.
 */
export function noteActor(requestId: string | undefined, actor: Pick<Actor, 'id' | 'name' | 'kind'>): void {
  if (!requestId) return
  const r = recordFor(requestId)
  r.actor = actor.kind === 'token' ? actor.name : actor.id
  r.actorKind = actor.kind
}

/** Notes an AWS request id a request's AWS call got back. */
export function noteAwsRequest(requestId: string | undefined, awsRequestId: string | undefined): void {
  if (!requestId || !awsRequestId) return
  const r = recordFor(requestId)
  if (r.aws.length < MAX_AWS_IDS) r.aws.push(awsRequestId)
}

/** The identity noted for a request so far, as log fields (empty when none). */
export function peekRequestActor(requestId: string | undefined): { actor?: string; actorKind?: Actor['kind'] } {
  const r = requestId ? records().get(requestId) : undefined
  return r?.actor ? { actor: r.actor, actorKind: r.actorKind } : {}
}

/** Takes (and forgets) a request's record. */
export function takeRequestRecord(requestId: string): RequestRecord | undefined {
  const map = records()
  const r = map.get(requestId)
  map.delete(requestId)
  return r
}
