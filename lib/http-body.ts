import 'server-only'

import { appError } from '@/lib/domain/errors'
import { err, ok, type Result } from '@/lib/result'

/** The largest request body the portal reads (every body it accepts is a few hundred bytes of JSON or form). */
export const MAX_BODY_BYTES = 64 * 1024

const tooLarge = () =>
  appError('payload_too_large', `The request body is larger than ${MAX_BODY_BYTES / 1024} KB.`, {
    hint: 'Send only the fields the endpoint takes.',
  })

/**
 * Reads a request body as text, refusing (`payload_too_large`, 413) as soon as it passes
 * MAX_BODY_BYTES — by its Content-Length up front, or while it streams in when it has none.
 */
export async function readBodyCapped(request: Request, maxBytes = MAX_BODY_BYTES): Promise<Result<string>> {
  const declared = Number(request.headers.get('content-length') ?? '')
  if (Number.isFinite(declared) && declared > maxBytes) return err(tooLarge())
  if (!request.body) return ok('')
  const reader = request.body.getReader()
  const chunks: Uint8Array[] = []
  let size = 0
  for (;;) {
    const { done, value } = await reader.read()
    if (done) break
    size += value.byteLength
    if (size > maxBytes) {
      await reader.cancel().catch(() => undefined)
      return err(tooLarge())
    }
    chunks.push(value)
  }
  return ok(Buffer.concat(chunks).toString('utf8'))
}

/**
 * A JSON request body: `undefined` when empty or not JSON (the operation's schema then says what it
 * expects), `payload_too_large` past MAX_BODY_BYTES.
 */
export async function readJsonBody(request: Request): Promise<Result<unknown>> {
  const text = await readBodyCapped(request)
  if (!text.ok) return text
  if (text.data.trim() === '') return ok(undefined)
  try {
    return ok(JSON.parse(text.data) as unknown)
  } catch {
    // Not JSON: the operation's validation answers with what it expects.
    return ok(undefined)
  }
}
