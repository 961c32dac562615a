import type { HTMLAttributes, ReactNode } from 'react'

import { cn } from '@/lib/utils'

/** A bordered surface. */
export function Card({ className, ...props }: HTMLAttributes<HTMLElement>) {
  return <section className={cn('rounded-lg border border-border bg-surface shadow-xs', className)} {...props} />
}

/** Card heading row: title on the left, anything (actions, "as of") on the right. */
export function CardHeader({
  title,
  titleId,
  actions,
  className,
}: {
  title: ReactNode
  titleId?: string
  actions?: ReactNode
  className?: string
}) {
  return (
    <header className={cn('flex min-h-11 flex-wrap items-center justify-between gap-2 border-b border-border px-4 py-2', className)}>
      <h2 id={titleId} className="text-sm font-semibold tracking-tight">
        {title}
      </h2>
      {actions ? <div className="flex items-center gap-2">{actions}</div> : null}
    </header>
  )
}

export function CardBody({ className, ...props }: HTMLAttributes<HTMLDivElement>) {
  return <div className={cn('p-4', className)} {...props} />
}
