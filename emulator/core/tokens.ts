/**
 * The one page-token codec: a token is base64url JSON of whatever position the handler needs to resume
 * (an offset, the last name or event id, one offset per query). Each service answers a token it did
 * not issue with its own error, passed in as `invalid`.
 */
export function encodeToken(position: unknown): string {
  return Buffer.from(JSON.stringify(position)).toString('base64url')
}

/** Undefined for an absent token; the position for a valid one; throws `invalid()` otherwise. */
export function decodeToken<T>(token: unknown, check: (v: unknown) => v is T, invalid: () => Error): T | undefined {
  if (token === undefined || token === null) return undefined
  if (typeof token === 'string' && token !== '') {
    try {
      const v: unknown = JSON.parse(Buffer.from(token, 'base64url').toString('utf8'))
      if (check(v)) return v
    } catch {
      // not one of ours
    }
  }
  throw invalid()
}

/** Positions of the common shape `{ o: offset }`. */
export const isOffset = (v: unknown): v is { o: number } =>
  typeof v === 'object' && v !== null && 'o' in v && typeof v.o === 'number' && Number.isInteger(v.o) && v.o >= 0

/** Decodes an `{ o }` token to its offset (0 when absent). */
export const decodeOffset = (token: unknown, invalid: () => Error): number => decodeToken(token, isOffset, invalid)?.o ?? 0

/** One page of `items` from `offset`, and the token of the next page when there is one. */
export function page<T>(items: readonly T[], offset: number, size: number): { items: T[]; next?: string } {
  const end = offset + size
  return { items: items.slice(offset, end), ...(end < items.length ? { next: encodeToken({ o: end }) } : {}) }
}
