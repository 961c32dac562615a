import { queryOptions, type QueryClient } from '@tanstack/react-query'

import type { CreateAlarmsResult, Setup } from '@/lib/domain/setup'
import { apiGet, apiPost, refreshBusyMs, refreshIdleMs } from '@/lib/queries/fetcher'
import { queryKeys } from '@/lib/queries/keys'

/** The schemas, loaded with the first request (keeps zod out of first-load JavaScript). */
const schemas = () => import('@/lib/domain/setup')

/** Fast while AWS is changing something the setup waits for (a database being created, a service, a deployment). */
export const setupRefreshMs = (setup: Setup | undefined): number =>
  setup?.steps.some((s) => s.status === 'in-progress') ? refreshBusyMs : refreshIdleMs

/** The setup's steps, read live (`GET /api/setup`). */
export const setupQuery = () =>
  queryOptions({
    queryKey: queryKeys.setup.steps(),
    queryFn: ({ signal }) =>
      apiGet(
        '/api/setup',
        schemas().then((m) => m.setupSchema),
        signal,
      ),
    refetchInterval: (q) => setupRefreshMs(q.state.data),
  })

/** The four planned alarms previewed, with where each stands (`GET /api/setup/alarms`). */
export const plannedAlarmsQuery = () =>
  queryOptions({
    queryKey: queryKeys.setup.alarms(),
    queryFn: ({ signal }) =>
      apiGet(
        '/api/setup/alarms',
        schemas().then((m) => m.plannedAlarmListSchema),
        signal,
      ),
    refetchInterval: refreshIdleMs,
  })

/** Creates the missing planned alarms (`POST /api/setup/alarms`). */
export const createPlannedAlarms = (): Promise<CreateAlarmsResult> =>
  apiPost(
    '/api/setup/alarms',
    {},
    schemas().then((m) => m.createAlarmsResultSchema),
  )

/** After the alarms changed: the setup, the alarms panels and the checks read again. */
export function invalidateAfterAlarms(qc: QueryClient): void {
  for (const key of [queryKeys.setup.all, queryKeys.alarms.all, queryKeys.checks.all, queryKeys.overview.all, queryKeys.audit.all])
    void qc.invalidateQueries({ queryKey: key })
}
