'use client'

import Link from 'next/link'
import { usePathname } from 'next/navigation'

import { isCurrentSection, type NavItem, portalNav } from '@/components/shell/nav-items'
import { cn } from '@/lib/utils'

export type { NavItem }

const orientations = {
  horizontal: { list: 'flex flex-wrap items-center gap-1', link: 'min-h-8 px-2.5 py-1.5 text-sm' },
  vertical: { list: 'flex flex-col gap-1', link: 'min-h-11 px-3 py-2 text-base' },
} as const

/** The portal's main navigation; the current section is marked with aria-current. */
export function NavLinks({
  items = portalNav,
  orientation = 'horizontal',
  onNavigate,
}: {
  items?: readonly NavItem[]
  orientation?: keyof typeof orientations
  /** Called when a link is followed (the phone menu closes, even on the current page's link). */
  onNavigate?: () => void
}) {
  const pathname = usePathname()
  const o = orientations[orientation]
  return (
    <ul className={o.list}>
      {items.map((item) => {
        const isCurrent = isCurrentSection(item.href, pathname)
        return (
          <li key={item.href}>
            <Link
              href={item.href}
              aria-current={isCurrent ? 'page' : undefined}
              onClick={onNavigate}
              className={cn(
                'flex items-center rounded-md transition-colors hover:bg-surface-2 hover:text-fg',
                o.link,
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
