import { z } from 'zod/mini'

import { shaMessage, shaPattern } from '@/lib/domain/sha.values'

// The zod-free helpers live in sha.values.ts; re-exported for server code.
export { isFullSha, shortSha } from '@/lib/domain/sha.values'

/** A git commit SHA as typed by a user: 7 to 40 hex characters, case-insensitive; stored lower-case. */
export const shaSchema = z.pipe(
  z.string().check(z.trim(), z.regex(shaPattern, shaMessage)),
  z.transform((s: string) => s.toLowerCase()),
)
