'use client'

import { Badge } from '@/components/ui/badge'
import { Time, useExactTime, useHydrated } from '@/components/ui/time'
import type { AppError } from '@/lib/domain/errors'

/** "as of 2 min ago" from the data's `fetchedAt`, a "stale" badge when the server served an old value, and a refresh dot. */
export function AsOf({
  fetchedAt,
  stale,
  staleError,
  isFetching,
}: {
  fetchedAt: string | null | undefined
  stale?: boolean
  /** Why the server could not refresh the value (shown beside the badge). */
  staleError?: AppError
  isFetching?: boolean
}) {
  // A query may start refreshing during hydration; the dot is client-only so server and client HTML match.
  const isHydrated = useHydrated()
  const formatExact = useExactTime()
  return (
    <span
      className="inline-flex items-center gap-2 text-xs text-muted"
      title={fetchedAt ? `Read from AWS at ${formatExact(fetchedAt)}` : undefined}
    >
      {isHydrated && isFetching ? <span aria-hidden className="size-1.5 animate-pulse rounded-full bg-tone-busy" /> : null}
      <span>
        as of <Time iso={fetchedAt} />
      </span>
      {stale ? (
        <Badge tone="warn" title="AWS could not be read just now; this is the last good value.">
          stale
        </Badge>
      ) : null}
      {stale && staleError ? (
        <span role="status" className="text-tone-warn">
          Refresh failed: {staleError.message}
        </span>
      ) : null}
    </span>
  )
}
