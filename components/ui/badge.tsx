import type { ReactNode } from 'react'

import { toneClasses, toneDot, toneOf, type Tone } from '@/lib/status-tone'
import { cn } from '@/lib/utils'

/** A small pill in one of the status tones. */
export function Badge({
  tone = 'idle',
  children,
  className,
  title,
}: {
  tone?: Tone
  children: ReactNode
  className?: string
  title?: string
}) {
  return (
    <span
      title={title}
      className={cn(
        'inline-flex items-center gap-1 rounded-full px-2 py-0.5 text-xs font-medium whitespace-nowrap ring-1 ring-inset',
        toneClasses[tone],
        className,
      )}
    >
      {children}
    </span>
  )
}

/** A status word with its tone from `statusTone` and a dot (so colour is never the only cue). */
export function StatusBadge({ status, label, className }: { status: string; label?: string; className?: string }) {
  const tone = toneOf(status)
  return (
    <Badge tone={tone} className={className}>
      <span aria-hidden className={cn('size-1.5 rounded-full', toneDot[tone])} />
      {label ?? status}
    </Badge>
  )
}
