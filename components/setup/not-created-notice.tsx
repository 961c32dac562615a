import Link from 'next/link'

import { setupStepHref, setupStepIds, setupStepTitles, type NotCreated } from '@/lib/domain/setup.values'
import { linkClasses } from '@/components/ui/link'

/**
 * What a panel shows when its subject does not exist yet: calm (neutral, not an error), what is
 * missing, and the setup step that creates it, linked.
 */
export function NotCreatedNotice({ value, detail }: { value: NotCreated; detail?: string }) {
  const index = setupStepIds.indexOf(value.step) + 1
  return (
    <div role="status" data-testid="not-created" className="space-y-1 rounded-md border border-dashed border-border p-3 text-sm">
      <p className="font-medium">
        {value.resource} <span className="font-normal text-muted">— not created yet.</span>
      </p>
      {detail ? <p className="text-muted">{detail}</p> : null}
      <p className="text-muted">
        Setup step {index},{' '}
        <Link href={setupStepHref(value.step)} className={linkClasses()}>
          {setupStepTitles[value.step]}
        </Link>
        , creates it.
      </p>
    </div>
  )
}
