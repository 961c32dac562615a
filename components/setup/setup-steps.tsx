'use client'

import { useQuery } from '@tanstack/react-query'

import { QueryView } from '@/components/panel/query-view'
import { DescriptionList } from '@/components/ui/description-list'
import { SkeletonLines } from '@/components/ui/skeleton'
import type { SetupStep } from '@/lib/domain/setup'
import { setupProgress, setupStepIds, setupStepTitles } from '@/lib/domain/setup.values'
import { setupQuery } from '@/lib/queries/setup'

import { AlarmsCreator } from './alarms-creator'
import { StepAction, StepProgress, StepStatusBadge } from './step-parts'
import { linkClasses } from '@/components/ui/link'

export function SetupStepsSkeleton() {
  return <SkeletonLines lines={12} />
}

function StepCard({ step, index }: { step: SetupStep; index: number }) {
  const titleId = `${step.id}-title`
  return (
    <li
      id={step.id}
      aria-labelledby={titleId}
      data-testid={`step-${step.id}`}
      data-status={step.status}
      className="scroll-mt-20 space-y-3 py-5 wrap-anywhere"
    >
      <div className="flex flex-wrap items-center gap-x-3 gap-y-1">
        <span
          aria-hidden
          className="flex size-7 items-center justify-center rounded-full border border-border text-sm font-semibold tabular-nums"
        >
          {index + 1}
        </span>
        <h2 id={titleId} className="text-base font-semibold">
          {step.title}
        </h2>
        <StepStatusBadge status={step.status} />
      </div>
      <p className="text-sm">
        {step.summary}
        {step.blockedBy ? (
          <span className="text-muted">
            {' '}
            (after step {setupStepIds.indexOf(step.blockedBy) + 1},{' '}
            <a href={`#${step.blockedBy}`} className={linkClasses()}>
              {setupStepTitles[step.blockedBy]}
            </a>
            )
          </span>
        ) : null}
      </p>
      {step.progress && step.status === 'in-progress' ? <StepProgress progress={step.progress} /> : null}
      {step.evidence.length > 0 ? (
        <details open={step.status !== 'done'} className="text-sm">
          <summary className="min-h-6 cursor-pointer py-1 text-xs text-muted">What AWS says</summary>
          <DescriptionList
            className="mt-2"
            items={step.evidence.map((e) => ({ label: e.label, value: <span className="break-all">{e.value}</span> }))}
          />
        </details>
      ) : null}
      {step.action ? <StepAction action={step.action} /> : null}
      {/* Stays once the alarms exist: the result of the click that completed the step remains readable. */}
      {step.id === 'alarms' ? <AlarmsCreator /> : null}
    </li>
  )
}

/** The setup's steps in order, each with its status, evidence and exactly what to do; live. */
export function SetupSteps() {
  const query = useQuery(setupQuery())
  return (
    <QueryView query={query} skeleton={<SetupStepsSkeleton />}>
      {(setup) => {
        const progress = setupProgress(setup.steps.map((s) => s.status))
        return (
          <div className="space-y-2">
            <p className="text-sm" data-testid="setup-progress">
              <span className="font-semibold">
                {progress.done} of {progress.total} steps done
              </span>
              {progress.complete ? ' — the setup is complete.' : ''}
            </p>
            <ol aria-label="Setup steps, in order" className="divide-y divide-border">
              {setup.steps.map((s, i) => (
                <StepCard key={s.id} step={s} index={i} />
              ))}
            </ol>
          </div>
        )
      }}
    </QueryView>
  )
}
