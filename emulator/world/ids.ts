/** Deterministic identifiers for the seeded world. */
import { createHash } from 'node:crypto'

/** Deterministic UUID-shaped id (App Runner operation ids, CloudTrail event ids). */
export function seededUuid(seed: string): string {
  const h = createHash('sha256').update(seed).digest('hex')
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20, 32)}`
}
