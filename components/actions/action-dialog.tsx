'use client'

import { type ReactNode, useEffect, useId, useRef } from 'react'

import { cn } from '@/lib/utils'

/**
 * A modal confirmation built on the native `<dialog>`: `showModal()` gives focus trapping, the
 * inert background and Escape for free; focus returns to the opener when it closes.
 */
export function ActionDialog({
  open,
  onClose,
  title,
  description,
  children,
  className,
}: {
  open: boolean
  onClose: () => void
  title: string
  description?: ReactNode
  children: ReactNode
  className?: string
}) {
  const ref = useRef<HTMLDialogElement>(null)
  const titleId = useId()
  const descId = useId()

  useEffect(() => {
    const dialog = ref.current
    if (!dialog) return
    if (open && !dialog.open) dialog.showModal()
    if (!open && dialog.open) dialog.close()
  }, [open])

  return (
    <dialog
      ref={ref}
      aria-labelledby={titleId}
      aria-describedby={description ? descId : undefined}
      onClose={onClose}
      onCancel={(e) => {
        e.preventDefault()
        onClose()
      }}
      className={cn(
        'm-auto w-[min(40rem,calc(100vw-2rem))] rounded-lg border border-border bg-surface p-0 text-fg shadow-xl backdrop:bg-black/40',
        className,
      )}
    >
      {open ? (
        <div className="max-h-[85dvh] overflow-y-auto p-5">
          <div className="mb-4 flex items-start justify-between gap-4">
            <h2 id={titleId} className="text-base font-semibold tracking-tight">
              {title}
            </h2>
            <button
              type="button"
              onClick={onClose}
              className="rounded px-1.5 text-lg leading-none text-muted hover:text-fg"
              aria-label="Close"
            >
              ×
            </button>
          </div>
          {description ? (
            <div id={descId} className="mb-4 text-sm text-muted">
              {description}
            </div>
          ) : null}
          {children}
        </div>
      ) : null}
    </dialog>
  )
}

/** An action's failure (AppError message + hint) inside a dialog or next to a control. */
export function ActionError({ message, hint, code }: { message: string; hint?: string; code?: string }) {
  return (
    <div role="alert" className="rounded-md border border-tone-bad/40 bg-tone-bad/10 p-3 text-sm">
      <p className="font-medium text-tone-bad">{message}</p>
      {hint ? <p className="mt-1">{hint}</p> : null}
      {code ? <p className="mt-1 font-mono text-xs text-muted">Code: {code}</p> : null}
    </div>
  )
}
