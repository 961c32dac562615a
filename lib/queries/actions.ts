import { queryOptions, type QueryClient } from '@tanstack/react-query'

import type { DeploymentProgress, EnvironmentJob } from '@/lib/domain/actions'
import { isNotCreated } from '@/lib/domain/setup.values'
import { apiGet, refreshBusyMs, refreshIdleMs } from '@/lib/queries/fetcher'
import { queryKeys } from '@/lib/queries/keys'

/** The schemas, loaded with the first request (keeps zod out of first-load JavaScript). */
const schemas = () => import('@/lib/domain/actions')

/** Keys of the mutation-related reads (deployments ledger, a followed deployment, sleep/wake jobs). */
export const actionKeys = {
  deployments: ['deployments'] as const,
  ledger: () => ['deployments', 'ledger'] as const,
  progress: (operationId: string) => ['deployments', 'progress', operationId] as const,
  preview: (sha: string) => ['deployments', 'preview', sha] as const,
  rollbackTarget: () => ['deployments', 'rollback-target'] as const,
  job: (id: string) => ['environment', 'job', id] as const,
  latestJob: () => ['environment', 'job', 'latest'] as const,
}

const isRunning = (d: DeploymentProgress | undefined) => !d || d.outcome === 'running' || d.outcome === 'unknown'

/** The ledger joined with App Runner's operations (`GET /api/deployments/ledger`). */
export const deploymentsQuery = () =>
  queryOptions({
    queryKey: actionKeys.ledger(),
    queryFn: ({ signal }) =>
      apiGet(
        '/api/deployments/ledger',
        schemas().then((m) => m.deploymentListOrNotCreatedSchema),
        signal,
      ),
    refetchInterval: (q) => {
      const data = q.state.data
      return data && !isNotCreated(data) && data.deployments.some((d) => d.outcome === 'running') ? refreshBusyMs : refreshIdleMs
    },
  })

/** One deployment followed live until it ends (then with the health probe). */
export const deploymentProgressQuery = (operationId: string) =>
  queryOptions({
    queryKey: actionKeys.progress(operationId),
    queryFn: ({ signal }) =>
      apiGet(
        `/api/deployments/${encodeURIComponent(operationId)}`,
        schemas().then((m) => m.deploymentProgressSchema),
        signal,
      ),
    refetchInterval: (q) => (isRunning(q.state.data) ? 1500 : false),
  })

/** What deploying a SHA would do (`GET /api/deployments/preview?sha=`). */
export const deployPreviewQuery = (sha: string) =>
  queryOptions({
    queryKey: actionKeys.preview(sha),
    queryFn: ({ signal }) =>
      apiGet(
        `/api/deployments/preview?sha=${encodeURIComponent(sha)}`,
        schemas().then((m) => m.deployPreviewSchema),
        signal,
      ),
    staleTime: 5_000,
  })

/** Where a rollback would go now. */
export const rollbackTargetQuery = () =>
  queryOptions({
    queryKey: actionKeys.rollbackTarget(),
    queryFn: ({ signal }) =>
      apiGet(
        '/api/deployments/rollback',
        schemas().then((m) => m.rollbackTargetSchema),
        signal,
      ),
    refetchInterval: refreshIdleMs,
  })

const isJobRunning = (j: EnvironmentJob | null | undefined) => j?.status === 'running'

/** A sleep/wake job, polled while it runs. */
export const environmentJobQuery = (id: string) =>
  queryOptions({
    queryKey: actionKeys.job(id),
    queryFn: ({ signal }) =>
      apiGet(
        `/api/environment/jobs/${encodeURIComponent(id)}`,
        schemas().then((m) => m.environmentJobSchema),
        signal,
      ),
    refetchInterval: (q) => (isJobRunning(q.state.data) || !q.state.data ? 1000 : false),
  })

/** The latest sleep/wake job of the server (so a reload keeps following it). */
export const latestEnvironmentJobQuery = () =>
  queryOptions({
    queryKey: actionKeys.latestJob(),
    queryFn: ({ signal }) =>
      apiGet(
        '/api/environment/jobs',
        schemas().then((m) => m.latestEnvironmentJobSchema),
        signal,
      ),
    refetchInterval: (q) => (isJobRunning(q.state.data?.job) ? 1000 : refreshIdleMs),
  })

/** The schemas of the mutation answers for `apiPost`; each call starts loading its module (cached after the first). */
export const mutationSchemas = {
  deployStarted: () => schemas().then((m) => m.deployStartedSchema),
  databasePower: () => schemas().then((m) => m.databasePowerResultSchema),
  environmentJob: () => schemas().then((m) => m.environmentJobSchema),
}

/** After a change: refetch everything that shows the service, its operations, images, database and the audit log. */
export function invalidateAfterAction(qc: QueryClient): void {
  for (const key of [
    queryKeys.service.all,
    queryKeys.operations.all,
    queryKeys.images.all,
    queryKeys.database.all,
    queryKeys.overview.all,
    queryKeys.audit.all,
    queryKeys.environment.all,
    actionKeys.deployments,
  ]) {
    void qc.invalidateQueries({ queryKey: key })
  }
}
