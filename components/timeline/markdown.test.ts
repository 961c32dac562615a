import { describe, expect, it } from 'vitest'

import type { Timeline } from '@/lib/domain/timeline'

import { timelineToMarkdown } from './markdown'

const base: Timeline = {
  since: '2026-03-02T13:00:00.000Z',
  until: '2026-03-02T14:00:00.000Z',
  events: [],
  missing: [],
  more: [],
  fetchedAt: '2026-03-02T14:00:00.000Z',
}

describe('timelineToMarkdown (the incident summary section)', () => {
  it('lists the changes newest first with who, SHA and outcome, and an alarm with its reason', () => {
    const md = timelineToMarkdown(
      {
        ...base,
        events: [
          {
            id: 'alarm:a',
            at: '2026-03-02T13:50:00.000Z',
            kind: 'alarm',
            title: 'appfactory-apprunner-5xx-errors: OK → ALARM',
            detail: 'Threshold Crossed: 1 datapoint [12.0] was greater than 5.0',
            link: '/metrics',
            state: 'ALARM',
          },
          {
            id: 'deployment:op',
            at: '2026-03-02T13:40:00.000Z',
            kind: 'deployment',
            title: 'Deploy 3f9c2a1',
            detail: null,
            actorName: 'ana',
            sha: '3f9c2a1b4d5e6f708192a3b4c5d6e7f801234567',
            outcome: 'succeeded',
            link: '/deployments/op',
          },
        ],
      },
      null,
    )
    expect(md).toBe(
      [
        '## What changed in the last hour',
        '',
        '2026-03-02 13:00:00 UTC – 2026-03-02 14:00:00 UTC',
        '',
        '- 2026-03-02 13:50:00 UTC · Alarm · appfactory-apprunner-5xx-errors: OK → ALARM',
        '  - Threshold Crossed: 1 datapoint [12.0] was greater than 5.0',
        '- 2026-03-02 13:40:00 UTC · Deployment · Deploy 3f9c2a1 (by ana, `3f9c2a1`, succeeded)',
        '',
      ].join('\n'),
    )
  })

  it('says which source is missing instead of "nothing changed"', () => {
    const md = timelineToMarkdown(
      { ...base, missing: [{ source: 'rds', label: 'RDS events', error: { code: 'aws_timeout', message: 'RDS did not answer in 2 s.' } }] },
      null,
    )
    expect(md).toContain('> **Incomplete:** RDS events could not be read (RDS did not answer in 2 s.).')
    expect(md).toContain('No changes in the sources that could be read.')
    expect(md).not.toContain('Nothing changed.')
  })

  it('says when the timeline itself could not be read', () => {
    expect(timelineToMarkdown(undefined, { code: 'aws_unreachable', message: 'The portal cannot reach AWS.' })).toContain(
      '_The timeline could not be read: The portal cannot reach AWS._',
    )
  })
})
