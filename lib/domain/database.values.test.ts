import { describe, expect, it } from 'vitest'

import { canPowerDatabase, databasePower, isDbStoppedOrStopping, isDbTransitioning } from '@/lib/domain/database.values'

describe('database power changes', () => {
  it('stops only from available and starts only from stopped (what RDS accepts)', () => {
    expect(canPowerDatabase('available', 'stop')).toBe(true)
    expect(canPowerDatabase('starting', 'stop')).toBe(false)
    expect(canPowerDatabase('stopped', 'start')).toBe(true)
    expect(canPowerDatabase('stopping', 'start')).toBe(false)
  })
  it('passes through a transitional state on the way', () => {
    for (const p of Object.values(databasePower)) expect(isDbTransitioning(p.via)).toBe(true)
  })
  it('counts stopped and stopping as not running', () => {
    expect(['stopped', 'stopping', 'available', 'starting'].map(isDbStoppedOrStopping)).toEqual([true, true, false, false])
  })
})
