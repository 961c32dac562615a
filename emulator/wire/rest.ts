/**
 * restJson1 (EventBridge Scheduler): the operation is chosen by HTTP method and path, from each
 * operation's `http.requestUri` in the service's model (`POST /schedules/{Name}`, `GET /schedules`), and
 * the input is assembled from where the model places each member: URI labels, the query string, headers
 * and the JSON body (timestamps there are epoch seconds; in the query string ISO 8601). Values that are not
 * of the model's type come back as `type` violations, which the dispatcher answers as AWS does.
 */
import type { IncomingMessage } from 'node:http'

import { isRecord } from '../core/input'
import { AwsError, type Input } from '../core/types'
import { serviceModel, shapeOf, type ServiceModel } from '../models/model'
import type { ServiceName } from '../models/sources'
import type { Violation } from '../models/validate'

type Route = { operation: string; method: string; pattern: RegExp; labels: string[]; literals: number }

const routeCache = new Map<ServiceName, Route[]>()

function routes(name: ServiceName): Route[] {
  const hit = routeCache.get(name)
  if (hit) return hit
  const out: Route[] = []
  for (const [operation, op] of Object.entries(serviceModel(name).operations)) {
    if (!op.http) continue
    const path = op.http.requestUri.split('?')[0] ?? '/'
    const labels: string[] = []
    const source = path
      .split('/')
      .map((seg) => {
        const label = /^\{([A-Za-z0-9_]+)(\+?)\}$/.exec(seg)
        if (!label) return seg.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
        labels.push(label[1] ?? '')
        return label[2] ? '(.+)' : '([^/]+)'
      })
      .join('/')
    out.push({
      operation,
      method: op.http.method,
      pattern: new RegExp(`^${source}$`),
      labels,
      literals: path.split('/').length - labels.length,
    })
  }
  // The most literal route wins (`/schedules/x` before a greedy label).
  out.sort((a, b) => b.literals - a.literals)
  routeCache.set(name, out)
  return out
}

/** The operation a request addresses and the values of its URI labels (still percent-encoded), or undefined. */
export function routeRest(
  name: ServiceName,
  method: string,
  pathname: string,
): { operation: string; labels: Record<string, string> } | undefined {
  for (const r of routes(name)) {
    if (r.method !== method) continue
    const m = r.pattern.exec(pathname)
    if (!m) continue
    return { operation: r.operation, labels: Object.fromEntries(r.labels.map((l, i) => [l, m[i + 1] ?? ''])) }
  }
  return undefined
}

function scalar(model: ServiceModel, shapeName: string, raw: string, path: string[], problems: Violation[]): unknown {
  const shape = shapeOf(model, shapeName)
  const wrong = () => {
    problems.push({ path, value: raw, kind: 'type', limit: shape.type })
    return undefined
  }
  switch (shape.type) {
    case 'integer':
    case 'long':
      return /^-?\d+$/.test(raw) ? Number(raw) : wrong()
    case 'double':
    case 'float':
      return Number.isFinite(Number(raw)) && raw.trim() !== '' ? Number(raw) : wrong()
    case 'boolean':
      return raw === 'true' ? true : raw === 'false' ? false : wrong()
    case 'timestamp': {
      const ms = Date.parse(raw)
      return Number.isNaN(ms) ? wrong() : ms / 1000
    }
    default:
      return raw
  }
}

/** The input of `operation`, read from the request as the model places its members. */
export function readRestInput(
  model: ServiceModel,
  operation: string,
  req: Pick<IncomingMessage, 'headers'>,
  url: URL,
  labels: Record<string, string>,
  body: Buffer,
): { input: Input; problems: Violation[] } | AwsError {
  const shapeName = model.operations[operation]?.input
  const problems: Violation[] = []
  let parsed: unknown = {}
  const text = body.toString('utf8')
  if (text.trim() !== '') {
    try {
      parsed = JSON.parse(text)
    } catch {
      return new AwsError('SerializationException', 'Unexpected character in the request body: it is not JSON.')
    }
  }
  if (!isRecord(parsed)) return new AwsError('SerializationException', 'Start of structure or map found where not expected.')
  const input: Input = {}
  if (!shapeName) return { input, problems }
  const shape = shapeOf(model, shapeName)
  if (shape.type !== 'structure') return { input, problems }
  for (const [member, ref] of Object.entries(shape.members)) {
    const wire = ref.locationName ?? member
    let v: unknown
    if (ref.location === 'uri') {
      const raw = labels[wire]
      if (raw !== undefined) {
        try {
          v = scalar(model, ref.shape, decodeURIComponent(raw), [member], problems)
        } catch {
          return new AwsError('SerializationException', `The URI label ${wire} is not percent-encoded correctly.`)
        }
      }
    } else if (ref.location === 'querystring') {
      const all = url.searchParams.getAll(wire)
      const target = shapeOf(model, ref.shape)
      if (all.length > 0)
        v =
          target.type === 'list'
            ? all.map((x, i) => scalar(model, target.member.shape, x, [member, String(i)], problems))
            : scalar(model, ref.shape, all[0] ?? '', [member], problems)
    } else if (ref.location === 'header') {
      const h = req.headers[wire.toLowerCase()]
      const raw = Array.isArray(h) ? h.join(',') : h
      if (raw !== undefined) v = scalar(model, ref.shape, raw, [member], problems)
    } else {
      v = parsed[wire]
    }
    if (v !== undefined) input[member] = v
  }
  return { input, problems }
}
