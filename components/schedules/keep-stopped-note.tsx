'use client'

import { useQuery } from '@tanstack/react-query'
import Link from 'next/link'

import { linkClasses } from '@/components/ui/link'
import { useNow } from '@/components/ui/time'
import { databaseQuery } from '@/lib/queries/database'
import { schedulesQuery } from '@/lib/queries/schedules'

import { ZonedTime } from './zoned-time'

/**
 * On the database page: the next automatic restart (AWS starts a stopped instance after 7 days) and,
 * when a "keep stopped" schedule is in force, that the portal will stop it again within the hour.
 */
export function KeepStoppedNote() {
  const schedules = useQuery(schedulesQuery())
  const db = useQuery(databaseQuery())
  const now = useNow()
  const keep = schedules.data?.schedules.find(
    (s) => s.kind === 'keep-stopped' && s.state === 'enabled' && (s.until === null || Date.parse(s.until) > now),
  )
  const restart = db.data?.automaticRestartTime ?? null
  if (!keep && !restart) return null
  return (
    <div className="space-y-1 rounded-md border border-border bg-surface-2 p-2 text-sm" data-testid="keep-stopped">
      {restart ? (
        <p>
          Next automatic restart by AWS: <ZonedTime iso={restart} inline />.
        </p>
      ) : null}
      {keep ? (
        <p>
          Kept stopped until {keep.until ? <ZonedTime iso={keep.until} inline /> : 'further notice'} by{' '}
          <Link href="/schedules" className={linkClasses('underline')}>
            {keep.name}
          </Link>
          : if AWS starts it, the portal stops it again within the hour.
        </p>
      ) : (
        <p className="text-xs text-muted">
          To keep it stopped longer, add a &ldquo;keep the database stopped until&rdquo; schedule on the{' '}
          <Link href="/schedules" className={linkClasses('underline')}>
            schedules page
          </Link>
          .
        </p>
      )}
    </div>
  )
}
