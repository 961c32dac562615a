/** Shared setup for the emulator contract tests: an in-process emulator and real SDK client settings. */
import { startEmulator, type Emulator, type EmulatorOptions } from '../core/server'

export async function start(opts: EmulatorOptions = {}): Promise<Emulator> {
  return startEmulator({ port: 0, checkOutputs: true, ...opts })
}

/** Settings for a real SDK v3 client pointed at the emulator (no retries, so faults surface at once). */
export function clientConfig(url: string, maxAttempts = 1) {
  return {
    region: 'eu-central-1',
    endpoint: url,
    credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
    maxAttempts,
  }
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

/** Headers of a request that parses as SigV4-signed (for raw requests to an emulator that does not verify signatures). */
export function parsableAuth(service: string, region = 'eu-central-1'): Record<string, string> {
  return {
    Authorization: `AWS4-HMAC-SHA256 Credential=AKIATEST/20260101/${region}/${service}/aws4_request, SignedHeaders=host;x-amz-date, Signature=${'0'.repeat(64)}`,
    'X-Amz-Date': '20260101T000000Z',
  }
}
