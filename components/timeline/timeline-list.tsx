'use client'

import Link from 'next/link'

import { linkClasses } from '@/components/ui/link'
import { EmptyState } from '@/components/ui/table'
import { Time } from '@/components/ui/time'
import type { Timeline } from '@/lib/domain/timeline'
import { timelineHref } from '@/lib/domain/timeline.values'

import { TimelineEntry } from './timeline-entry'

/** Which sources could not be read, and why: the list below is incomplete, never "nothing changed". */
export function MissingSources({ missing }: { missing: Timeline['missing'] }) {
  if (missing.length === 0) return null
  return (
    <div className="rounded-md border border-tone-warn/50 bg-tone-warn/10 p-3 text-sm" data-testid="timeline-missing">
      <p className="font-medium">
        Incomplete: {missing.map((m) => m.label).join(', ')} could not be read, so {missing.length === 1 ? 'its' : 'their'} changes are not
        shown.
      </p>
      <ul className="mt-1 space-y-0.5 text-xs">
        {missing.map((m) => (
          <li key={m.source}>
            {m.label}: {m.error.message}
            {m.error.hint ? ` ${m.error.hint}` : ''}
          </li>
        ))}
      </ul>
    </div>
  )
}

/** The parts of the window a source did not reach (more changes than it reads at once), each with a link to that range. */
function MoreNotes({ more }: { more: Timeline['more'] }) {
  if (more.length === 0) return null
  return (
    <ul className="space-y-1 text-xs text-muted">
      {more.map((m) => (
        <li key={`${m.source}-${m.from}`}>
          More {m.label} between <Time iso={m.from} mode="exact" /> and <Time iso={m.to} mode="exact" /> than are read at once.{' '}
          <Link href={timelineHref({ since: m.from, until: m.to })} className={linkClasses()}>
            Show that range
          </Link>
        </li>
      ))}
    </ul>
  )
}

/** A window's changes, newest first, with what could not be read above and what was not reached below. */
export function TimelineList({ timeline }: { timeline: Timeline }) {
  const { events, missing, more } = timeline
  return (
    <div className="space-y-3">
      <MissingSources missing={missing} />
      {events.length === 0 ? (
        <EmptyState>
          {missing.length === 0 ? (
            <>
              Nothing changed between <Time iso={timeline.since} mode="exact" /> and <Time iso={timeline.until} mode="exact" />.
            </>
          ) : (
            'No changes in the sources that could be read.'
          )}
        </EmptyState>
      ) : (
        <ol aria-label="Changes, newest first" className="divide-y divide-border">
          {events.map((e) => (
            <TimelineEntry key={e.id} event={e} />
          ))}
        </ol>
      )}
      <MoreNotes more={more} />
    </div>
  )
}
