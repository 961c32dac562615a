'use client'

import { useSearchParams } from 'next/navigation'

import type { MetricRange } from '@/lib/domain/metrics'
import { toMetricRange } from '@/lib/queries/metrics'

/** The metrics range in the URL (`?range=`), the default when absent or unknown. */
export function useMetricRange(): MetricRange {
  return toMetricRange(useSearchParams().get('range'))
}

/** Puts a range into the URL without a server round trip (Next syncs `useSearchParams` with history). */
export function setMetricRange(range: MetricRange): void {
  const params = new URLSearchParams(window.location.search)
  params.set('range', range)
  window.history.replaceState(null, '', `?${params.toString()}`)
}
