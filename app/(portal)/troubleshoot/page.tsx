import type { Metadata } from 'next'

import { ChecksPanel } from './_panels/checks-panel'

export const metadata: Metadata = { title: 'Troubleshoot' }

export default function TroubleshootPage() {
  return (
    <div className="space-y-4">
      <div>
        <h1 className="text-lg font-semibold">Troubleshoot</h1>
        <p className="text-sm text-muted">
          Each check reads the live AWS state and says what it saw and exactly how to fix it. The same checks run in the terminal with{' '}
          <code className="rounded bg-surface-2 px-1">npm run checks</code> and at{' '}
          <code className="rounded bg-surface-2 px-1">GET /api/checks</code>.
        </p>
      </div>
      <ChecksPanel />
    </div>
  )
}
