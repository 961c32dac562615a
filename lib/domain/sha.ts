import { z } from 'zod/mini'

/** A git commit SHA as typed by a user: 7 to 40 hex characters, case-insensitive; stored lower-case. */
export const shaSchema = z.pipe(
  z.string().check(z.trim(), z.regex(/^[0-9a-fA-F]{7,40}$/, 'A commit SHA is 7 to 40 hexadecimal characters (0-9, a-f).')),
  z.transform((s: string) => s.toLowerCase()),
)

/** True for a full 40-hex commit SHA, the form CI tags images with. */
export const isFullSha = (tag: string): boolean => /^[0-9a-f]{40}$/.test(tag)

/** The 7-character form shown in the UI. */
export const shortSha = (sha: string): string => sha.slice(0, 7)
