/**
 * Which wire protocols each service speaks, read from its model's metadata (one place for the rule):
 * awsJson 1.0/1.1 with an `X-Amz-Target` prefix, awsQuery or EC2 query with a `Version` date and an XML
 * namespace, or restJson1 (operation chosen by method and path, see ./rest). CloudWatch lists JSON and
 * awsQuery (and CBOR, which the emulator does not serve).
 */
import { serviceModel } from '../models/model'
import { MODEL_SOURCES, type ServiceName } from '../models/sources'
import type { Protocol } from '../core/types'

export type Wire = {
  /** JSON protocol and the X-Amz-Target prefix, when the service speaks JSON. */
  json?: { protocol: 'json1.0' | 'json1.1'; targetPrefix: string; queryCompatible: boolean }
  /** awsQuery or EC2 query, with the Version form field and the XML namespace. */
  query?: { protocol: 'query' | 'ec2'; version: string; xmlns: string }
  /** restJson1: the operation is chosen by HTTP method and path. */
  rest?: { protocol: 'rest-json' }
}

const cache = new Map<ServiceName, Wire>()

export function wireOf(name: ServiceName): Wire {
  const hit = cache.get(name)
  if (hit) return hit
  const m = serviceModel(name).metadata
  const protocols = m.protocols ?? [m.protocol]
  const wire: Wire = {}
  if (protocols.includes('json') && m.targetPrefix) {
    wire.json = {
      protocol: m.jsonVersion === '1.1' ? 'json1.1' : 'json1.0',
      targetPrefix: m.targetPrefix,
      queryCompatible: m.awsQueryCompatible === true,
    }
  }
  const q = protocols.includes('ec2') ? 'ec2' : protocols.includes('query') ? 'query' : undefined
  if (q) wire.query = { protocol: q, version: m.apiVersion, xmlns: m.xmlNamespace ?? '' }
  if (protocols.includes('rest-json')) wire.rest = { protocol: 'rest-json' }
  cache.set(name, wire)
  return wire
}

export const isJsonProtocol = (p: Protocol): p is 'json1.0' | 'json1.1' => p === 'json1.0' || p === 'json1.1'

export const SERVICE_NAMES = Object.keys(MODEL_SOURCES) as ServiceName[]

export function isServiceName(s: unknown): s is ServiceName {
  return typeof s === 'string' && Object.prototype.hasOwnProperty.call(MODEL_SOURCES, s)
}

/** The service and protocol of a request: SigV4 scope, then X-Amz-Target prefix, then the query Version, then the user agent. */
export function detectService(
  headers: { scope?: string; target?: string; userAgent?: string },
  form: URLSearchParams | undefined,
): ServiceName | undefined {
  if (isServiceName(headers.scope)) return headers.scope
  if (headers.target) {
    const prefix = headers.target.slice(0, headers.target.lastIndexOf('.'))
    const hit = SERVICE_NAMES.find((n) => wireOf(n).json?.targetPrefix === prefix)
    if (hit) return hit
  }
  const version = form?.get('Version')
  if (version) {
    const hit = SERVICE_NAMES.find((n) => wireOf(n).query?.version === version)
    if (hit) return hit
  }
  const ua = headers.userAgent?.match(/api\/([a-z0-9-]+)#/)?.[1]
  const byUa: Record<string, ServiceName> = { cloudwatch: 'monitoring', 'cloudwatch-logs': 'logs' }
  const name = ua ? (byUa[ua] ?? ua) : undefined
  return isServiceName(name) ? name : undefined
}
