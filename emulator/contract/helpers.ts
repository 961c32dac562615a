/**
 * Shared setup for the emulator contract tests: an in-process emulator on a free port (so several
 * checkouts can run at once) that verifies signatures and checks every answer against its output
 * shape, and real SDK client settings signed with its key.
 */
import { SignatureV4 } from '@smithy/signature-v4'

import { parseCredentials, type Credential } from '../core/credentials'
import { startEmulator, type Emulator, type EmulatorOptions } from '../core/server'
import { Sha256 } from '../wire/sigv4'

/** The key the contract tests sign with; the identity behind it is the portal's IAM user. */
export const TEST_KEY = { accessKeyId: 'AKIACONTRACTTEST0001', secretAccessKey: 'contract-test-secret' }

export function credentials(text = `${TEST_KEY.accessKeyId}:${TEST_KEY.secretAccessKey}`): Credential[] {
  const parsed = parseCredentials(text)
  if (typeof parsed === 'string') throw new Error(parsed)
  return parsed
}

export async function start(opts: EmulatorOptions = {}): Promise<Emulator> {
  return startEmulator({ port: 0, checkOutputs: true, credentials: credentials(), ...opts })
}

/** Settings for a real SDK v3 client pointed at the emulator (no retries, so faults surface at once). */
export function clientConfig(
  url: string,
  maxAttempts = 1,
  region = 'eu-central-1',
  key: { accessKeyId: string; secretAccessKey: string } = TEST_KEY,
) {
  return { region, endpoint: url, credentials: key, maxAttempts }
}

/** Calls a control route and returns the parsed JSON body and status. */
export async function control(url: string, method: string, path: string, body?: unknown): Promise<{ status: number; body: unknown }> {
  const res = await fetch(`${url}${path}`, {
    method,
    headers: body === undefined ? undefined : { 'Content-Type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  })
  const text = await res.text()
  return { status: res.status, body: text ? (JSON.parse(text) as unknown) : undefined }
}

/** Runs `fn` and returns what it threw (fails the test when it does not throw). */
export async function caught(
  fn: () => Promise<unknown>,
): Promise<Error & { $metadata?: { httpStatusCode?: number; requestId?: string }; $fault?: string }> {
  try {
    await fn()
  } catch (e) {
    if (e instanceof Error) return e
    throw new Error(`threw a non-Error: ${String(e)}`)
  }
  throw new Error('expected the call to fail')
}

export const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms))

/** Polls `check` until it returns true or the timeout passes. */
export async function waitFor(check: () => Promise<boolean>, timeoutMs = 10_000, everyMs = 20): Promise<void> {
  const end = Date.now() + timeoutMs
  while (Date.now() < end) {
    if (await check()) return
    await sleep(everyMs)
  }
  throw new Error('condition not reached in time')
}

/**
 * A raw AWS request, signed with SigV4 as the SDK signs it (for bodies the SDK would never send, or to
 * sign with a wrong secret or an old date).
 */
export async function signedFetch(
  url: string,
  service: string,
  opts: { body: string; contentType: string; target?: string; region?: string; key?: typeof TEST_KEY; date?: Date; sendBody?: string },
): Promise<Response> {
  const u = new URL(url)
  const headers: Record<string, string> = {
    host: u.host,
    'content-type': opts.contentType,
    ...(opts.target ? { 'x-amz-target': opts.target } : {}),
  }
  const signer = new SignatureV4({ credentials: opts.key ?? TEST_KEY, region: opts.region ?? 'eu-central-1', service, sha256: Sha256 })
  const signed = await signer.sign(
    { method: 'POST', protocol: 'http:', hostname: u.hostname, port: Number(u.port), path: '/', query: {}, headers, body: opts.body },
    { signingDate: opts.date ?? new Date() },
  )
  // `sendBody` sends another body than the one signed (a request changed on the way).
  return fetch(url, { method: 'POST', headers: signed.headers, body: opts.sendBody ?? opts.body })
}

/** Headers of a request that parses as SigV4-signed (for raw requests to an emulator that does not verify signatures). */
export function parsableAuth(service: string, region = 'eu-central-1'): Record<string, string> {
  return {
    Authorization: `AWS4-HMAC-SHA256 Credential=AKIATEST/20260101/${region}/${service}/aws4_request, SignedHeaders=host;x-amz-date, Signature=${'0'.repeat(64)}`,
    'X-Amz-Date': '20260101T000000Z',
  }
}
