/**
 * EventBridge Scheduler's CloudWatch metrics (namespace `AWS/Scheduler`), counted from the invocations the
 * world's scheduler made: `InvocationAttemptCount` (every attempt) and `TargetErrorCount` (attempts the
 * target or the role refused), each for the account (no dimensions) and per schedule group
 * (`ScheduleGroup`). A metric has a datapoint only in periods with an invocation, as CloudWatch publishes them.
 */
import type { ScheduleRunState } from './shapes'

export const SCHEDULER_NAMESPACE = 'AWS/Scheduler'
const METRICS = ['InvocationAttemptCount', 'TargetErrorCount'] as const
type Dimension = { name: string; value: string }

const counts = (metricName: string, run: ScheduleRunState) =>
  metricName === 'InvocationAttemptCount' || (metricName === 'TargetErrorCount' && !run.ok)

/** Whether a run belongs to the series with these dimensions (none = the account; `ScheduleGroup` = one group). */
function inSeries(run: ScheduleRunState, dims: Dimension[]): boolean | undefined {
  if (dims.length === 0) return true
  if (dims.length === 1 && dims[0]?.name === 'ScheduleGroup') return run.groupName === dims[0].value
  return undefined
}

export const isSchedulerMetric = (namespace: string, metricName: string) =>
  namespace === SCHEDULER_NAMESPACE && (METRICS as readonly string[]).includes(metricName)

/** The series the scheduler has published (those with an invocation in the last two weeks). */
export function schedulerSeries(
  runs: ScheduleRunState[],
  now: number,
): { namespace: string; metricName: string; dimensions: Dimension[] }[] {
  const recent = runs.filter((r) => r.at > now - 14 * 86_400_000)
  const out: { namespace: string; metricName: string; dimensions: Dimension[] }[] = []
  for (const metricName of METRICS) {
    const mine = recent.filter((r) => counts(metricName, r))
    if (mine.length === 0) continue
    out.push({ namespace: SCHEDULER_NAMESPACE, metricName, dimensions: [] })
    for (const group of [...new Set(mine.map((r) => r.groupName))].sort())
      out.push({ namespace: SCHEDULER_NAMESPACE, metricName, dimensions: [{ name: 'ScheduleGroup', value: group }] })
  }
  return out
}

/** The newest invocation time of a series (epoch ms), or undefined when it has none. */
export function schedulerLastDatapoint(runs: ScheduleRunState[], metricName: string, dims: Dimension[]): number | undefined {
  const mine = runs.filter((r) => counts(metricName, r) && inSeries(r, dims) === true)
  return mine.length > 0 ? Math.floor(mine[mine.length - 1]!.at / 60_000) * 60_000 : undefined
}

/** Datapoints of one scheduler metric in [startSec, endSec): buckets aligned to the period, only those with invocations. */
export function schedulerMetricValues(
  runs: ScheduleRunState[],
  q: { metricName: string; dimensions: Dimension[]; stat: string; period: number },
  startSec: number,
  endSec: number,
): { timestamps: number[]; values: number[] } {
  const out = { timestamps: [] as number[], values: [] as number[] }
  const period = Math.floor(q.period)
  if (!(period >= 60)) return out
  const buckets = new Map<number, number>()
  for (const r of runs) {
    const t = r.at / 1000
    if (t < startSec || t >= endSec || !counts(q.metricName, r) || inSeries(r, q.dimensions) !== true) continue
    const b = Math.floor(t / period) * period
    buckets.set(b, (buckets.get(b) ?? 0) + 1)
  }
  for (const [b, n] of [...buckets.entries()].sort((x, y) => x[0] - y[0])) {
    if (b < startSec) continue
    out.timestamps.push(b)
    // Each attempt is one sample of 1: Sum and SampleCount count them, the other statistics are 1.
    out.values.push(q.stat === 'Sum' || q.stat === 'SampleCount' ? n : 1)
  }
  return out
}
