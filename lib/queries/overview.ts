import { queryOptions } from '@tanstack/react-query'

import { apiGet, refreshIdleMs } from '@/lib/queries/fetcher'
import { queryKeys } from '@/lib/queries/keys'

/** The whole overview in one call (the API's summary; the page itself loads panel by panel). */
export const overviewQuery = () =>
  queryOptions({
    queryKey: queryKeys.overview.all,
    queryFn: ({ signal }) =>
      apiGet(
        '/api/overview',
        import('@/lib/domain/overview').then((m) => m.overviewSchema),
        signal,
      ),
    refetchInterval: refreshIdleMs,
  })
