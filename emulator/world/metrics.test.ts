import { describe, expect, it } from 'vitest'

import { createAlarms, refreshAlarms, thresholdReason } from './alarms'
import { FIVE_XX_SPIKE_TOTAL, healthyMetricEnv, metricEnv, metricValues, spikeWindow, type MetricEnv, type MetricQuery } from './metrics'
import { ALARM_NAMES, DB_INSTANCE, SERVICE_ID, SERVICE_NAME } from './constants'
import { createWorld } from './world'

const NOW = Date.UTC(2026, 10, 28, 12, 7, 30)
const env: MetricEnv = healthyMetricEnv(NOW)
const app = [
  { name: 'ServiceName', value: SERVICE_NAME },
  { name: 'ServiceID', value: SERVICE_ID },
]
const rds = [{ name: 'DBInstanceIdentifier', value: DB_INSTANCE }]
const q = (
  metricName: string,
  stat: string,
  period: number,
  ns = 'AWS/AppRunner',
  dimensions = ns === 'AWS/RDS' ? rds : app,
): MetricQuery => ({
  namespace: ns,
  metricName,
  dimensions,
  stat,
  period,
})
const sec = (ms: number) => Math.floor(ms / 1000)
const end = sec(NOW)

describe('metricValues', () => {
  it('is deterministic and aligned to period boundaries, oldest first, inside [start, end)', () => {
    const a = metricValues(env, q('Requests', 'Sum', 300), end - 3 * 3600, end)
    const b = metricValues(env, q('Requests', 'Sum', 300), end - 3 * 3600, end)
    expect(a).toEqual(b)
    expect(a.timestamps.length).toBeGreaterThanOrEqual(35)
    for (const t of a.timestamps) {
      expect(t % 300).toBe(0)
      expect(t).toBeGreaterThanOrEqual(end - 3 * 3600)
      expect(t).toBeLessThan(end)
    }
    expect([...a.timestamps].sort((x, y) => x - y)).toEqual(a.timestamps)
  })

  it('gives the same value for a bucket whatever window asked for it', () => {
    const wide = metricValues(env, q('CPUUtilization', 'Average', 300, 'AWS/RDS'), end - 24 * 3600, end)
    const narrow = metricValues(env, q('CPUUtilization', 'Average', 300, 'AWS/RDS'), end - 3600, end)
    const t = narrow.timestamps[3]!
    expect(narrow.values[3]).toBe(wide.values[wide.timestamps.indexOf(t)])
  })

  it('scales Sum with the period and keeps Average in range', () => {
    const start = Math.floor((end - 2 * 3600) / 3600) * 3600
    const perMinute = metricValues(env, q('Requests', 'Sum', 60), start, start + 3600)
    const perHour = metricValues(env, q('Requests', 'Sum', 3600), start, start + 3600)
    const total = perMinute.values.reduce((a, b) => a + b, 0)
    expect(perMinute.values).toHaveLength(60)
    expect(perHour.values).toHaveLength(1)
    expect(perHour.values[0]).toBeCloseTo(total, 6)
    const avg = metricValues(env, q('Requests', 'Average', 3600), start, start + 3600)
    expect(avg.values[0]).toBeCloseTo(total / 60, 3)
    const count = metricValues(env, q('Requests', 'SampleCount', 3600), start, start + 3600)
    expect(count.values[0]).toBe(60)
  })

  it('keeps 2xx + 4xx + 5xx equal to Requests', () => {
    const w: [number, number] = [end - 3600, end]
    const sum = (m: string) => metricValues(env, q(m, 'Sum', 300), ...w).values.reduce((a, b) => a + b, 0)
    expect(sum('2xxStatusResponses') + sum('4xxStatusResponses') + sum('5xxStatusResponses')).toBe(sum('Requests'))
  })

  it('matches only the exact dimension set; unknown metrics and sub-minute periods give nothing', () => {
    const w: [number, number] = [end - 3600, end]
    expect(metricValues(env, q('Requests', 'Sum', 60, 'AWS/AppRunner', [app[0]!]), ...w).values).toEqual([])
    expect(metricValues(env, q('Requests', 'Sum', 60, 'AWS/AppRunner', [...app, { name: 'Instance', value: 'i' }]), ...w).values).toEqual(
      [],
    )
    expect(
      metricValues(env, q('Requests', 'Sum', 60, 'AWS/AppRunner', [app[0]!, { name: 'ServiceID', value: 'other' }]), ...w).values,
    ).toEqual([])
    expect(metricValues(env, q('RequestCount', 'Sum', 60), ...w).values).toEqual([])
    expect(metricValues(env, q('Requests', 'Sum', 10), ...w).values).toEqual([])
    expect(metricValues(env, q('Requests', 'Sum', 60, 'AWS/AppRunner', [...app].reverse()), ...w).values).toHaveLength(60)
  })

  it('returns no datapoints in the future or before the resource existed', () => {
    const future = metricValues(env, q('Requests', 'Sum', 60), end, end + 3600)
    expect(future.values).toEqual([])
    const old = metricValues({ ...env, appSince: NOW - 600_000 }, q('Requests', 'Sum', 60), end - 3600, end)
    expect(old.timestamps.length).toBeLessThanOrEqual(10)
  })

  it('shows every metric named in the notes with plausible values', () => {
    const w: [number, number] = [end - 3600, end]
    for (const m of [
      'CPUUtilization',
      'MemoryUtilization',
      'Requests',
      '2xxStatusResponses',
      '4xxStatusResponses',
      '5xxStatusResponses',
      'RequestLatency',
      'ActiveInstances',
      'Concurrency',
    ]) {
      expect(metricValues(env, q(m, 'Average', 300), ...w).values.length, m).toBeGreaterThan(0)
    }
    for (const m of [
      'CPUUtilization',
      'DatabaseConnections',
      'FreeStorageSpace',
      'FreeableMemory',
      'ReadIOPS',
      'WriteIOPS',
      'ReadLatency',
      'WriteLatency',
    ]) {
      expect(metricValues(env, q(m, 'Average', 300, 'AWS/RDS'), ...w).values.length, m).toBeGreaterThan(0)
    }
    const cpu = metricValues(env, q('CPUUtilization', 'Maximum', 300), ...w).values
    expect(Math.max(...cpu)).toBeLessThanOrEqual(100)
    const free = metricValues(env, q('FreeStorageSpace', 'Minimum', 300, 'AWS/RDS'), ...w).values
    expect(Math.min(...free)).toBeGreaterThan(4 * 1024 ** 3)
    expect(Math.max(...free)).toBeLessThan(20 * 1024 ** 3)
  })

  it('puts the recent 5xx spike (sum 12) in the bucket that fired the alarm', () => {
    const spike = spikeWindow(NOW)
    const r = metricValues(env, q('5xxStatusResponses', 'Sum', 300), sec(spike.from), sec(spike.to))
    expect(r.values).toEqual([FIVE_XX_SPIKE_TOTAL])
    const before = metricValues(env, q('5xxStatusResponses', 'Sum', 300), sec(spike.from) - 6 * 3600, sec(spike.from))
    expect(Math.max(...before.values)).toBeLessThanOrEqual(5)
  })

  it('has no RDS datapoints while the DB is stopped, but keeps App Runner data', () => {
    const stoppedAt = NOW - 2 * 3600_000
    const down = { ...env, dbDown: { from: stoppedAt } }
    const r = metricValues(down, q('CPUUtilization', 'Average', 60, 'AWS/RDS'), end - 4 * 3600, end)
    expect(r.timestamps.every((t) => t * 1000 < stoppedAt)).toBe(true)
    expect(r.timestamps.length).toBeGreaterThan(100)
    expect(metricValues(down, q('Requests', 'Sum', 60), end - 3600, end).values).toHaveLength(60)
  })

  it('raises 5xx and drops active instances while the app is unhealthy', () => {
    const from = NOW - 30 * 60_000
    const sick = { ...env, unhealthy: { from } }
    const w: [number, number] = [sec(from) + 60, end]
    const fivexx = metricValues(sick, q('5xxStatusResponses', 'Sum', 60), ...w).values
    const reqs = metricValues(sick, q('Requests', 'Sum', 60), ...w).values
    expect(fivexx.reduce((a, b) => a + b, 0)).toBeGreaterThan(0.85 * reqs.reduce((a, b) => a + b, 0))
    expect(metricValues(sick, q('ActiveInstances', 'Minimum', 60), ...w).values.every((v) => v === 0)).toBe(true)
  })

  it('has no App Runner data while the service is paused', () => {
    const paused = { ...env, paused: { from: NOW - 3600_000 } }
    expect(metricValues(paused, q('Requests', 'Sum', 60), end - 1800, end).values).toEqual([])
  })
})

