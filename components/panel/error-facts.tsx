'use client'

import type { AppError } from '@/lib/domain/errors'
import { cn } from '@/lib/utils'

/** The one-line facts of an error: code, HTTP status, request id. */
export function ErrorFacts({ error, className }: { error: AppError; className?: string }) {
  const facts = [
    error.awsCode ?? error.code,
    error.httpStatus !== undefined ? `HTTP ${error.httpStatus}` : null,
    error.requestId ? `request id ${error.requestId}` : null,
  ].filter((f): f is string => f !== null)
  return <p className={cn('font-mono text-xs break-all text-muted', className)}>{facts.join(' · ')}</p>
}
