import { processState } from '@/lib/process-state'

/**
 * What one request did, by request id: who made it and the AWS request ids of the calls it caused.
 * The production server (scripts/portal-server.mjs) reads the record when the response finishes,
 * writes it into the request's log line and drops it — under the process-state name
 * `request-records`, since that script runs outside Next's bundles.
 */
export type RequestRecord = { actor?: string; aws: string[] }

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

/** Notes the verified identity behind a request. */
export function noteActor(requestId: string | undefined, actorId: string): void {
  if (requestId) recordFor(requestId).actor = actorId
}

/** Notes an AWS request id a request's AWS call got back. */
export function noteAwsRequest(requestId: string | undefined, awsRequestId: string | undefined): void {
  if (!requestId || !awsRequestId) return
  const r = recordFor(requestId)
  if (r.aws.length < MAX_AWS_IDS) r.aws.push(awsRequestId)
}

/** The identity noted for a request so far, if any. */
export function peekRequestActor(requestId: string | undefined): string | undefined {
  return requestId ? records().get(requestId)?.actor : undefined
}

/** Takes (and forgets) a request's record. */
export function takeRequestRecord(requestId: string): RequestRecord | undefined {
  const map = records()
  const r = map.get(requestId)
  map.delete(requestId)
  return r
}
