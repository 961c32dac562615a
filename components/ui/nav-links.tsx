'use client'

import Link from 'next/link'
import { usePathname } from 'next/navigation'

import { cn } from '@/lib/utils'

export type NavItem = { href: string; label: string }

/** The portal's main navigation; the current section is marked with aria-current. */
export function NavLinks({ items }: { items: readonly NavItem[] }) {
  const pathname = usePathname()
  return (
    <ul className="flex flex-wrap items-center gap-1">
      {items.map((item) => {
        const isCurrent = item.href === '/' ? pathname === '/' : pathname === item.href || pathname.startsWith(`${item.href}/`)
        return (
          <li key={item.href}>
            <Link
              href={item.href}
              aria-current={isCurrent ? 'page' : undefined}
              className={cn(
                'rounded-md px-2.5 py-1.5 text-sm transition-colors hover:bg-surface-2 hover:text-fg',
                isCurrent ? 'bg-surface-2 font-medium text-fg' : 'text-muted',
              )}
            >
              {item.label}
            </Link>
          </li>
        )
      })}
    </ul>
  )
}
