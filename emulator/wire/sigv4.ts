/**
 * SigV4 on the emulator's side: parses the `Authorization` header (credential scope: key, date, region,
 * signing name) and, when EMULATOR_CREDENTIALS is set, verifies the signature by signing the received
 * request again with `@smithy/signature-v4` — the SDK's own signer — and the key's secret. Without
 * configured credentials any key is accepted (as LocalStack and moto do), but the header must still parse.
 */
import { createHash, createHmac, timingSafeEqual, type Hash, type Hmac } from 'node:crypto'

import { SignatureV4 } from '@smithy/signature-v4'

import type { Credential } from '../core/credentials'

/** The hash the signer needs (SHA-256, or HMAC-SHA256 when given a key), on node:crypto. */
export class Sha256 {
  private hash: Hash | Hmac
  constructor(private readonly secret?: string | ArrayBuffer | ArrayBufferView) {
    this.hash = this.fresh()
  }
  private fresh(): Hash | Hmac {
    if (this.secret === undefined) return createHash('sha256')
    const key =
      typeof this.secret === 'string'
        ? this.secret
        : ArrayBuffer.isView(this.secret)
          ? Buffer.from(this.secret.buffer, this.secret.byteOffset, this.secret.byteLength)
          : Buffer.from(this.secret)
    return createHmac('sha256', key)
  }
  update(data: Uint8Array | string): void {
    this.hash.update(data)
  }
  digest(): Promise<Uint8Array> {
    return Promise.resolve(new Uint8Array(this.hash.digest()))
  }
  reset(): void {
    this.hash = this.fresh()
  }
}

export type SignedRequest = {
  method: string
  /** Path and query as received, e.g. `/` or `/?Action=…`. */
  url: string
  /** Lower-case header names, as Node gives them. */
  headers: Record<string, string | string[] | undefined>
  body: Buffer
}

export type Scope = {
  accessKeyId: string
  date: string
  region: string
  service: string
  signedHeaders: string[]
  signature: string
  amzDate: string
}

/** Why a request is not accepted, before the service looks at it. */
export type AuthFailure =
  | { kind: 'missing' }
  | { kind: 'incomplete'; detail: string }
  | { kind: 'unknownKey' }
  | { kind: 'expired'; amzDate: string; now: Date }
  | { kind: 'signature' }

const AUTH_RE =
  /^AWS4-HMAC-SHA256\s+Credential=([^/\s,]+)\/(\d{8})\/([^/\s,]+)\/([^/\s,]+)\/aws4_request,\s*SignedHeaders=([a-z0-9;-]+),\s*Signature=([0-9a-f]{64})\s*$/

const header = (h: SignedRequest['headers'], name: string): string | undefined => {
  const v = h[name]
  return Array.isArray(v) ? v.join(',') : v
}

/** The credential scope of a request, or why its `Authorization` header does not parse. */
export function parseScope(req: Pick<SignedRequest, 'headers'>): Scope | AuthFailure {
  const auth = header(req.headers, 'authorization')
  if (auth === undefined || auth.trim() === '') return { kind: 'missing' }
  const m = auth.match(AUTH_RE)
  if (!m)
    return {
      kind: 'incomplete',
      detail: `Authorization header requires 'Credential', 'SignedHeaders' and 'Signature' parameters. Authorization=${auth.split(' ')[0] ?? ''}`,
    }
  const [, accessKeyId = '', date = '', region = '', service = '', signed = '', signature = ''] = m
  const amzDate = header(req.headers, 'x-amz-date') ?? ''
  if (!/^\d{8}T\d{6}Z$/.test(amzDate))
    return { kind: 'incomplete', detail: "Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' header." }
  if (!amzDate.startsWith(date))
    return {
      kind: 'incomplete',
      detail: `Date in Credential scope does not match YYYYMMDD from ISO-8601 version of date from HTTP: '${date}' != '${amzDate.slice(0, 8)}'`,
    }
  const signedHeaders = signed.split(';')
  if (!signedHeaders.includes('host'))
    return { kind: 'incomplete', detail: "'Host' or ':authority' must be a 'SignedHeader' in the AWS Authorization." }
  return { accessKeyId, date, region, service, signedHeaders, signature, amzDate }
}

const isFailure = (v: Scope | AuthFailure): v is AuthFailure => 'kind' in v

/** AWS accepts requests signed up to 5 minutes before or after its own clock. */
const SKEW_MS = 5 * 60_000

const parseAmzDate = (d: string) =>
  Date.UTC(+d.slice(0, 4), +d.slice(4, 6) - 1, +d.slice(6, 8), +d.slice(9, 11), +d.slice(11, 13), +d.slice(13, 15))

/**
 * Checks a request's signature against the configured credentials (undefined = accept any key).
 * Returns the scope and the matching credential, or why the request is refused.
 */
export async function verify(
  req: SignedRequest,
  credentials: Credential[] | undefined,
  now: Date,
): Promise<{ scope: Scope; credential?: Credential } | AuthFailure> {
  const scope = parseScope(req)
  if (isFailure(scope)) return scope
  if (!credentials) return { scope }
  const credential = credentials.find((c) => c.accessKeyId === scope.accessKeyId)
  if (!credential) return { kind: 'unknownKey' }
  if (Math.abs(now.getTime() - parseAmzDate(scope.amzDate)) > SKEW_MS) return { kind: 'expired', amzDate: scope.amzDate, now }

  const url = new URL(req.url, 'http://emulator.local')
  const query: Record<string, string | string[]> = {}
  for (const [k, v] of url.searchParams) {
    const prev = query[k]
    query[k] = prev === undefined ? v : Array.isArray(prev) ? [...prev, v] : [prev, v]
  }
  const headers: Record<string, string> = {}
  for (const name of scope.signedHeaders) {
    const v = header(req.headers, name)
    if (v === undefined) return { kind: 'signature' }
    headers[name] = v
  }
  headers['x-amz-date'] = scope.amzDate
  const signer = new SignatureV4({
    credentials: { accessKeyId: credential.accessKeyId, secretAccessKey: credential.secret },
    region: scope.region,
    service: scope.service,
    sha256: Sha256,
    applyChecksum: false,
  })
  const declaredHash = headers['x-amz-content-sha256']
  if (
    declaredHash !== undefined &&
    declaredHash !== 'UNSIGNED-PAYLOAD' &&
    declaredHash !== createHash('sha256').update(req.body).digest('hex')
  )
    return { kind: 'signature' }
  const signed = await signer.sign(
    {
      method: req.method,
      protocol: 'http:',
      hostname: headers.host ?? '',
      path: url.pathname,
      query,
      headers,
      body: new Uint8Array(req.body),
    },
    { signingDate: new Date(parseAmzDate(scope.amzDate)), signableHeaders: new Set(scope.signedHeaders) },
  )
  const expected = String(signed.headers.authorization ?? '').match(/Signature=([0-9a-f]{64})/)?.[1] ?? ''
  const ok = expected.length === scope.signature.length && timingSafeEqual(Buffer.from(expected), Buffer.from(scope.signature))
  return ok ? { scope, credential } : { kind: 'signature' }
}
