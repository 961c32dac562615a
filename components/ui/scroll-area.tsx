'use client'

import { type ReactNode, useEffect, useRef, useState } from 'react'

/**
 * A box that scrolls sideways when its content is wider than it (a table on a phone). While it
 * actually scrolls it is a named, focusable region, so keyboard users can scroll it with the arrow
 * keys; otherwise it is a plain box and adds no stop to the Tab order.
 */
export function ScrollArea({ label, children }: { label: string; children: ReactNode }) {
  const ref = useRef<HTMLDivElement>(null)
  const [isScrollable, setScrollable] = useState(false)
  useEffect(() => {
    const el = ref.current
    if (!el) return
    const measure = () => setScrollable(el.scrollWidth > el.clientWidth + 1)
    measure()
    const observer = new ResizeObserver(measure)
    observer.observe(el)
    if (el.firstElementChild) observer.observe(el.firstElementChild)
    return () => observer.disconnect()
  }, [])
  return (
    // `relative` makes this box the containing block of visually hidden (absolutely positioned)
    // text inside the table, so that text scrolls with it instead of widening the page.
    <div
      ref={ref}
      className="relative w-full overflow-x-auto"
      {...(isScrollable ? { role: 'region', 'aria-label': label, tabIndex: 0 } : {})}
    >
      {children}
    </div>
  )
}
