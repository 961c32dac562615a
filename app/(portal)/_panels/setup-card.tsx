import { connection } from 'next/server'
import { HydrationBoundary } from '@tanstack/react-query'

import { SetupSummary } from '@/components/setup/setup-summary'
import { Card, CardBody } from '@/components/ui/card'
import { getSetup, setupLooksIncomplete } from '@/lib/dal/setup'
import { setupProgress } from '@/lib/domain/setup.values'
import { dehydrateForClient, serverQueryClient, withRequestFreshness } from '@/lib/queries/prefetch'
import { setupQuery } from '@/lib/queries/setup'

/**
 * The overview's first card while the AWS setup is incomplete ("Setup: 3 of 7 steps done", the next
 * step, a link to /setup); nothing once every step is done. The whole setup (IAM, CloudTrail, a
 * health probe: several rounds of calls) is read only when the overview's own reads show a missing
 * service, database or alarm, so the overview of a finished account costs no more for the card.
 */
export async function SetupCard() {
  await connection()
  const incomplete = await withRequestFreshness(setupLooksIncomplete)
  if (!incomplete.ok || !incomplete.data) return null
  const setup = await withRequestFreshness(getSetup)
  if (!setup.ok || setupProgress(setup.data.steps.map((s) => s.status)).complete) return null
  const qc = serverQueryClient()
  qc.setQueryData(setupQuery().queryKey, setup.data)
  return (
    <Card aria-label="Setup" className="border-accent/40">
      <CardBody>
        <HydrationBoundary state={dehydrateForClient(qc)}>
          <SetupSummary />
        </HydrationBoundary>
      </CardBody>
    </Card>
  )
}
