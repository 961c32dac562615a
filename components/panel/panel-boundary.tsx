'use client'

import { Component, type ReactNode, Suspense, useTransition } from 'react'
import { useRouter } from 'next/navigation'

import { Button } from '@/components/ui/button'

type BoundaryProps = { children: ReactNode; fallback: ReactNode; title?: string }

/**
 * A client error boundary around `<Suspense>`: an unexpected throw while rendering or loading one
 * panel is contained there (generic message, error digest, Retry), and slow panels stream in alone.
 */
export function PanelBoundary({ children, fallback, title }: BoundaryProps) {
  return (
    <ErrorBoundary title={title}>
      <Suspense fallback={fallback}>{children}</Suspense>
    </ErrorBoundary>
  )
}

type State = { error: (Error & { digest?: string }) | null }

class ErrorBoundary extends Component<{ children: ReactNode; title?: string }, State> {
  override state: State = { error: null }

  static getDerivedStateFromError(error: Error): State {
    return { error }
  }

  override componentDidCatch(error: Error) {
    console.error(`Panel ${this.props.title ?? ''} failed to render`, error)
  }

  override render() {
    if (this.state.error) return <BoundaryFallback digest={this.state.error.digest} onReset={() => this.setState({ error: null })} />
    return this.props.children
  }
}

function BoundaryFallback({ digest, onReset }: { digest?: string; onReset: () => void }) {
  const router = useRouter()
  const [isPending, startTransition] = useTransition()
  const handleRetry = () =>
    startTransition(() => {
      router.refresh()
      onReset()
    })
  return (
    <div role="alert" className="rounded-md border border-tone-bad/40 bg-tone-bad/10 p-3 text-sm">
      <p className="font-medium text-tone-bad">This panel could not be shown.</p>
      <p className="mt-1">An unexpected error occurred while loading it. The rest of the page is unaffected.</p>
      {digest ? <p className="mt-2 font-mono text-xs text-muted">Error digest: {digest}</p> : null}
      <Button size="sm" className="mt-3" onClick={handleRetry} disabled={isPending}>
        {isPending ? 'Retrying…' : 'Retry'}
      </Button>
    </div>
  )
}
