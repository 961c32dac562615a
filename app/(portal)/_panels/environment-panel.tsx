import { connection } from 'next/server'

import { EnvironmentCard } from '@/components/overview/environment-card'
import { getEnvironment } from '@/lib/overview'
import { withRequestFreshness } from '@/lib/queries/prefetch'

/** Static panel: where the portal points and who AWS says it is (changes only with the configuration). */
export async function EnvironmentPanel() {
  await connection()
  return <EnvironmentCard env={await withRequestFreshness(getEnvironment)} />
}
