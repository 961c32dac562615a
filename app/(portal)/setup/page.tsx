import type { Metadata } from 'next'

import { SetupStepsSkeleton } from '@/components/setup/setup-steps'
import { Panel } from '@/components/panel/panel'

import { SetupPanel } from './_panels/setup-panel'

export const metadata: Metadata = { title: 'Setup' }

/** The AWS setup document's steps, made live: what is done, what runs, what is next and exactly how. */
export default function SetupPage() {
  return (
    <div className="space-y-4">
      <div>
        <h1 className="text-lg font-semibold">Setup</h1>
        <p className="text-sm text-muted">
          The AWS setup of AppFactory, step by step as its setup document plans it, read live from AWS: each step says where it stands, what
          AWS answered, and exactly what to do next. The same steps are at <code className="rounded bg-surface-2 px-1">GET /api/setup</code>
          .
        </p>
      </div>
      <Panel title="Steps" fallback={<SetupStepsSkeleton />}>
        <SetupPanel />
      </Panel>
    </div>
  )
}
