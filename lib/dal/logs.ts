import 'server-only'

import { listLogEvents as readLogEvents, type ListLogEventsInput } from '@/lib/aws/logs'
import { runtime } from '@/lib/aws/runtime'
import { appError } from '@/lib/domain/errors'
import { overlapsKnownSecret } from '@/lib/redact'
import { err } from '@/lib/result'

import { authorized } from './access'

/**
 * One page of the service's log events (messages redacted). A filter pattern that holds four or
 * more consecutive characters of a secret the portal redacts is refused: otherwise whether a pattern
 * matches would tell a viewer, character by character, what the redaction hides. Role: viewer.
 */
export const listLogEvents = authorized('viewer', async (input: ListLogEventsInput) => {
  if (input.filter) {
    // The service's environment is where most secrets are learned; read it (cached) before judging a filter.
    await runtime.getService()
    if (overlapsKnownSecret(input.filter))
      return err(
        appError('invalid_input', 'This filter pattern contains part of a value the portal keeps secret, so it is refused.', {
          hint: 'Search for other words; secrets in log lines are shown as ****.',
        }),
      )
  }
  return readLogEvents(input)
})