describe('createAlarms', () => {
  const alarms = createAlarms(NOW)
  const byName = (n: string) => alarms.find((a) => a.name === n)!

  it('creates the four planned alarms with AWS dimensions and thresholds', () => {
    expect(alarms.map((a) => a.name).sort()).toEqual(Object.values(ALARM_NAMES).sort())
    expect(byName(ALARM_NAMES.fiveXx).dimensions).toEqual(app)
    expect(byName(ALARM_NAMES.healthCheck).dimensions).toEqual(app)
    expect(byName(ALARM_NAMES.rdsCpu)).toMatchObject({
      namespace: 'AWS/RDS',
      metricName: 'CPUUtilization',
      threshold: 80,
      comparison: 'GreaterThanThreshold',
      dimensions: rds,
    })
    expect(byName(ALARM_NAMES.rdsStorage)).toMatchObject({
      metricName: 'FreeStorageSpace',
      threshold: 4 * 1024 ** 3,
      comparison: 'LessThanThreshold',
    })
    expect(byName(ALARM_NAMES.fiveXx)).toMatchObject({ metricName: '5xxStatusResponses', statistic: 'Sum', threshold: 5 })
  })

  it('has the 5xx alarm in ALARM on the recent spike and the others OK, each with a history', () => {
    const fivexx = byName(ALARM_NAMES.fiveXx)
    expect(fivexx.state).toBe('ALARM')
    expect(fivexx.reason).toMatch(
      /^Threshold Crossed: 1 out of the last 1 datapoints \[12\.0 \(\d\d\/\d\d\/\d\d \d\d:\d\d:\d\d\)\] was greater than the threshold \(5\.0\)/,
    )
    expect(fivexx.stateUpdatedAt).toBeLessThanOrEqual(NOW)
    expect(NOW - fivexx.stateUpdatedAt).toBeLessThan(10 * 60_000)
    for (const a of alarms) {
      if (a.name !== ALARM_NAMES.fiveXx) expect(a.state).toBe('OK')
      expect(a.history.length).toBeGreaterThanOrEqual(2)
      expect(a.history.map((h) => h.time)).toEqual([...a.history.map((h) => h.time)].sort((x, y) => y - x))
      expect(a.arn).toBe(`arn:aws:cloudwatch:eu-central-1:082609687527:alarm:${a.name}`)
    }
    expect(byName(ALARM_NAMES.rdsStorage).reason).toMatch(/E10\b/)
  })
})

