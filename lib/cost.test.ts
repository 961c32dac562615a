import { describe, expect, it } from 'vitest'

import { averageActiveInstances, type CostInput, estimateMonthlyCost, parseMemoryGb, parseVcpu, seedEstimate } from '@/lib/cost'

const seedAppRunner = { cpu: '1024', memory: '2048', minSize: 1, averageActiveInstances: null, isPaused: false }
const seedDb = { instanceClass: 'db.t4g.micro', allocatedStorageGb: 20, storageType: 'gp2', multiAz: false, isStopped: false }
const seedConfig: CostInput = { region: 'eu-central-1', appRunner: seedAppRunner, database: seedDb }

const line = (e: ReturnType<typeof estimateMonthlyCost>, id: string) => e.lines.find((l) => l.id === id)

describe('parseVcpu / parseMemoryGb', () => {
  it.each([
    ['1024', 1],
    ['256', 0.25],
    ['1 vCPU', 1],
    ['0.25 vCPU', 0.25],
    ['2 VCPU', 2],
    ['lots', null],
    [null, null],
  ])('cpu %s → %s', (cpu, want) => expect(parseVcpu(cpu)).toBe(want))

  it.each([
    ['2048', 2],
    ['512', 0.5],
    ['2 GB', 2],
    ['0.5 GB', 0.5],
    ['', null],
    [null, null],
  ])('memory %s → %s', (mem, want) => expect(parseMemoryGb(mem)).toBe(want))
})

describe('estimateMonthlyCost', () => {
  it('prices the documented configuration inside the documented estimate', () => {
    const e = estimateMonthlyCost(seedConfig)
    expect(line(e, 'rds-instance')?.monthly).toEqual({ low: 13.87, high: 13.87 })
    expect(line(e, 'rds-storage')?.monthly).toEqual({ low: 2.74, high: 2.74 })
    expect(line(e, 'apprunner-memory')?.monthly).toEqual({ low: 13.14, high: 13.14 })
    expect(line(e, 'apprunner-compute')?.monthly.low).toBe(0)
    expect(line(e, 'apprunner-compute')?.monthly.high).toBeCloseTo(9.86, 2)
    expect(e.total.low).toBeGreaterThanOrEqual(seedEstimate.low)
    expect(e.total.high).toBeLessThanOrEqual(seedEstimate.high)
    expect(e.unpriced).toEqual([])
    expect(e.isOtherRegion).toBe(false)
  })

  it('uses measured active instances as the upper bound of compute', () => {
    const e = estimateMonthlyCost({ ...seedConfig, appRunner: { ...seedAppRunner, averageActiveInstances: 0.5 } })
    expect(line(e, 'apprunner-compute')?.monthly).toEqual({ low: 0, high: 29.57 })
  })

  it('charges no instance hours for a stopped database but keeps storage', () => {
    const e = estimateMonthlyCost({ ...seedConfig, database: { ...seedDb, isStopped: true } })
    expect(line(e, 'rds-instance')?.monthly).toEqual({ low: 0, high: 0 })
    expect(line(e, 'rds-storage')?.monthly.low).toBe(2.74)
  })

  it('doubles instance and storage for Multi-AZ', () => {
    const e = estimateMonthlyCost({ ...seedConfig, database: { ...seedDb, multiAz: true } })
    expect(line(e, 'rds-instance')?.monthly.low).toBe(27.74)
    expect(line(e, 'rds-storage')?.monthly.low).toBe(5.48)
  })

  it('charges nothing for a paused service', () => {
    const e = estimateMonthlyCost({ ...seedConfig, appRunner: { ...seedAppRunner, isPaused: true } })
    expect(e.lines.filter((l) => l.id.startsWith('apprunner')).map((l) => l.monthly)).toEqual([{ low: 0, high: 0 }])
  })

  it('scales memory with provisioned instances and size', () => {
    const e = estimateMonthlyCost({ ...seedConfig, appRunner: { ...seedAppRunner, memory: '4 GB', minSize: 2 } })
    expect(line(e, 'apprunner-memory')?.monthly.low).toBe(52.56)
  })

  it('lists what it cannot price instead of guessing', () => {
    const e = estimateMonthlyCost({
      region: 'us-east-1',
      appRunner: { cpu: null, memory: '2048', minSize: 1, averageActiveInstances: null, isPaused: false },
      database: { instanceClass: 'db.x9.huge', allocatedStorageGb: null, storageType: 'gp3', multiAz: false, isStopped: false },
    })
    expect(e.lines).toEqual([])
    expect(e.total).toEqual({ low: 0, high: 0 })
    expect(e.unpriced).toEqual(['App Runner (CPU/memory not known)', 'RDS instance class db.x9.huge', 'RDS storage (size not known)'])
    expect(e.isOtherRegion).toBe(true)
  })

  it('adds ECR storage when the image sizes are known', () => {
    const e = estimateMonthlyCost({ ...seedConfig, ecrStorageBytes: 5 * 1024 ** 3 })
    expect(line(e, 'ecr-storage')?.monthly.low).toBe(0.5)
  })

  it('skips parts that are not given', () => {
    expect(estimateMonthlyCost({ region: 'eu-central-1', appRunner: null, database: null }).lines).toEqual([])
  })
})

describe('averageActiveInstances', () => {
  const metrics = (points: number[], id = 'service.instances') => ({
    range: '1h' as const,
    periodSeconds: 60,
    start: '2026-03-01T11:00:00Z',
    end: '2026-03-01T12:00:00Z',
    fetchedAt: '2026-03-01T12:00:00Z',
    sources: { service: { fetchedAt: '2026-03-01T12:00:00Z' }, database: { fetchedAt: '2026-03-01T12:00:00Z' } },
    series: [
      {
        id,
        source: 'service' as const,
        label: 'x',
        namespace: 'AWS/AppRunner',
        metricName: 'ActiveInstances',
        stat: 'Average',
        unit: 'Count',
        points: points.map((v, i) => ({ t: `2026-03-01T11:0${i}:00Z`, v })),
      },
    ],
  })
  it('averages the ActiveInstances datapoints', () => expect(averageActiveInstances(metrics([0, 1, 1, 2]))).toBe(1))
  it('is null without datapoints or series', () => {
    expect(averageActiveInstances(metrics([]))).toBeNull()
    expect(averageActiveInstances(metrics([1], 'service.requests'))).toBeNull()
    expect(averageActiveInstances(null)).toBeNull()
  })
})
