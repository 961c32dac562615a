'use client'

import { Button } from '@/components/ui/button'
import { toPanelError } from '@/lib/queries/fetcher'
import { cn } from '@/lib/utils'

/**
 * An expected failure shown inside its panel: what happened, what to do, the HTTP status of the
 * answer, the AWS error code and request id (for support), and a Retry button. The rest of the page
 * is unaffected.
 */
export function PanelError({
  error,
  onRetry,
  isRetrying = false,
  className,
}: {
  /** An AppError, a QueryError, or anything thrown (shown generically). */
  error: unknown
  onRetry?: () => void
  isRetrying?: boolean
  className?: string
}) {
  const e = toPanelError(error)
  return (
    <div role="alert" className={cn('rounded-md border border-tone-bad/40 bg-tone-bad/10 p-3 text-sm', className)}>
      <p className="font-medium text-tone-bad">{e.message}</p>
      {e.hint ? <p className="mt-1 text-fg">{e.hint}</p> : null}
      <dl className="mt-2 flex flex-wrap gap-x-4 gap-y-1 font-mono text-xs text-muted">
        <div>
          <dt className="inline">Code: </dt>
          <dd className="inline">{e.code}</dd>
        </div>
        {e.httpStatus !== undefined ? (
          <div>
            <dt className="inline">HTTP status: </dt>
            <dd className="inline">{e.httpStatus}</dd>
          </div>
        ) : null}
        {e.awsCode ? (
          <div>
            <dt className="inline">AWS error: </dt>
            <dd className="inline">{e.awsCode}</dd>
          </div>
        ) : null}
        {e.requestId ? (
          <div>
            <dt className="inline">Request id: </dt>
            <dd className="inline select-all">{e.requestId}</dd>
          </div>
        ) : null}
      </dl>
      {onRetry ? (
        <Button size="sm" className="mt-3" onClick={onRetry} disabled={isRetrying} aria-busy={isRetrying}>
          {isRetrying ? 'Retrying…' : 'Retry'}
        </Button>
      ) : null}
    </div>
  )
}
