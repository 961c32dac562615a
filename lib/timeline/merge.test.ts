import { describe, expect, it } from 'vitest'

import { appError } from '@/lib/domain/errors'
import type { TimelineEvent, TimelineKind } from '@/lib/domain/timeline'
import { timelineKinds } from '@/lib/domain/timeline.values'
import { err, ok } from '@/lib/result'

import { compareEvents, mergeTimeline, type SourceOutcome } from './merge'
import { readSources } from './read'
import { defineSource } from './source'
import { parseTimelineQuery } from './window'

const T = Date.parse('2026-03-02T14:00:00Z')
const at = (minutesAgo: number) => new Date(T - minutesAgo * 60_000).toISOString()
const all = { from: T - 3_600_000, to: T, kinds: [...timelineKinds] }

const event = (id: string, kind: TimelineKind, minutesAgo: number): TimelineEvent => ({
  id,
  at: at(minutesAgo),
  kind,
  title: id,
  detail: null,
  link: '/',
})

const source = (id: string, events: TimelineEvent[], unread?: { from: number; to: number }): SourceOutcome => ({
  source: { id, label: id.toUpperCase() },
  result: ok({ events, unread }),
})

describe('mergeTimeline', () => {
  it('merges every source into one list, newest first', () => {
    const t = mergeTimeline(
      [
        source('apprunner', [event('deploy-1', 'deployment', 50), event('deploy-2', 'deployment', 5)]),
        source('cloudwatch', [event('alarm-1', 'alarm', 20)]),
        source('rds', [event('stop-1', 'database', 30), event('start-1', 'database', 1)]),
      ],
      all,
      at(0),
    )
    expect(t.events.map((e) => e.id)).toEqual(['start-1', 'deploy-2', 'alarm-1', 'stop-1', 'deploy-1'])
    expect(t.missing).toEqual([])
    expect(t.since).toBe(at(60))
    expect(t.until).toBe(at(0))
  })

  it('orders changes with identical timestamps the same way every time: by kind, then by id', () => {
    const same = [
      event('b', 'action', 10),
      event('z', 'deployment', 10),
      event('a', 'action', 10),
      event('m', 'alarm', 10),
      event('d', 'database', 10),
    ]
    const forward = mergeTimeline([source('x', same)], all, at(0)).events.map((e) => e.id)
    const backward = mergeTimeline([source('x', [...same].reverse())], all, at(0)).events.map((e) => e.id)
    expect(forward).toEqual(['z', 'd', 'm', 'a', 'b'])
    expect(backward).toEqual(forward)
  })

  it('names a source that failed and still shows the others', () => {
    const t = mergeTimeline(
      [
        source('apprunner', [event('deploy-1', 'deployment', 5)]),
        { source: { id: 'rds', label: 'RDS events' }, result: err(appError('aws_throttled', 'RDS is throttling DescribeEvents.')) },
      ],
      all,
      at(0),
    )
    expect(t.events.map((e) => e.id)).toEqual(['deploy-1'])
    expect(t.missing).toEqual([
      { source: 'rds', label: 'RDS events', error: { code: 'aws_throttled', message: 'RDS is throttling DescribeEvents.' } },
    ])
  })

  it('names the part of a source that could not be read and still shows what the rest of it found', () => {
    const ledgerDown = appError('store_unavailable', "The portal's deployment ledger could not be read.")
    const t = mergeTimeline(
      [
        {
          source: { id: 'apprunner', label: 'App Runner operations' },
          result: ok({
            events: [event('deploy-1', 'deployment', 5)],
            missing: [{ source: 'deployments.ledger', label: "The portal's deployment ledger", error: ledgerDown }],
          }),
        },
      ],
      all,
      at(0),
    )
    expect(t.events.map((e) => e.id)).toEqual(['deploy-1'])
    expect(t.missing).toEqual([{ source: 'deployments.ledger', label: "The portal's deployment ledger", error: ledgerDown }])
  })

  it('never answers an empty list without saying a source is missing when every source failed', () => {
    const failed = (id: string): SourceOutcome => ({ source: { id, label: id }, result: err(appError('aws_unreachable', `${id} down`)) })
    const t = mergeTimeline([failed('apprunner'), failed('rds')], all, at(0))
    expect(t.events).toEqual([])
    expect(t.missing.map((m) => m.source)).toEqual(['apprunner', 'rds'])
  })

  it('keeps only the window and the kinds asked for, once per id', () => {
    const t = mergeTimeline(
      [
        source('x', [
          event('old', 'deployment', 61),
          event('in', 'deployment', 59),
          event('alarm', 'alarm', 10),
          event('in', 'deployment', 59),
        ]),
      ],
      { from: T - 3_600_000, to: T, kinds: ['deployment'] },
      at(0),
    )
    expect(t.events.map((e) => e.id)).toEqual(['in'])
  })

  it('reports the part of the window a source did not reach, clipped to the window', () => {
    const t = mergeTimeline([source('cloudwatch', [], { from: T - 7_200_000, to: T - 1_800_000 })], all, at(0))
    expect(t.more).toEqual([{ source: 'cloudwatch', label: 'CLOUDWATCH', from: at(60), to: at(30) }])
  })
})

describe('compareEvents', () => {
  it('puts the newer change first', () => {
    expect(compareEvents(event('a', 'action', 1), event('b', 'action', 2))).toBeLessThan(0)
  })
})

describe('readSources', () => {
  const query = parseTimelineQuery({ since: '1h' }, T)
  if (!query.ok) throw new Error('query')

  it('reads only sources of the kinds asked for, and turns a throwing source into a missing one', async () => {
    const reads: string[] = []
    const good = defineSource({
      id: 'apprunner',
      label: 'App Runner operations',
      kinds: ['deployment'],
      read: async () => {
        reads.push('apprunner')
        return ok({ events: [event('d', 'deployment', 3)] })
      },
    })
    const broken = defineSource({
      id: 'rds',
      label: 'RDS events',
      kinds: ['database'],
      read: async () => {
        reads.push('rds')
        throw new Error('bug')
      },
    })
    const unasked = defineSource({
      id: 'ecr',
      label: 'ECR images',
      kinds: ['image'],
      read: async () => {
        reads.push('ecr')
        return ok({ events: [] })
      },
    })
    const outcomes = await readSources({ ...query.data, kinds: ['deployment', 'database'] }, [good, broken, unasked])
    expect(reads.sort()).toEqual(['apprunner', 'rds'])
    const t = mergeTimeline(outcomes, { ...query.data, kinds: ['deployment', 'database'] }, at(0))
    expect(t.events.map((e) => e.id)).toEqual(['d'])
    expect(t.missing).toEqual([{ source: 'rds', label: 'RDS events', error: expect.objectContaining({ code: 'aws_error' }) }])
    expect(t.missing[0]?.error.message).not.toContain('bug')
  })
})
