import { queryOptions } from '@tanstack/react-query'

import { isTimelineKind, timelineKinds, type TimelineKind } from '@/lib/domain/timeline.values'
import { apiGet } from '@/lib/queries/fetcher'
import { queryKeys } from '@/lib/queries/keys'

/** The schemas, loaded with the first request (keeps zod out of first-load JavaScript). */
const schemas = () => import('@/lib/domain/timeline')

/** What a timeline view asks for: `since` (ISO or a duration back from now), `until` (ISO, or null for now), the kinds. */
export type TimelineParams = { since: string; until: string | null; kinds: readonly TimelineKind[] }

/** A window that ends now refreshes with the other panels; a past window does not change. */
export const timelineRefreshMs = 30_000

const RELATIVE = /^\d{1,5}[mhd]$/

/** True when the window follows now (a relative `since` and no `until`). */
export const isLiveWindow = (p: Pick<TimelineParams, 'since' | 'until'>): boolean => p.until === null && RELATIVE.test(p.since)

/** The `GET /api/timeline` query string of a view (kinds left out when all are asked for). */
export function timelineSearch(p: TimelineParams): string {
  const q = new URLSearchParams({ since: p.since })
  if (p.until) q.set('until', p.until)
  if (p.kinds.length < timelineKinds.length) q.set('kinds', p.kinds.join(','))
  return q.toString()
}

/**
 * Reads the page's search params leniently (runs during render in the browser, without zod): `since`
 * and `until` are passed on as given, so the server's answer explains a bad one; unknown kinds are dropped.
 */
export function toTimelineParams(params: Record<string, string | string[] | undefined>): TimelineParams {
  const first = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v)?.trim() || null
  const kinds = (first(params.kinds) ?? '').split(',').filter(isTimelineKind)
  return {
    since: first(params.since) ?? '24h',
    until: first(params.until),
    kinds: kinds.length > 0 ? timelineKinds.filter((k) => kinds.includes(k)) : [...timelineKinds],
  }
}

/** The changes in a window, newest first, from `GET /api/timeline`. */
export const timelineQuery = (p: TimelineParams) =>
  queryOptions({
    queryKey: queryKeys.timeline.window({ since: p.since, until: p.until, kinds: p.kinds.join(',') }),
    queryFn: ({ signal }) =>
      apiGet(
        `/api/timeline?${timelineSearch(p)}`,
        schemas().then((m) => m.timelineSchema),
        signal,
      ),
    refetchInterval: isLiveWindow(p) ? timelineRefreshMs : false,
    staleTime: isLiveWindow(p) ? 0 : 5 * 60_000,
  })

/** The kinds shown as markers on charts: deployments and the database's stops and starts. */
export const markerKinds = ['deployment', 'database'] as const satisfies readonly TimelineKind[]

/** The overview's "Recent changes": the last five of the past week, every kind. */
export const recentChangesParams: TimelineParams = { since: '7d', until: null, kinds: timelineKinds }

/** The last hour, every kind: the incident summary's "what changed". */
export const lastHourParams: TimelineParams = { since: '1h', until: null, kinds: timelineKinds }
