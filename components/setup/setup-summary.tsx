'use client'

import Link from 'next/link'
import { useQuery } from '@tanstack/react-query'

import { setupProgress, setupStepHref } from '@/lib/domain/setup.values'
import { setupQuery } from '@/lib/queries/setup'

import { StepStatusBadge } from './step-parts'

/** The overview's setup card: how far the setup is, and the next step to take (live). */
export function SetupSummary() {
  const { data } = useQuery(setupQuery())
  if (!data) return null
  const progress = setupProgress(data.steps.map((s) => s.status))
  const next = data.steps.find((s) => s.status !== 'done')
  return (
    <div className="flex flex-wrap items-center justify-between gap-3">
      <div className="space-y-1">
        <p className="text-base font-semibold" data-testid="setup-card-progress">
          Setup: {progress.done} of {progress.total} steps done
        </p>
        {next ? (
          <p className="flex flex-wrap items-center gap-2 text-sm wrap-anywhere text-muted">
            Next: {next.title} <StepStatusBadge status={next.status} /> — {next.summary}
          </p>
        ) : (
          <p className="text-sm text-muted">Every step of the AWS setup is done.</p>
        )}
      </div>
      <Link
        href={next ? setupStepHref(next.id) : '/setup'}
        className="rounded-md bg-accent px-3 py-1.5 text-sm font-medium text-accent-fg hover:opacity-90 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-focus"
      >
        {next ? 'Continue the setup' : 'See the setup'}
      </Link>
    </div>
  )
}
