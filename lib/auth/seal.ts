import 'server-only'

import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto'

/*
 * Sealing for the few provider secrets the portal must keep server-side (a GitHub access token, to
 * re-check org and team membership): AES-256-GCM under a key derived from the session secret, so a
 * copy of the database alone does not hand out tokens.
 */

const keyFor = (secret: string): Buffer => Buffer.from(hkdfSync('sha256', secret, 'appfactory-portal', 'provider-token-seal', 32))

/** Encrypts and authenticates `plain`: `iv.ciphertext.tag`, base64url. */
export function seal(plain: string, secret: string): string {
  const iv = randomBytes(12)
  const cipher = createCipheriv('aes-256-gcm', keyFor(secret), iv)
  const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()])
  return [iv, body, cipher.getAuthTag()].map((b) => b.toString('base64url')).join('.')
}

/** The sealed value, or null when it was tampered with or sealed under another key. */
export function unseal(sealed: string | null | undefined, secret: string): string | null {
  const [iv, body, tag] = (sealed ?? '').split('.')
  if (!iv || body === undefined || !tag) return null
  try {
    const decipher = createDecipheriv('aes-256-gcm', keyFor(secret), Buffer.from(iv, 'base64url'))
    decipher.setAuthTag(Buffer.from(tag, 'base64url'))
    return Buffer.concat([decipher.update(Buffer.from(body, 'base64url')), decipher.final()]).toString('utf8')
  } catch {
    // Wrong key (the session secret changed) or tampered: nothing usable.
    return null
  }
}
