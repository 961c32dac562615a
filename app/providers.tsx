'use client'

import type { ReactNode } from 'react'
import { QueryClientProvider } from '@tanstack/react-query'

import { getQueryClient } from '@/lib/queries/client'

/** The browser's one QueryClient (a fresh one per request while server-rendering). */
export function Providers({ children }: { children: ReactNode }) {
  const queryClient = getQueryClient()
  return <QueryClientProvider client={queryClient}>{children}</QueryClientProvider>
}
