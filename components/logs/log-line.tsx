'use client'

import { useState } from 'react'

import type { LogEvent } from '@/lib/domain/logs'
import type { Tone } from '@/lib/status-tone'
import { cn } from '@/lib/utils'

import { formatMs } from '@/components/charts/format'
import { Badge } from '@/components/ui/badge'
import { Button } from '@/components/ui/button'
import { Time } from '@/components/ui/time'

import { extractLogFields, type LogLevel, prettyRaw } from './log-fields'

const levelTone = { trace: 'idle', debug: 'idle', info: 'info', warn: 'warn', error: 'bad', fatal: 'bad' } as const satisfies Record<
  LogLevel,
  Tone
>

function statusTone(status: number): Tone {
  if (status >= 500) return 'bad'
  if (status >= 400) return 'warn'
  return 'ok'
}

/** One log event: time, level badge, request fields and message; the raw line on demand. */
export function LogLine({ event }: { event: LogEvent }) {
  const [isRawShown, setRawShown] = useState(false)
  const f = extractLogFields(event)
  const rawId = `log-raw-${event.eventId}`
  return (
    <li className="py-1.5 text-xs" data-level={f.level ?? undefined}>
      <div className="flex flex-wrap items-baseline gap-x-2 gap-y-1">
        <Time iso={event.timestamp} mode="exact" className="shrink-0 font-mono text-muted tabular-nums" />
        {f.level ? (
          <Badge tone={levelTone[f.level]} className="uppercase">
            {f.level}
          </Badge>
        ) : null}
        {f.method ? <span className="font-mono font-semibold">{f.method}</span> : null}
        {f.url ? (
          // Wrapped in full on a phone (no tooltip to hover there); one truncated line on wider screens.
          <span className="min-w-0 font-mono break-all md:max-w-[24rem] md:truncate" title={f.url}>
            {f.url}
          </span>
        ) : null}
        {f.status !== null ? (
          <Badge tone={statusTone(f.status)} title="HTTP status">
            {f.status}
          </Badge>
        ) : null}
        {f.responseTime !== null ? <span className="text-muted tabular-nums">{formatMs(f.responseTime)}</span> : null}
        {/* Phone: the message on a line of its own, after the Raw button (text only, so reading order is unaffected). */}
        <span
          className={cn(
            'min-w-0 flex-1 break-words max-md:order-last max-md:basis-full',
            event.fields ? '' : 'font-mono whitespace-pre-wrap',
          )}
        >
          {f.msg}
        </span>
        <Button size="xs" variant="ghost" aria-expanded={isRawShown} aria-controls={rawId} onClick={() => setRawShown((v) => !v)}>
          {isRawShown ? 'Hide raw' : event.fields ? 'Raw JSON' : 'Raw'}
        </Button>
      </div>
      {isRawShown ? (
        <pre id={rawId} className="mt-1 max-h-80 overflow-auto rounded-md bg-surface-2 p-2 font-mono text-xs whitespace-pre-wrap">
          {prettyRaw(event.message)}
        </pre>
      ) : null}
    </li>
  )
}
