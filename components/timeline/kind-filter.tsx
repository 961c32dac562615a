'use client'

import { useRouter } from 'next/navigation'

import { timelineHref, timelineKindLabels, timelineKinds, type TimelineKind } from '@/lib/domain/timeline.values'
import type { TimelineParams } from '@/lib/queries/timeline'

/** Which kinds of change to show: checkboxes kept in the URL (`?kinds=`); at least one stays on. */
export function KindFilter({ params, counts }: { params: TimelineParams; counts?: Partial<Record<TimelineKind, number>> }) {
  const router = useRouter()
  const toggle = (kind: TimelineKind, on: boolean) => {
    const next = timelineKinds.filter((k) => (k === kind ? on : params.kinds.includes(k)))
    if (next.length === 0) return
    router.push(timelineHref({ since: params.since, until: params.until }, next))
  }
  return (
    <fieldset className="flex flex-wrap items-center gap-x-4 gap-y-1 text-sm">
      <legend className="sr-only">Kinds of change</legend>
      <span aria-hidden className="text-xs text-muted">
        Show
      </span>
      {timelineKinds.map((k) => {
        const checked = params.kinds.includes(k)
        const n = counts?.[k]
        return (
          <label key={k} className="inline-flex min-h-6 items-center gap-1.5">
            <input
              type="checkbox"
              checked={checked}
              disabled={checked && params.kinds.length === 1}
              onChange={(e) => toggle(k, e.target.checked)}
              className="size-6 accent-accent md:size-4"
            />
            {timelineKindLabels[k]}
            {checked && n !== undefined ? <span className="text-xs text-muted tabular-nums">({n})</span> : null}
          </label>
        )
      })}
    </fieldset>
  )
}
