'use client'

import { usePathname } from 'next/navigation'

import { currentSection } from '@/components/shell/nav-items'
import { cn } from '@/lib/utils'

/** The current section's name, for the compact header where the navigation is folded into the menu. */
export function CurrentSection({ className }: { className?: string }) {
  const section = currentSection(usePathname())
  if (!section) return null
  // The separating slash is decoration (CSS), so the element's text is just the section's name.
  return <span className={cn("before:mr-2 before:text-border before:content-['/']", className)}>{section.label}</span>
}