describe('refreshAlarms', () => {
  it('fires the health-check alarm after its window of unhealthiness and clears it on recovery', () => {
    const alarms = createAlarms(NOW)
    const from = NOW - 10 * 60_000
    refreshAlarms(alarms, { ...env, unhealthy: { from } })
    const hc = alarms.find((a) => a.name === ALARM_NAMES.healthCheck)!
    expect(hc.state).toBe('ALARM')
    expect(hc.stateUpdatedAt).toBe(from + 3 * 60_000)
    expect(hc.history[0]!.summary).toBe('Alarm updated from OK to ALARM')
    refreshAlarms(alarms, { ...env, unhealthy: { from } })
    expect(hc.history.filter((h) => h.summary === 'Alarm updated from OK to ALARM')).toHaveLength(1)
    refreshAlarms(alarms, env)
    expect(hc.state).toBe('OK')
  })

  it('moves the RDS alarms to INSUFFICIENT_DATA while the DB is stopped', () => {
    const alarms = createAlarms(NOW)
    refreshAlarms(alarms, { ...env, dbDown: { from: NOW - 2 * 86_400_000 } })
    expect(alarms.filter((a) => a.namespace === 'AWS/RDS').every((a) => a.state === 'INSUFFICIENT_DATA')).toBe(true)
    expect(alarms.find((a) => a.name === ALARM_NAMES.fiveXx)!.state).toBe('ALARM')
    refreshAlarms(alarms, env)
    expect(alarms.filter((a) => a.namespace === 'AWS/RDS').every((a) => a.state === 'OK')).toBe(true)
  })
})

describe('thresholdReason', () => {
  it('writes reasons the way CloudWatch does', () => {
    const t = Date.UTC(2026, 10, 28, 3, 10, 0)
    expect(thresholdReason({ comparison: 'GreaterThanThreshold', threshold: 5 }, [{ t, v: 12 }], true)).toBe(
      'Threshold Crossed: 1 out of the last 1 datapoints [12.0 (28/11/26 03:10:00)] was greater than the threshold (5.0) (minimum 1 datapoint for OK -> ALARM transition).',
    )
  })
})

describe('metricEnv', () => {
  it('dates the outage from the shutdown event while the DB is stopping', () => {
    const world = createWorld({ now: NOW })
    const stopAt = NOW - 60_000
    world.db.status = 'stopping'
    world.db.events.push({ date: stopAt, message: 'DB instance shutdown', categories: ['notification'] })
    const e = metricEnv(world, NOW, { ok: false })
    expect(e.dbDown).toEqual({ from: stopAt })
    expect(e.unhealthy).toEqual({ from: stopAt })
    expect(metricEnv(createWorld({ now: NOW }), NOW, { ok: true })).toMatchObject({ dbDown: undefined, unhealthy: undefined })
  })
})
