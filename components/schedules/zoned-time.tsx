'use client'

import { useHydrated } from '@/components/ui/time'
import { formatUtc } from '@/lib/format'

const local = new Intl.DateTimeFormat(undefined, {
  weekday: 'short',
  day: 'numeric',
  month: 'short',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
  timeZoneName: 'short',
})

/** A time in the viewer's time zone with UTC beneath it (the server renders UTC only: it does not know the viewer's zone). */
export function ZonedTime({ iso, inline = false }: { iso: string | null | undefined; inline?: boolean }) {
  const hydrated = useHydrated()
  if (!iso) return <span>—</span>
  const utc = formatUtc(iso)
  if (!hydrated) return <time dateTime={iso}>{utc}</time>
  const text = local.format(new Date(iso))
  if (inline)
    return (
      <time dateTime={iso} title={utc}>
        {text}
      </time>
    )
  return (
    <span className="inline-flex flex-col">
      <time dateTime={iso}>{text}</time>
      <span className="text-xs text-muted">{utc}</span>
    </span>
  )
}

/** The viewer's time zone (IANA name), e.g. Europe/Amsterdam. */
export const browserTimeZone = (): string => Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC'
