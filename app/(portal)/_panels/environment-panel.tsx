import { connection } from 'next/server'

import { EnvironmentCard } from '@/components/overview/environment-card'
import { PanelError } from '@/components/panel/panel-error'
import { getEnvironment } from '@/lib/dal/overview'
import { withRequestFreshness } from '@/lib/queries/prefetch'

/** Static panel: where the portal points and who AWS says it is (changes only with the configuration). */
export async function EnvironmentPanel() {
  await connection()
  const env = await withRequestFreshness(getEnvironment)
  return env.ok ? <EnvironmentCard env={env.data} /> : <PanelError error={env.error} />
}
