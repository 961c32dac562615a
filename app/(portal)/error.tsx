'use client'

import { useEffect } from 'react'

import { Button } from '@/components/ui/button'

/** A page-level failure outside any panel: the shell and navigation stay usable. */
export default function PortalError({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  useEffect(() => {
    console.error(error)
  }, [error])
  return (
    <div role="alert" className="mx-auto max-w-lg space-y-3 rounded-lg border border-tone-bad/40 bg-tone-bad/10 p-4">
      <h1 className="font-semibold">This page could not be shown</h1>
      <p className="text-sm">An unexpected error occurred. The other pages still work.</p>
      {error.digest ? <p className="font-mono text-xs text-muted">Error digest: {error.digest}</p> : null}
      <Button onClick={reset}>Retry</Button>
    </div>
  )
}
