import { renderToStaticMarkup } from 'react-dom/server'
import { describe, expect, it } from 'vitest'

import type { TimelineEvent } from '@/lib/domain/timeline'

import { ChangeMarkers } from './change-markers'
import { type ChartMarker, groupMarkers, groupSummary, markerPosition, toChartMarkers } from './markers'

const sha = '3f9c2a1b4d5e6f708192a3b4c5d6e7f801234567'
const deploy = (outcome: TimelineEvent['outcome'], at = '2026-03-02T14:30:00.000Z'): TimelineEvent => ({
  id: `deployment:${outcome}`,
  at,
  kind: 'deployment',
  title: 'Deploy 3f9c2a1',
  detail: null,
  actorName: 'ana',
  sha,
  outcome,
  link: '/deployments/op-1',
})
const utc = (iso: string) => `${iso.slice(11, 16)} UTC`

describe('toChartMarkers', () => {
  it('marks deployments green or red by outcome, with SHA, who and outcome in words and a link to the deployment', () => {
    const [ok, bad] = toChartMarkers([deploy('succeeded'), deploy('failed')], utc)
    expect(ok).toMatchObject({
      tone: 'ok',
      href: '/deployments/op-1',
      lines: ['Deploy 3f9c2a1', 'SHA 3f9c2a1', 'by ana', 'succeeded', '14:30 UTC'],
    })
    expect(ok?.label).toBe('Deployment: Deploy 3f9c2a1, SHA 3f9c2a1, by ana, succeeded, 14:30 UTC. Opens the deployment.')
    expect(bad?.tone).toBe('bad')
  })

  it('says who when the deployment was started outside the portal', () => {
    const { actorName: _, ...outside } = deploy('succeeded')
    expect(toChartMarkers([outside], utc)[0]?.lines).toContain('by unknown (outside the portal)')
  })

  it('marks database stops and starts, and nothing else', () => {
    const stop: TimelineEvent = {
      id: 'database:1',
      at: '2026-03-02T14:10:00.000Z',
      kind: 'database',
      title: 'appfactory-db: DB instance stopped',
      detail: 'RDS event',
      link: '/database',
      power: 'stop',
    }
    const backup: TimelineEvent = { ...stop, id: 'database:2', title: 'appfactory-db: Backing up DB instance' }
    delete backup.power
    const alarm: TimelineEvent = { ...stop, id: 'alarm:1', kind: 'alarm', title: 'cpu: OK → ALARM' }
    const markers = toChartMarkers([stop, backup, alarm], utc)
    expect(markers).toHaveLength(1)
    expect(markers[0]).toMatchObject({ tone: 'info', href: '/database' })
    expect(markers[0]?.label).toMatch(/^Database stop: /)
  })
})

describe('markerPosition', () => {
  const start = Date.parse('2026-03-02T14:00:00Z')
  const end = Date.parse('2026-03-02T15:00:00Z')
  it('places a change across the window', () => {
    expect(markerPosition('2026-03-02T14:00:00Z', start, end)).toBe(0)
    expect(markerPosition('2026-03-02T14:30:00Z', start, end)).toBe(0.5)
    expect(markerPosition('2026-03-02T15:00:00Z', start, end)).toBe(1)
  })
  it('leaves out changes before the window, and pins one just after its newest bucket to the right edge', () => {
    expect(markerPosition('2026-03-02T13:59:00Z', start, end)).toBeNull()
    expect(markerPosition('2026-03-02T15:03:00Z', start, end)).toBe(1)
    expect(markerPosition('2026-03-02T15:10:00Z', start, end)).toBeNull()
    expect(markerPosition('not a time', start, end)).toBeNull()
  })
})

describe('ChangeMarkers', () => {
  it('renders each marker in the window as a named link (keyboard-reachable) in a list named after the chart', () => {
    const markers = toChartMarkers([deploy('succeeded'), deploy('failed', '2026-03-02T12:00:00.000Z')], utc)
    const html = renderToStaticMarkup(
      <ChangeMarkers
        markers={markers}
        start={Date.parse('2026-03-02T14:00:00Z')}
        end={Date.parse('2026-03-02T15:00:00Z')}
        box={{ left: 0, top: 0, width: 100, height: 50 }}
        chartLabel="Requests"
      />,
    )
    expect(html).toContain('aria-label="Changes on Requests"')
    expect(html.match(/<a /g)).toHaveLength(1)
    expect(html).toContain('href="/deployments/op-1"')
    expect(html).toContain('aria-label="Deployment: Deploy 3f9c2a1, SHA 3f9c2a1, by ana, succeeded, 14:30 UTC. Opens the deployment."')
    expect(html).toContain('left:50%')
  })

  it('renders nothing when no change falls in the window', () => {
    const html = renderToStaticMarkup(
      <ChangeMarkers markers={toChartMarkers([deploy('succeeded')], utc)} start={0} end={1000} box={{}} chartLabel="Requests" />,
    )
    expect(html).toBe('')
  })
})

describe('groupMarkers', () => {
  const marker = (id: string, at: string, tone: ChartMarker['tone'] = 'ok'): ChartMarker => ({
    id,
    at,
    tone,
    lines: [id],
    label: `Deployment: ${id}. Opens the deployment.`,
    href: `/deployments/${id}`,
  })

  it('keeps changes apart that are at least a handle apart, and draws closer ones as one', () => {
    const a = marker('a', '2026-12-05T10:00:00Z')
    const b = marker('b', '2026-12-05T10:01:00Z', 'bad')
    const c = marker('c', '2026-12-05T10:30:00Z')
    const groups = groupMarkers(
      [
        { m: c, x: 0.5 },
        { m: b, x: 0.11 },
        { m: a, x: 0.1 },
      ],
      0.05,
    )
    expect(groups.map((g) => g.markers.map((m) => m.id))).toEqual([['a', 'b'], ['c']])
    expect(
      groupMarkers(
        [
          { m: a, x: 0.1 },
          { m: b, x: 0.11 },
        ],
        0,
      ),
    ).toHaveLength(2)
    const summary = groupSummary(groups[0]?.markers ?? [])
    expect(summary.tone).toBe('bad')
    expect(summary.label).toBe('2 changes close together: Deployment: a; Deployment: b. Opens the timeline of those minutes.')
    expect(summary.href).toBe(
      `/timeline?since=${encodeURIComponent('2026-12-05T09:59:00.000Z')}&until=${encodeURIComponent('2026-12-05T10:02:00.000Z')}`,
    )
  })
})
