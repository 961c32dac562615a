'use client'

import { type ReactNode, useEffect, useId, useRef } from 'react'

import { cn } from '@/lib/utils'

/**
 * A modal confirmation built on the native `<dialog>`: `showModal()` gives focus trapping, the
 * inert background and Escape for free; focus returns to the opener when it closes. On a phone it
 * is a full-width sheet rising from the bottom of the screen, its buttons thumb-sized.
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
        // Phone: a bottom sheet across the whole width (the browser's dialog margins and max sizes undone).
        'max-md:mx-0 max-md:mt-auto max-md:mb-0 max-md:w-full max-md:max-w-none max-md:rounded-t-xl max-md:rounded-b-none max-md:border-x-0 max-md:border-b-0',
        className,
      )}
    >
      {open ? (
        <div className="max-h-[85dvh] overflow-y-auto p-5 max-md:px-4 max-md:pb-6">
          <div className="mb-4 flex items-start justify-between gap-4">
            <h2 id={titleId} className="pt-1 text-base font-semibold tracking-tight">
              {title}
            </h2>
            <button
              type="button"
              onClick={onClose}
              className="-mt-1 -mr-2 inline-flex size-8 shrink-0 items-center justify-center rounded-md text-lg leading-none text-muted hover:bg-surface-2 hover:text-fg max-md:size-11"
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

/** A text field in a dialog: 16 px text on phones, so the browser does not zoom in when the keyboard opens. */
export const dialogInputClasses =
  'h-9 min-w-0 rounded-md border border-border bg-surface px-2.5 font-mono text-sm max-md:h-11 max-md:text-base'

/** The row of a dialog's buttons: right-aligned; on a phone they share the width, the main action last (nearest the thumb). */
export function DialogActions({ children }: { children: ReactNode }) {
  return <div className="flex justify-end gap-2 max-md:[&>*]:h-11 max-md:[&>*]:flex-1">{children}</div>
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
