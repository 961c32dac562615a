'use client'

import Link from 'next/link'

import { Badge } from '@/components/ui/badge'
import { Time } from '@/components/ui/time'
import type { TimelineEvent } from '@/lib/domain/timeline'
import { changedBeforeHref, logsAroundHref, logsBeforeHref, timelineKindNames, type TimelineOutcome } from '@/lib/domain/timeline.values'
import { shortSha } from '@/lib/domain/sha.values'
import type { Tone } from '@/lib/status-tone'
import { cn } from '@/lib/utils'
import { linkClasses } from '@/components/ui/link'

/** The tone of each outcome (a badge always carries the word too). */
export const outcomeTone = {
  running: 'busy',
  succeeded: 'ok',
  failed: 'bad',
  refused: 'warn',
  unknown: 'idle',
} as const satisfies Record<TimelineOutcome, Tone>

const kindTone = {
  deployment: 'info',
  database: 'info',
  alarm: 'warn',
  image: 'idle',
  schedule: 'idle',
  action: 'idle',
} as const satisfies Record<TimelineEvent['kind'], Tone>

// Standalone links: at least 24 px tall (tap targets on a phone).
const linkClass = linkClasses()

/** The outcome as a badge ("succeeded", "failed", "refused"…), or nothing. */
export function OutcomeBadge({ outcome }: { outcome: TimelineOutcome | undefined }) {
  return outcome ? <Badge tone={outcomeTone[outcome]}>{outcome}</Badge> : null
}

/**
 * One change: when (exact, in the viewer's zone, and how long ago), what kind, what (linked to its
 * detail), how it ended, who and which commit; the logs at that time; for an alarm that fired, what
 * changed in the hour before.
 */
export function TimelineEntry({ event: e, compact = false }: { event: TimelineEvent; compact?: boolean }) {
  return (
    <li
      className={cn('grid gap-x-4 gap-y-1 py-2 sm:grid-cols-[11rem_minmax(0,1fr)]', compact && 'sm:grid-cols-[7rem_minmax(0,1fr)]')}
      data-kind={e.kind}
    >
      <div className="text-xs text-muted tabular-nums">
        {compact ? <Time iso={e.at} /> : <Time iso={e.at} mode="exact" className="block text-fg" />}
        {compact ? null : <Time iso={e.at} />}
      </div>
      <div className="min-w-0 space-y-1">
        <p className="flex flex-wrap items-center gap-x-2 gap-y-1 text-sm">
          <Badge tone={kindTone[e.kind]}>{timelineKindNames[e.kind]}</Badge>
          <Link href={e.link} className={cn('min-w-0 font-medium break-words', linkClass)}>
            {e.title}
          </Link>
          <OutcomeBadge outcome={e.outcome} />
        </p>
        {e.detail && !compact ? <p className="text-xs break-words text-muted">{e.detail}</p> : null}
        <p className="flex flex-wrap gap-x-3 gap-y-1 text-xs text-muted">
          {e.actorName ? <span>by {e.actorName}</span> : null}
          {e.sha ? (
            <span>
              SHA <code className="font-mono text-fg">{shortSha(e.sha)}</code>
            </span>
          ) : null}
          {compact ? null : (
            <>
              {e.kind === 'alarm' && e.state === 'ALARM' ? (
                <>
                  <Link href={changedBeforeHref(e.at)} className={linkClass}>
                    What changed before this<span className="sr-only">: {e.title}</span>
                  </Link>
                  <Link href={logsBeforeHref(e.at)} className={linkClass}>
                    Logs at this time<span className="sr-only">: {e.title}</span>
                  </Link>
                </>
              ) : (
                <Link href={logsAroundHref(e.at)} className={linkClass}>
                  Logs at this time<span className="sr-only">: {e.title}</span>
                </Link>
              )}
            </>
          )}
        </p>
      </div>
    </li>
  )
}
