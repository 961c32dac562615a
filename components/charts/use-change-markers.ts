'use client'

import { useQuery } from '@tanstack/react-query'

import { markerKinds, timelineQuery } from '@/lib/queries/timeline'

import { type ChartMarker, toChartMarkers } from './markers'

const none: ChartMarker[] = []

/**
 * The change markers for charts over the last `since` (`1h`, `7d`, …): deployments and database
 * stops/starts from the timeline (one shared query per window). No markers while it loads or if it fails:
 * the charts never wait for them.
 */
export function useChangeMarkers(since: string): ChartMarker[] {
  const query = useQuery(timelineQuery({ since, until: null, kinds: markerKinds }))
  return query.data ? toChartMarkers(query.data.events) : none
}
