'use client'

import Link from 'next/link'
import { useRouter } from 'next/navigation'
import { type FormEvent, useId, useState } from 'react'

import { Button } from '@/components/ui/button'
import { useHydrated } from '@/components/ui/time'
import { maxTimelineWindowMs, timelineHref, timelinePresetLabels, timelinePresets, type TimelineKind } from '@/lib/domain/timeline.values'
import type { TimelineParams } from '@/lib/queries/timeline'
import { cn } from '@/lib/utils'

const fieldClasses =
  'h-8 rounded-md border border-border bg-surface px-2 text-sm text-fg focus-visible:outline-2 focus-visible:outline-offset-1 focus-visible:outline-focus max-md:h-11 max-md:text-base'

/** An ISO time as a `datetime-local` value in the browser's zone (`2026-03-02T15:04`); '' when not a time. */
function toLocalInput(iso: string | null): string {
  const t = iso ? Date.parse(iso) : NaN
  if (!Number.isFinite(t)) return ''
  const d = new Date(t)
  const p = (n: number) => String(n).padStart(2, '0')
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}T${p(d.getHours())}:${p(d.getMinutes())}`
}

/**
 * The window: one click for the last hour, 6 hours, 24 hours or 7 days, or a custom range typed in
 * the viewer's own time zone (checked here: from before to, at most 14 days; the server checks again).
 */
export function WindowPicker({ params }: { params: TimelineParams }) {
  const router = useRouter()
  const isHydrated = useHydrated()
  const fromId = useId()
  const toId = useId()
  const errorId = useId()
  const [error, setError] = useState<string | null>(null)
  const kinds: readonly TimelineKind[] = params.kinds
  const isCustom = params.until !== null || !(timelinePresets as readonly string[]).includes(params.since)

  const apply = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault()
    const data = new FormData(e.currentTarget)
    const from = Date.parse(String(data.get('from') ?? ''))
    const to = Date.parse(String(data.get('to') ?? ''))
    if (!Number.isFinite(from) || !Number.isFinite(to)) return setError('Give both a start and an end.')
    if (from >= to) return setError('The start must be before the end.')
    if (to - from > maxTimelineWindowMs) return setError('A window is at most 14 days long.')
    setError(null)
    router.push(timelineHref({ since: new Date(from).toISOString(), until: new Date(to).toISOString() }, kinds))
  }

  return (
    <div className="flex flex-wrap items-end gap-x-4 gap-y-2">
      <nav aria-label="Time window" className="inline-flex rounded-md border border-border bg-surface p-0.5">
        {timelinePresets.map((p) => {
          const isCurrent = !isCustom && params.since === p
          return (
            <Link
              key={p}
              href={timelineHref({ since: p }, kinds)}
              aria-current={isCurrent ? 'page' : undefined}
              title={timelinePresetLabels[p]}
              className={cn(
                'inline-flex min-h-7 items-center rounded px-2.5 text-xs font-medium tabular-nums',
                isCurrent ? 'bg-accent text-accent-fg' : 'text-muted hover:bg-surface-2 hover:text-fg',
              )}
            >
              <span aria-hidden>{p}</span>
              <span className="sr-only">{timelinePresetLabels[p]}</span>
            </Link>
          )
        })}
      </nav>
      <form
        onSubmit={apply}
        className="flex flex-wrap items-end gap-2"
        aria-label="Custom window"
        aria-describedby={error ? errorId : undefined}
      >
        <label htmlFor={fromId} className="flex flex-col text-xs text-muted">
          From
          <input
            id={fromId}
            name="from"
            type="datetime-local"
            // Local times exist only in the browser: the fields fill in once hydrated.
            key={isHydrated ? `from-${params.since}` : 'from'}
            defaultValue={isHydrated && isCustom ? toLocalInput(params.since) : ''}
            className={fieldClasses}
          />
        </label>
        <label htmlFor={toId} className="flex flex-col text-xs text-muted">
          To
          <input
            id={toId}
            name="to"
            type="datetime-local"
            key={isHydrated ? `to-${params.until ?? ''}` : 'to'}
            defaultValue={isHydrated && isCustom ? toLocalInput(params.until) : ''}
            className={fieldClasses}
          />
        </label>
        <Button type="submit" size="sm" className="h-8 max-md:h-11">
          Show range
        </Button>
        {error ? (
          <p id={errorId} role="alert" className="w-full text-xs text-tone-bad">
            {error}
          </p>
        ) : null}
      </form>
    </div>
  )
}
