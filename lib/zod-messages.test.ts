import { describe, expect, it } from 'vitest'

import './zod-messages'
import { logsInputSchema } from '@/lib/domain/logs'
import { alarmNameSchema } from '@/lib/domain/metrics'

describe('zod messages on the server', () => {
  it('gives zod/mini schemas the English default messages', () => {
    const r = alarmNameSchema.safeParse('x'.repeat(256))
    expect(!r.success && r.error.issues[0]?.message).toBe('Too big: expected string to have <=255 characters')
  })

  it('keeps messages a schema spells out', () => {
    const r = logsInputSchema.safeParse({ filter: 'x'.repeat(1025) })
    expect(!r.success && r.error.issues[0]?.message).toBe('A filter pattern has at most 1024 characters.')
  })
})
