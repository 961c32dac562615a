'use client'

import './globals.css'

/** Last-resort error page when the root layout itself fails. */
export default function GlobalError({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  console.error(error)
  return (
    <html lang="en">
      <body className="flex min-h-dvh items-center justify-center p-6 font-sans">
        <main role="alert" className="max-w-md space-y-3 text-center">
          <h1 className="text-xl font-semibold">The portal could not be shown</h1>
          <p className="text-muted">An unexpected error occurred. Try again; if it keeps happening, check the portal&apos;s server log.</p>
          {error.digest ? <p className="font-mono text-xs text-muted">Error digest: {error.digest}</p> : null}
          <button type="button" onClick={reset} className="rounded-md border border-border px-3 py-1.5 text-sm">
            Try again
          </button>
        </main>
      </body>
    </html>
  )
}
