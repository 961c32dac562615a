import 'server-only'

import type { Setup } from '@/lib/domain/setup'
import { ok, type Result } from '@/lib/result'

import { readSetup } from './read'
import { setupSteps } from './steps'

/**
 * The AWS setup's seven steps read live (`GET /api/setup`, the setup page, the overview's setup card).
 * Never fails as a whole: a step whose reads failed is `unknown` with the error.
 */
export async function getSetup(): Promise<Result<Setup>> {
  const evidence = await readSetup()
  return ok({ steps: setupSteps(evidence), fetchedAt: evidence.now.toISOString() })
}
