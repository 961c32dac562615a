'use client'

import type { ReactNode } from 'react'
import type { UseQueryResult } from '@tanstack/react-query'

import { AsOf } from '@/components/panel/as-of'
import { PanelError } from '@/components/panel/panel-error'
import { NotCreatedNotice } from '@/components/setup/not-created-notice'
import type { AppError } from '@/lib/domain/errors'
import { isNotCreated, type NotCreated } from '@/lib/domain/setup.values'
import { toPanelError } from '@/lib/queries/fetcher'

type WithFetchedAt = { fetchedAt?: string; stale?: boolean; staleError?: AppError }

/**
 * Renders one query's states the same way everywhere: skeleton while pending, `<PanelError>` with
 * Retry when it failed without data, the data (with "as of"/"stale" when `showAsOf`) otherwise. When
 * a refresh fails but earlier data exists, the data stays and a one-line warning is shown above it.
 * A subject that is not created yet is a state of its own: `<NotCreatedNotice>` (what is missing and
 * the setup step that creates it), never the panel's body and never an error.
 */
export function QueryView<T>({
  query,
  skeleton,
  children,
  showAsOf = true,
  toolbar,
}: {
  query: UseQueryResult<T>
  skeleton: ReactNode
  children: (data: Exclude<T, NotCreated>) => ReactNode
  showAsOf?: boolean
  /** Extra controls shown on the "as of" line (e.g. panel actions). */
  toolbar?: ReactNode
}) {
  const handleRetry = () => void query.refetch()
  if (query.isPending) return <>{skeleton}</>
  if (query.isError && query.data === undefined)
    return <PanelError error={query.error} onRetry={handleRetry} isRetrying={query.isFetching} />
  const data = query.data
  if (data === undefined) return <>{skeleton}</>
  if (isNotCreated(data)) return <NotCreatedNotice value={data} />
  const meta = data as Exclude<T, NotCreated> & WithFetchedAt
  return (
    <div className="space-y-3">
      {showAsOf || toolbar ? (
        <div className="flex flex-wrap items-center justify-between gap-2">
          {showAsOf ? (
            <AsOf fetchedAt={meta.fetchedAt} stale={meta.stale} staleError={meta.staleError} isFetching={query.isFetching} />
          ) : (
            <span />
          )}
          {toolbar ? <div className="flex flex-wrap items-center gap-2">{toolbar}</div> : null}
        </div>
      ) : null}
      {query.isError ? (
        <p role="status" className="text-xs text-tone-warn">
          Refresh failed: {toPanelError(query.error).message} Showing the last data.
        </p>
      ) : null}
      {children(data as Exclude<T, NotCreated>)}
    </div>
  )
}
