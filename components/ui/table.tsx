import type { HTMLAttributes, ReactNode, TdHTMLAttributes, ThHTMLAttributes } from 'react'

import { ScrollArea } from '@/components/ui/scroll-area'
import { cn } from '@/lib/utils'

/**
 * How a table fits a narrow screen:
 * - `scroll`: it scrolls sideways inside its own panel, the first column kept visible;
 * - `stack`: below the `md` breakpoint every row becomes a block of its cells (labelled with `Td`'s
 *   `label`), so nothing scrolls at all;
 * - `cards`: like `stack`, but the caller lays out each row's cells itself (classes on `Tr`/`Td`).
 * Stacked tables keep explicit ARIA table roles: a browser may drop a table's semantics once its
 * parts no longer display as a table.
 */
export type TableLayout = 'scroll' | 'stack' | 'cards'

const stacked = 'w-full border-collapse text-sm max-md:block max-md:[&>tbody]:block max-md:[&>thead]:sr-only'

const layouts = {
  scroll: cn(
    'w-full border-collapse text-sm',
    // The first column stays put while the rest scrolls under it (opaque, so nothing shows through).
    '[&_tr>:first-child]:sticky [&_tr>:first-child]:left-0 [&_tr>:first-child]:z-[1] [&_tr>:first-child]:bg-surface',
  ),
  stack: cn(
    stacked,
    'max-md:[&>tbody>tr]:flex max-md:[&>tbody>tr]:flex-wrap max-md:[&>tbody>tr]:items-baseline',
    'max-md:[&>tbody>tr]:gap-x-4 max-md:[&>tbody>tr]:gap-y-1.5 max-md:[&>tbody>tr]:py-3',
    'max-md:[&>tbody>tr>*]:block max-md:[&>tbody>tr>*]:min-w-0 max-md:[&>tbody>tr>*]:p-0',
  ),
  cards: stacked,
} as const satisfies Record<TableLayout, string>

/** A full-width table that fits narrow screens (see `TableLayout`); `label` names its scrolling region. */
export function Table({
  className,
  layout = 'scroll',
  label,
  ...props
}: HTMLAttributes<HTMLTableElement> & { layout?: TableLayout; label?: string }) {
  const name = label ?? props['aria-label']
  // Stacked tables are tables again from `md` up, where they may still need to scroll.
  return (
    <ScrollArea label={name ? `${name} (scrolls sideways)` : 'Table (scrolls sideways)'}>
      <table role="table" className={cn(layouts[layout], className)} {...props} />
    </ScrollArea>
  )
}

// Explicit roles are harmless in the scrolling layout and keep the stacked layout a table for assistive tech.

export function THead({ className, ...props }: HTMLAttributes<HTMLTableSectionElement>) {
  return <thead role="rowgroup" className={cn('border-b border-border text-left text-xs text-muted', className)} {...props} />
}

export function TBody({ className, ...props }: HTMLAttributes<HTMLTableSectionElement>) {
  return <tbody role="rowgroup" className={cn('divide-y divide-border', className)} {...props} />
}

export function Tr({ className, ...props }: HTMLAttributes<HTMLTableRowElement>) {
  return <tr role="row" className={cn('align-top', className)} {...props} />
}

/** A header cell: a column header is bold and does not wrap; a row header (`scope="row"`) reads like data. */
export function Th({ className, scope = 'col', ...props }: ThHTMLAttributes<HTMLTableCellElement>) {
  return (
    <th
      role={scope === 'row' ? 'rowheader' : 'columnheader'}
      scope={scope}
      className={cn('px-3 py-2', scope === 'row' ? 'font-normal' : 'font-medium whitespace-nowrap', className)}
      {...props}
    />
  )
}

/**
 * A data cell. `label` is shown before the value only where the table is stacked (a narrow screen,
 * where the column headers are not visible); assistive tech reads the column header instead.
 */
export function Td({ className, label, children, ...props }: TdHTMLAttributes<HTMLTableCellElement> & { label?: string }) {
  return (
    <td role="cell" className={cn('px-3 py-2', className)} {...props}>
      {label ? (
        <span aria-hidden className="mr-1.5 text-xs text-muted md:hidden">
          {label}
        </span>
      ) : null}
      {children}
    </td>
  )
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
