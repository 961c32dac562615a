/** Change markers on charts: which changes become markers, and where they sit (pure, client-safe). */

import type { TimelineEvent } from '@/lib/domain/timeline'
import { shortSha } from '@/lib/domain/sha.values'
import { formatUtc } from '@/lib/format'

/** One vertical marker: when, its colour, what it says (to sight and to screen readers), where activating it goes. */
export type ChartMarker = {
  id: string
  at: string
  tone: 'ok' | 'bad' | 'busy' | 'idle' | 'info'
  /** Short words for the tooltip, one line each (SHA, who, outcome). */
  lines: string[]
  /** The whole description, for assistive tech. */
  label: string
  href: string
}

const deploymentTone = { succeeded: 'ok', failed: 'bad', running: 'busy', unknown: 'idle', refused: 'idle' } as const

/**
 * Deployments (green when they succeeded, red when they failed) and the database's stops and starts
 * become markers; other changes do not. `formatTime` words the time in the label (the viewer's zone).
 */
export function toChartMarkers(events: readonly TimelineEvent[], formatTime: (iso: string) => string = formatUtc): ChartMarker[] {
  return events.flatMap((e): ChartMarker[] => {
    if (e.kind === 'deployment') {
      const outcome = e.outcome ?? 'unknown'
      const lines = [
        e.title,
        e.sha ? `SHA ${shortSha(e.sha)}` : null,
        `by ${e.actorName ?? 'unknown (outside the portal)'}`,
        outcome,
        formatTime(e.at),
      ]
      const shown = lines.filter((l): l is string => l !== null)
      return [
        {
          id: e.id,
          at: e.at,
          tone: deploymentTone[outcome],
          lines: shown,
          label: `Deployment: ${shown.join(', ')}. Opens the deployment.`,
          href: e.link,
        },
      ]
    }
    if (e.kind === 'database' && e.power) {
      const lines = [e.title, formatTime(e.at)]
      return [
        { id: e.id, at: e.at, tone: 'info', lines, label: `Database ${e.power}: ${lines.join(', ')}. Opens the database.`, href: e.link },
      ]
    }
    return []
  })
}

/**
 * Where a marker sits across a chart whose x axis spans [start, end] (epoch ms): 0 at the left edge,
 * 1 at the right; null when the change lies outside. A change in the last moments after the newest
 * bucket (CloudWatch's datapoints lag) is pinned to the right edge rather than dropped.
 */
export function markerPosition(atIso: string, start: number, end: number, graceMs = 5 * 60_000): number | null {
  const t = Date.parse(atIso)
  if (!Number.isFinite(t) || !(end > start) || t < start || t > end + graceMs) return null
  return Math.min(1, (t - start) / (end - start))
}
