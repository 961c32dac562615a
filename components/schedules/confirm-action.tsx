'use client'

import { type ReactNode, useState } from 'react'
import { useMutation, useQueryClient } from '@tanstack/react-query'

import { ActionDialog, ActionError } from '@/components/actions/action-dialog'
import { Button, type ButtonVariant } from '@/components/ui/button'
import { toPanelError } from '@/lib/queries/fetcher'
import { invalidateSchedules } from '@/lib/queries/schedules'

/**
 * A button that opens a confirmation dialog, runs one schedule change, shows its error in the dialog
 * (message, hint, code) and announces the result; the schedules refetch after success.
 */
export function ConfirmAction({
  label,
  title,
  description,
  confirmLabel,
  variant = 'secondary',
  disabledReason,
  run,
  done,
  children,
}: {
  label: string
  title: string
  description: ReactNode
  confirmLabel: string
  variant?: ButtonVariant
  disabledReason?: string
  run: () => Promise<unknown>
  /** What the live region says after success. */
  done: string
  /** Extra fields inside the dialog (an edit form). */
  children?: ReactNode
}) {
  const [open, setOpen] = useState(false)
  const [announce, setAnnounce] = useState('')
  const qc = useQueryClient()
  const m = useMutation({
    mutationFn: run,
    onSuccess: () => {
      invalidateSchedules(qc)
      setOpen(false)
      setAnnounce(done)
    },
  })
  const error = m.isError ? toPanelError(m.error) : null
  return (
    <>
      <Button
        size="sm"
        variant={variant === 'danger' ? 'secondary' : variant}
        onClick={() => {
          m.reset()
          setOpen(true)
        }}
        disabled={!!disabledReason}
        title={disabledReason}
      >
        {label}
      </Button>
      <span role="status" aria-live="polite" className="sr-only">
        {announce}
      </span>
      <ActionDialog open={open} onClose={() => setOpen(false)} title={title} description={description}>
        <form
          className="space-y-4"
          onSubmit={(e) => {
            e.preventDefault()
            m.mutate()
          }}
        >
          {children}
          <div aria-live="assertive">{error ? <ActionError message={error.message} hint={error.hint} code={error.code} /> : null}</div>
          <div className="flex justify-end gap-2">
            <Button onClick={() => setOpen(false)}>Cancel</Button>
            <Button type="submit" variant={variant === 'secondary' ? 'primary' : variant} disabled={m.isPending}>
              {m.isPending ? 'Working…' : confirmLabel}
            </Button>
          </div>
        </form>
      </ActionDialog>
    </>
  )
}
