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

/** Markers drawn as one: a single change, or changes too close together to tell apart on this chart. */
export type MarkerGroup = { x: number; markers: ChartMarker[] }

/**
 * Groups placed markers (x in 0–1, any order) so that no two handles are closer than `minGap` (a
 * fraction of the chart's width): each group starts at its leftmost change and takes every change
 * within `minGap` of it. `minGap` 0 keeps every change apart.
 */
export function groupMarkers(placed: readonly { m: ChartMarker; x: number }[], minGap: number): MarkerGroup[] {
  const sorted = [...placed].sort((a, b) => a.x - b.x)
  const groups: MarkerGroup[] = []
  for (const p of sorted) {
    const last = groups.at(-1)
    if (last && p.x - last.x < minGap) last.markers.push(p.m)
    else groups.push({ x: p.x, markers: [p.m] })
  }
  return groups
}

/** What a group of several changes says and where it leads: the timeline of those minutes. */
export function groupSummary(markers: readonly ChartMarker[]): { label: string; href: string; tone: ChartMarker['tone'] } {
  const times = markers.map((m) => Date.parse(m.at)).filter(Number.isFinite)
  const since = new Date(Math.min(...times) - 60_000).toISOString()
  const until = new Date(Math.max(...times) + 60_000).toISOString()
  const tone = markers.some((m) => m.tone === 'bad') ? 'bad' : (markers[0]?.tone ?? 'idle')
  const what = markers.map((m) => m.label.replace(/\. Opens the [a-z]+\.$/, '')).join('; ')
  return {
    label: `${markers.length} changes close together: ${what}. Opens the timeline of those minutes.`,
    href: `/timeline?since=${encodeURIComponent(since)}&until=${encodeURIComponent(until)}`,
    tone,
  }
}
