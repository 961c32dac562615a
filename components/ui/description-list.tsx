import type { ReactNode } from 'react'

import { cn } from '@/lib/utils'

export type DescriptionItem = { label: string; value: ReactNode; hint?: string }

/** Label/value pairs laid out in two columns. */
export function DescriptionList({ items, className }: { items: DescriptionItem[]; className?: string }) {
  return (
    <dl
      className={cn(
        'grid grid-cols-[minmax(8rem,max-content)_minmax(0,1fr)] gap-x-4 gap-y-1.5 text-sm max-sm:grid-cols-[minmax(6rem,max-content)_minmax(0,1fr)]',
        className,
      )}
    >
      {items.map((item) => (
        <div key={item.label} className="contents">
          <dt className="text-muted" title={item.hint}>
            {item.label}
          </dt>
          <dd className="min-w-0 break-words">{item.value ?? '—'}</dd>
        </div>
      ))}
    </dl>
  )
}
