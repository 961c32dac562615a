import { isServer, QueryClient } from '@tanstack/react-query'

import { QueryError } from '@/lib/queries/fetcher'

const noRetry = new Set(['invalid_input', 'unauthenticated', 'forbidden', 'not_found', 'conflict'])

/** The one query client configuration (server: one per request; browser: a singleton). */
export function makeQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: {
        // Above zero so hydrated server data is not refetched immediately on mount.
        staleTime: 10_000,
        // One quick retry for AWS-side failures; caller mistakes are final.
        retry: (count, error) => count < 1 && !(error instanceof QueryError && noRetry.has(error.appError.code)),
        retryDelay: 1000,
        // A panel hydrated with a server-side error shows it at once; Retry and polling fetch again.
        retryOnMount: false,
        refetchOnWindowFocus: true,
      },
    },
  })
}

let browserClient: QueryClient | undefined

/** A new client per server request, one shared client in the browser. */
export function getQueryClient(): QueryClient {
  if (isServer) return makeQueryClient()
  return (browserClient ??= makeQueryClient())
}
