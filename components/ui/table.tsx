import type { HTMLAttributes, ReactNode, TdHTMLAttributes, ThHTMLAttributes } from 'react'

import { cn } from '@/lib/utils'

/** A full-width table in a horizontally scrolling wrapper (usable on narrow screens). */
export function Table({ className, ...props }: HTMLAttributes<HTMLTableElement>) {
  return (
    <div className="w-full overflow-x-auto">
      <table className={cn('w-full border-collapse text-sm', className)} {...props} />
    </div>
  )
}

export function THead({ className, ...props }: HTMLAttributes<HTMLTableSectionElement>) {
  return <thead className={cn('border-b border-border text-left text-xs text-muted', className)} {...props} />
}

export function TBody({ className, ...props }: HTMLAttributes<HTMLTableSectionElement>) {
  return <tbody className={cn('divide-y divide-border', className)} {...props} />
}

export function Tr({ className, ...props }: HTMLAttributes<HTMLTableRowElement>) {
  return <tr className={cn('align-top', className)} {...props} />
}

/** A header cell: a column header is bold and does not wrap; a row header (`scope="row"`) reads like data. */
export function Th({ className, scope = 'col', ...props }: ThHTMLAttributes<HTMLTableCellElement>) {
  return (
    <th
      scope={scope}
      className={cn('px-3 py-2', scope === 'row' ? 'font-normal' : 'font-medium whitespace-nowrap', className)}
      {...props}
    />
  )
}

export function Td({ className, ...props }: TdHTMLAttributes<HTMLTableCellElement>) {
  return <td className={cn('px-3 py-2', className)} {...props} />
}

export type EmptyStateVariant = 'panel' | 'inline'

const emptyVariants = {
  panel: 'py-6 text-center',
  inline: 'py-2 text-left',
} as const satisfies Record<EmptyStateVariant, string>

/** The explicit empty state for a list ("Empty is not an error"): centred in a panel, or one line inside a row. */
export function EmptyState({
  children,
  variant = 'panel',
  className,
}: {
  children: ReactNode
  variant?: EmptyStateVariant
  className?: string
}) {
  return <p className={cn('text-sm text-muted', emptyVariants[variant], className)}>{children}</p>
}
