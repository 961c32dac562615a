/*
 * The zod-free half of lib/domain/sha: the deploy dialog checks a typed SHA at once with these,
 * before zod has loaded; the server parses the same input with `shaSchema` and stays the authority.
 */

/** A commit SHA as typed by a user: 7 to 40 hex characters, case-insensitive. */
export const shaPattern = /^[0-9a-fA-F]{7,40}$/

/** What a user is told when the text is not a commit SHA. */
export const shaMessage = 'A commit SHA is 7 to 40 hexadecimal characters (0-9, a-f).'

/** A typed SHA trimmed and lower-cased, as `shaSchema` parses it; null when it is not 7–40 hex. */
export function normalizeSha(typed: string): string | null {
  const trimmed = typed.trim()
  return shaPattern.test(trimmed) ? trimmed.toLowerCase() : null
}

/** True for a full 40-hex commit SHA, the form CI tags images with. */
export const isFullSha = (tag: string): boolean => /^[0-9a-f]{40}$/.test(tag)

/** The 7-character form shown in the UI. */
export const shortSha = (sha: string): string => sha.slice(0, 7)
