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

/** `GET /api/checks/<id>`: `{checks: [CheckResult]}`. */
export const checkListSchema = z.object({ checks: z.array(checkResultSchema).check(z.minLength(1)) })

/** The last complete run, as the troubleshooting page keeps it in the browser (localStorage). */
export const lastRunSchema = z.object({ ranAt: z.string(), results: z.array(checkResultSchema) })
export type LastRun = z.infer<typeof lastRunSchema>
