'use client'

import { type ReactNode, useEffect, useId, useRef, useState } from 'react'
import { usePathname } from 'next/navigation'

import { NavLinks } from '@/components/ui/nav-links'
import { cn } from '@/lib/utils'

/**
 * The navigation of the compact header (narrow screens): a Menu button that opens a modal side
 * sheet (native `<dialog>`: focus stays inside, the page behind is inert, Escape closes, focus
 * returns to the button). It closes when a link is followed, on the backdrop and with Close.
 * `children` (the signed-in user and sign-out) is shown below the links.
 */
export function MobileMenu({ children, className }: { children?: ReactNode; className?: string }) {
  const [isOpen, setOpen] = useState(false)
  const ref = useRef<HTMLDialogElement>(null)
  const id = useId()
  const pathname = usePathname()
  // A route change (a link followed, Back/Forward) closes the menu.
  const [shownFor, setShownFor] = useState(pathname)
  if (shownFor !== pathname) {
    setShownFor(pathname)
    setOpen(false)
  }

  useEffect(() => {
    const dialog = ref.current
    if (!dialog) return
    if (isOpen && !dialog.open) dialog.showModal()
    if (!isOpen && dialog.open) dialog.close()
  }, [isOpen])

  const handleClose = () => setOpen(false)
  return (
    <div className={className}>
      <button
        type="button"
        aria-haspopup="dialog"
        aria-expanded={isOpen}
        aria-controls={id}
        onClick={() => setOpen(true)}
        className="inline-flex h-11 items-center gap-2 rounded-md border border-border bg-surface px-3 text-sm font-medium hover:bg-surface-2"
      >
        <MenuIcon />
        Menu
      </button>
      <dialog
        id={id}
        ref={ref}
        aria-label="Menu"
        onClose={handleClose}
        onCancel={(e) => {
          e.preventDefault()
          handleClose()
        }}
        // A click on the backdrop lands on the dialog element itself (its content fills the box).
        onClick={(e) => {
          if (e.target === e.currentTarget) handleClose()
        }}
        className={cn(
          'm-0 ml-auto h-dvh max-h-none w-80 max-w-[85vw] border-l border-border bg-surface p-0 text-fg shadow-xl',
          'backdrop:bg-black/40',
        )}
      >
        {isOpen ? (
          <div className="flex min-h-full flex-col gap-4 p-4">
            <div className="flex items-center justify-between gap-2">
              <span className="font-semibold tracking-tight">AppFactory Portal</span>
              <button
                type="button"
                onClick={handleClose}
                className="inline-flex size-11 items-center justify-center rounded-md text-xl text-muted hover:bg-surface-2 hover:text-fg"
                aria-label="Close menu"
              >
                ×
              </button>
            </div>
            <nav aria-label="Main">
              <NavLinks orientation="vertical" onNavigate={handleClose} />
            </nav>
            {children ? <div className="mt-auto border-t border-border pt-4">{children}</div> : null}
          </div>
        ) : null}
      </dialog>
    </div>
  )
}

function MenuIcon() {
  return (
    <svg aria-hidden viewBox="0 0 20 20" className="size-5" fill="none" stroke="currentColor" strokeWidth={1.75} strokeLinecap="round">
      <path d="M3 5.5h14M3 10h14M3 14.5h14" />
    </svg>
  )
}
