import 'server-only'

import { headers } from 'next/headers'
import { type DehydratedState, dehydrate, type QueryClient, type QueryKey } from '@tanstack/react-query'

import { requestedMaxAge, withMaxAge } from '@/lib/cache'
import { verifiedActor } from '@/lib/dal/access'
import type { Result } from '@/lib/result'
import { makeQueryClient } from '@/lib/queries/client'
import { QueryError, toPanelError } from '@/lib/queries/fetcher'

/** Unwraps a Result for a query function: a failure becomes a QueryError carrying the AppError. */
export function unwrap<T>(result: Result<T>): T {
  if (!result.ok) throw new QueryError(result.error)
  return result.data
}

/**
 * Runs a panel's reads with the freshness the page request asks for: after a hard reload
 * (`Cache-Control: no-cache`) by a signed-in user they go to AWS instead of the read cache (at most
 * one call per resource per lib/cache HARD_REFRESH_MAX_AGE_MS). Anyone else gets the cache as usual,
 * so the header is no way to multiply AWS calls.
 */
export async function withRequestFreshness<T>(read: () => Promise<T>): Promise<T> {
  let maxAge: number | undefined
  try {
    maxAge = requestedMaxAge(await headers())
  } catch {
    // Outside a request (scripts, tests): nothing asks for fresher reads.
    maxAge = undefined
  }
  if (maxAge !== undefined && !(await verifiedActor())) maxAge = undefined
  // A failed fresh read still shows the last good value, marked stale, as any panel does.
  return maxAge === undefined ? read() : withMaxAge(maxAge, read, { servesStale: true })
}

/** A fresh per-request query client for a panel loader. */
export const serverQueryClient = (): QueryClient => makeQueryClient()

/**
 * Prefetches a query on the server with a loader from lib/dal (which verifies the request's actor
 * itself), under the same key the client panel uses. Never throws: a failure is kept as the query's error and dehydrated.
 */
export async function prefetch<T>(qc: QueryClient, queryKey: QueryKey, load: () => Promise<Result<T>>): Promise<void> {
  await withRequestFreshness(() => qc.prefetchQuery({ queryKey, queryFn: async () => unwrap(await load()), retry: false }))
}

/** Like `prefetch` for an infinite (cursor-paged) query: loads the first page only. */
export async function prefetchFirstPage<T>(
  qc: QueryClient,
  queryKey: QueryKey,
  load: () => Promise<Result<T>>,
  getNextPageParam: (page: T) => string | null,
): Promise<void> {
  await withRequestFreshness(() =>
    qc.prefetchInfiniteQuery({
      queryKey,
      queryFn: async () => unwrap(await load()),
      initialPageParam: null as string | null,
      getNextPageParam: (page: T) => getNextPageParam(page) ?? undefined,
      retry: false,
    }),
  )
}

/**
 * Dehydrates successful AND failed queries for `<HydrationBoundary>`. Errors are turned into plain
 * AppError objects (class instances do not cross the server/client boundary), so the client panel
 * shows the server's error without fetching again.
 */
export function dehydrateForClient(qc: QueryClient): DehydratedState {
  const state = dehydrate(qc, { shouldDehydrateQuery: (q) => q.state.status === 'success' || q.state.status === 'error' })
  return {
    ...state,
    queries: state.queries.map((q) =>
      q.state.status === 'error'
        ? { ...q, state: { ...q.state, error: plainError(q.state.error), fetchFailureReason: plainError(q.state.fetchFailureReason) } }
        : q,
    ),
  }
}

/** A plain (serialisable) object that still satisfies the `Error` interface TanStack types errors with. */
function plainError(e: unknown): Error {
  return { name: 'AppError', ...toPanelError(e) }
}
