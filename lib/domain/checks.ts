import { z } from 'zod/mini'

export const checkStatusSchema = z.enum(['pass', 'warn', 'fail', 'error'])
export type CheckStatus = z.infer<typeof checkStatusSchema>

export const checkResultSchema = z.object({
  id: z.string(),
  title: z.string(),
  status: checkStatusSchema,
  /** One-line verdict. */
  summary: z.optional(z.string()),
  /** The AWS facts the check read, as label → value (secrets redacted). */
  evidence: z.array(z.object({ label: z.string(), value: z.string() })),
  /** What to do: steps, then the exact AWS CLI command where there is one. Empty when passing. */
  fix: z.nullable(z.object({ steps: z.array(z.string()), command: z.optional(z.string()), docs: z.optional(z.string()) })),
  awsCode: z.optional(z.string()),
  ranAt: z.optional(z.string()),
})
export type CheckResult = z.infer<typeof checkResultSchema>
