import Link from 'next/link'

import { setupStepHref, setupStepIds, setupStepTitles } from '@/lib/domain/setup.values'
import { linkClasses } from '@/components/ui/link'

/** What the alarm panels say while the account has no alarm: a state of the setup, with the step that creates them. */
export function NoAlarmsYet() {
  return (
    <div role="status" data-testid="no-alarms-yet" className="space-y-1 rounded-md border border-dashed border-border p-3 text-sm">
      <p className="font-medium">
        No CloudWatch alarms yet <span className="font-normal text-muted">— not created yet.</span>
      </p>
      <p className="text-muted">
        The setup plans four. Setup step {setupStepIds.indexOf('alarms') + 1},{' '}
        <Link href={setupStepHref('alarms')} className={linkClasses()}>
          {setupStepTitles.alarms}
        </Link>
        , creates them with one click.
      </p>
    </div>
  )
}
