import { queryOptions, type QueryClient } from '@tanstack/react-query'

import type { CostReport } from '@/lib/domain/cost'
import type { ScheduleList, ScheduleResult, ScheduleRunList } from '@/lib/domain/schedules'
import { apiGet, apiPost, refreshIdleMs } from '@/lib/queries/fetcher'
import { queryKeys } from '@/lib/queries/keys'

/** The schemas, loaded with the first request (keeps zod out of first-load JavaScript). */
const schemas = () => import('@/lib/domain/schedules')

/** Keys of the schedule reads (outside queryKeys: only the schedules page, the overview's environment and cost cards use them). */
export const scheduleKeys = {
  all: ['schedules'] as const,
  list: () => ['schedules', 'list'] as const,
  runs: (days: number) => ['schedules', 'runs', days] as const,
  cost: () => ['cost'] as const,
}

/** The portal's schedules (`GET /api/schedules`). */
export const schedulesQuery = () =>
  queryOptions<ScheduleList>({
    queryKey: scheduleKeys.list(),
    queryFn: ({ signal }) =>
      apiGet(
        '/api/schedules',
        schemas().then((m) => m.scheduleListSchema),
        signal,
      ),
    refetchInterval: refreshIdleMs,
  })

/** The scheduler's invocations over the last `days` (`GET /api/schedules/runs`). */
export const scheduleRunsQuery = (days = 7) =>
  queryOptions<ScheduleRunList>({
    queryKey: scheduleKeys.runs(days),
    queryFn: ({ signal }) =>
      apiGet(
        `/api/schedules/runs?days=${days}`,
        schemas().then((m) => m.scheduleRunListSchema),
        signal,
      ),
    refetchInterval: refreshIdleMs,
  })

/** Always-on estimate, projection with the schedules and savings (`GET /api/cost`). */
export const costQuery = () =>
  queryOptions<CostReport>({
    queryKey: scheduleKeys.cost(),
    queryFn: ({ signal }) =>
      apiGet(
        '/api/cost',
        import('@/lib/domain/cost').then((m) => m.costReportSchema),
        signal,
      ),
    refetchInterval: 60_000,
  })

const resultSchema = () => schemas().then((m) => m.scheduleResultSchema)

/** The schedule mutations, through the JSON API (one path for people and scripts). */
export const scheduleMutations = {
  create: (body: unknown) => apiPost<ScheduleResult>('/api/schedules', body, resultSchema()),
  override: (body: unknown) => apiPost<ScheduleResult>('/api/schedules/overrides', body, resultSchema()),
  update: (name: string, body: unknown) =>
    apiPost<ScheduleResult>(`/api/schedules/${encodeURIComponent(name)}`, body, resultSchema(), 'PATCH'),
  remove: (name: string) =>
    apiPost(
      `/api/schedules/${encodeURIComponent(name)}`,
      undefined,
      schemas().then((m) => m.scheduleDeletedSchema),
      'DELETE',
    ),
}

/** After a schedule change: the schedules, their summary on the overview, the cost projection and the audit log. */
export function invalidateSchedules(qc: QueryClient): void {
  for (const key of [scheduleKeys.all, scheduleKeys.cost(), queryKeys.audit.all]) void qc.invalidateQueries({ queryKey: key })
}
