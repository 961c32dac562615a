import { z } from 'zod/mini'

/* `GET /api/cost`: what the environment costs always on, with the current schedules, and what they saved. USD. */

const rangeSchema = z.object({ low: z.number(), high: z.number() })

export const costReportSchema = z.object({
  /** Everything running all month. */
  estimateMonthly: rangeSchema,
  /** With the current schedules (null when they could not be read). */
  projectedWithSchedules: z.nullable(rangeSchema),
  /** From the first of this month (UTC) until now, from RDS events and App Runner operations. */
  savedThisMonth: rangeSchema,
  monthStart: z.string(),
  pausedHoursThisMonth: z.nullable(z.number()),
  stoppedHoursThisMonth: z.nullable(z.number()),
  /** Share (0–1) of the coming four weeks the schedules keep the service paused and the database stopped. */
  projectedDowntime: z.nullable(z.object({ service: z.number(), database: z.number() })),
  /** The always-on estimate line by line. */
  lines: z.array(z.object({ id: z.string(), label: z.string(), basis: z.string(), monthly: rangeSchema })),
  unpriced: z.array(z.string()),
  prices: z.object({ source: z.string(), asOf: z.string(), overridden: z.boolean(), region: z.string() }),
  /** What could not be read (the report is partial without it). */
  missing: z.array(z.string()),
  fetchedAt: z.string(),
})
export type CostReport = z.infer<typeof costReportSchema>
