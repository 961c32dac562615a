import Link from 'next/link'

import type { Alarm } from '@/lib/domain/metrics'
import { changedBeforeHref, logsBeforeHref } from '@/lib/domain/timeline.values'
import { cn } from '@/lib/utils'
import { linkClasses } from '@/components/ui/link'

// Standalone links: at least 24 px tall (tap targets on a phone).
const linkClass = linkClasses()

/**
 * For an alarm in ALARM: what changed in the hour before it fired (the timeline of that hour) and the
 * application log of that hour, errors first. Nothing for other states.
 */
export function AlarmContextLinks({ alarm, className }: { alarm: Pick<Alarm, 'name' | 'state' | 'since'>; className?: string }) {
  if (alarm.state !== 'ALARM' || !alarm.since) return null
  return (
    <span className={cn('inline-flex flex-wrap gap-x-3 gap-y-1 text-xs', className)}>
      <Link href={changedBeforeHref(alarm.since)} className={linkClass}>
        What changed before this<span className="sr-only"> ({alarm.name})</span>
      </Link>
      <Link href={logsBeforeHref(alarm.since)} className={linkClass}>
        Logs at this time<span className="sr-only"> ({alarm.name})</span>
      </Link>
    </span>
  )
}
