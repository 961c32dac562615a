/**
 * Estimated monthly cost of the AppFactory environment, computed from its real configuration.
 * Pure: no I/O. Prices are on-demand list prices for eu-central-1 (Europe, Frankfurt) in USD,
 * kept here as reference constants — check them against the pricing pages when AWS changes them:
 * - App Runner:  https://aws.amazon.com/apprunner/pricing/
 * - RDS for PostgreSQL (Single-AZ, on-demand; Multi-AZ bills the standby too):
 *                https://aws.amazon.com/rds/postgresql/pricing/
 * - ECR storage: https://aws.amazon.com/ecr/pricing/
 * Data transfer and CloudWatch are left out (small at this scale and usage-dependent).
 */

import type { Database } from '@/lib/domain/database'
import { isDbStoppedOrStopping } from '@/lib/domain/database.values'
import type { Metrics } from '@/lib/domain/metrics'
import { serviceSeriesId } from '@/lib/domain/metrics.values'
import type { Service } from '@/lib/domain/service'

export const HOURS_PER_MONTH = 730

export const priceRegion = 'eu-central-1'

export const prices = {
  appRunner: {
    /** Active container instance compute, per vCPU-hour. */
    vcpuHour: 0.081,
    /** Provisioned and active memory, per GB-hour. */
    memoryGbHour: 0.009,
  },
  /** RDS for PostgreSQL, Single-AZ, per instance-hour. */
  rdsInstanceHour: {
    'db.t3.micro': 0.021,
    'db.t3.small': 0.041,
    'db.t3.medium': 0.082,
    'db.t3.large': 0.164,
    'db.t4g.micro': 0.019,
    'db.t4g.small': 0.037,
    'db.t4g.medium': 0.074,
    'db.t4g.large': 0.148,
    'db.m5.large': 0.214,
    'db.m6g.large': 0.194,
    'db.m7g.large': 0.205,
    'db.r6g.large': 0.283,
  } as Readonly<Record<string, number>>,
  /** RDS storage per GB-month by storage type. */
  rdsStorageGbMonth: { gp2: 0.137, gp3: 0.137, standard: 0.116, io1: 0.149, io2: 0.149 } as Readonly<Record<string, number>>,
  /** ECR private repository storage per GB-month. */
  ecrStorageGbMonth: 0.1,
} as const

/** A price table of the shape above (the built-in one, or with PORTAL_PRICES applied). */
export type PriceTable = {
  appRunner: { vcpuHour: number; memoryGbHour: number }
  rdsInstanceHour: Readonly<Record<string, number>>
  rdsStorageGbMonth: Readonly<Record<string, number>>
  ecrStorageGbMonth: number
}

/** Where the built-in prices come from, and when they were last compared with AWS's pricing pages. */
export const pricesSource = `AWS on-demand list prices, ${priceRegion} (App Runner, RDS for PostgreSQL and ECR pricing pages)`
export const pricesAsOf = '2026-11-28'

/** Prices that replace the built-in ones (PORTAL_PRICES), with where they come from. */
export type PriceOverrides = {
  source?: string
  asOf?: string
  appRunner?: { vcpuHour?: number; memoryGbHour?: number }
  rdsInstanceHour?: Record<string, number>
  rdsStorageGbMonth?: Record<string, number>
  ecrStorageGbMonth?: number
}

/** The price table in force: the built-in one with any overrides applied, and its source and date. */
export function effectivePrices(o?: PriceOverrides): { table: PriceTable; source: string; asOf: string; overridden: boolean } {
  if (!o) return { table: prices, source: pricesSource, asOf: pricesAsOf, overridden: false }
  return {
    table: {
      appRunner: { ...prices.appRunner, ...o.appRunner },
      rdsInstanceHour: { ...prices.rdsInstanceHour, ...o.rdsInstanceHour },
      rdsStorageGbMonth: { ...prices.rdsStorageGbMonth, ...o.rdsStorageGbMonth },
      ecrStorageGbMonth: o.ecrStorageGbMonth ?? prices.ecrStorageGbMonth,
    },
    source: o.source ?? `${pricesSource}, with PORTAL_PRICES overrides`,
    asOf: o.asOf ?? pricesAsOf,
    overridden: true,
  }
}

/**
 * Without a measured number of active App Runner instances, the estimate assumes low traffic: the
 * provisioned instances are active between 0 and 4 hours a day (the documented setup's "low traffic" case).
 */
export const assumedActiveHoursPerDay = { low: 0, high: 4 } as const

/** The documented setup's hand-made estimate, for comparison (docs/aws-setup.md). */
export const seedEstimate = { low: 27, high: 56 } as const

export type CostInput = {
  region: string
  appRunner: {
    /** App Runner `Cpu`, e.g. "1024" or "1 vCPU". */
    cpu: string | null
    /** App Runner `Memory`, e.g. "2048" or "2 GB". */
    memory: string | null
    /** Provisioned instances (auto scaling MinSize; App Runner's default is 1). */
    minSize: number | null
    /** Average active instances over a recent window (CloudWatch ActiveInstances), when known. */
    averageActiveInstances: number | null
    isPaused: boolean
  } | null
  database: {
    instanceClass: string
    allocatedStorageGb: number | null
    storageType: string | null
    multiAz: boolean
    isStopped: boolean
  } | null
  /** Total size of the images in ECR, when known. */
  ecrStorageBytes?: number | null
}

export type Range = { low: number; high: number }

export type CostLine = {
  id: 'apprunner-memory' | 'apprunner-compute' | 'rds-instance' | 'rds-storage' | 'ecr-storage'
  label: string
  /** How the amount was computed, in words. */
  basis: string
  monthly: Range
}

export type CostEstimate = {
  lines: CostLine[]
  total: Range
  /** Parts that could not be priced (unknown instance class, missing configuration). */
  unpriced: string[]
  /** True when the resources are not in the region the price table is for. */
  isOtherRegion: boolean
}

/** "1024" (App Runner CPU units) or "1 vCPU" / "0.25 vCPU" → vCPUs. */
export function parseVcpu(cpu: string | null): number | null {
  if (!cpu) return null
  const m = cpu.trim().match(/^(\d+(?:\.\d+)?)\s*(vcpu)?$/i)
  if (!m?.[1]) return null
  const n = Number(m[1])
  return m[2] ? n : n / 1024
}

/** "2048" (MB) or "2 GB" / "0.5 GB" → GB. */
export function parseMemoryGb(memory: string | null): number | null {
  if (!memory) return null
  const m = memory.trim().match(/^(\d+(?:\.\d+)?)\s*(gb)?$/i)
  if (!m?.[1]) return null
  const n = Number(m[1])
  return m[2] ? n : n / 1024
}

const round2 = (n: number) => Math.round(n * 100) / 100
const fixed = (n: number): Range => ({ low: round2(n), high: round2(n) })

/** The monthly estimate for a configuration, line by line, as a low–high range (at `table`'s prices). */
export function estimateMonthlyCost(input: CostInput, table: PriceTable = prices): CostEstimate {
  const prices = table
  const lines: CostLine[] = []
  const unpriced: string[] = []

  const ar = input.appRunner
  if (ar) {
    const vcpu = parseVcpu(ar.cpu)
    const memGb = parseMemoryGb(ar.memory)
    const provisioned = ar.minSize ?? 1
    if (vcpu === null || memGb === null) unpriced.push('App Runner (CPU/memory not known)')
    else if (ar.isPaused) {
      // A paused App Runner service is not billed for instances (only the automatic deployment fee, if enabled).
      lines.push({ id: 'apprunner-memory', label: 'App Runner', basis: 'paused: no instance charges', monthly: fixed(0) })
    } else {
      lines.push({
        id: 'apprunner-memory',
        label: 'App Runner memory',
        basis: `${provisioned} provisioned × ${memGb} GB × $${prices.appRunner.memoryGbHour}/GB-h × ${HOURS_PER_MONTH} h`,
        monthly: fixed(provisioned * memGb * prices.appRunner.memoryGbHour * HOURS_PER_MONTH),
      })
      const perActiveHour = vcpu * prices.appRunner.vcpuHour
      if (ar.averageActiveInstances !== null) {
        // ActiveInstances counts instances ready to serve, but vCPU is billed only while requests are
        // being processed, so the measured average is an upper bound; an idle service pays no compute.
        lines.push({
          id: 'apprunner-compute',
          label: 'App Runner compute',
          basis: `idle (0) up to ${round2(ar.averageActiveInstances)} active (CloudWatch average) × ${vcpu} vCPU × $${prices.appRunner.vcpuHour}/vCPU-h × ${HOURS_PER_MONTH} h`,
          monthly: { low: 0, high: round2(ar.averageActiveInstances * perActiveHour * HOURS_PER_MONTH) },
        })
      } else {
        const days = HOURS_PER_MONTH / 24
        lines.push({
          id: 'apprunner-compute',
          label: 'App Runner compute',
          basis: `${provisioned} × ${vcpu} vCPU active ${assumedActiveHoursPerDay.low}–${assumedActiveHoursPerDay.high} h/day (assumed low traffic)`,
          monthly: {
            low: round2(provisioned * perActiveHour * assumedActiveHoursPerDay.low * days),
            high: round2(provisioned * perActiveHour * assumedActiveHoursPerDay.high * days),
          },
        })
      }
    }
  }

  const db = input.database
  if (db) {
    const copies = db.multiAz ? 2 : 1
    const hourly = prices.rdsInstanceHour[db.instanceClass]
    if (hourly === undefined) unpriced.push(`RDS instance class ${db.instanceClass}`)
    else
      lines.push({
        id: 'rds-instance',
        label: 'RDS instance',
        basis: db.isStopped
          ? `${db.instanceClass} stopped: no instance hours (AWS restarts it after 7 days)`
          : `${db.instanceClass}${db.multiAz ? ' Multi-AZ (×2)' : ''} × $${hourly}/h × ${HOURS_PER_MONTH} h`,
        monthly: fixed(db.isStopped ? 0 : copies * hourly * HOURS_PER_MONTH),
      })
    const type = db.storageType ?? 'gp2'
    const perGb = prices.rdsStorageGbMonth[type]
    if (db.allocatedStorageGb === null) unpriced.push('RDS storage (size not known)')
    else if (perGb === undefined) unpriced.push(`RDS storage type ${type}`)
    else
      lines.push({
        id: 'rds-storage',
        label: 'RDS storage',
        basis: `${db.allocatedStorageGb} GB ${type}${db.multiAz ? ' ×2' : ''} × $${perGb}/GB-month (billed while stopped too)`,
        monthly: fixed(copies * db.allocatedStorageGb * perGb),
      })
  }

  if (input.ecrStorageBytes != null) {
    const gb = input.ecrStorageBytes / 1024 ** 3
    lines.push({
      id: 'ecr-storage',
      label: 'ECR storage',
      basis: `${round2(gb)} GB × $${prices.ecrStorageGbMonth}/GB-month`,
      monthly: fixed(gb * prices.ecrStorageGbMonth),
    })
  }

  const total = lines.reduce<Range>((acc, l) => ({ low: round2(acc.low + l.monthly.low), high: round2(acc.high + l.monthly.high) }), {
    low: 0,
    high: 0,
  })
  return { lines, total, unpriced, isOtherRegion: input.region !== priceRegion }
}

/** Average of the runtime's active-instances series over the metrics window, or null without datapoints. */
export function averageActiveInstances(metrics: Metrics | null | undefined): number | null {
  const series = metrics?.series.find((s) => s.id === serviceSeriesId('instances'))
  if (!series || series.points.length === 0) return null
  return series.points.reduce((sum, p) => sum + p.v, 0) / series.points.length
}

/** The cost input from what the portal reads from AWS (any part may be missing). */
export function costInputFrom(
  region: string,
  service: Service | null | undefined,
  database: Database | null | undefined,
  metrics?: Metrics | null,
): CostInput {
  return {
    region,
    appRunner: service
      ? {
          cpu: service.cpu,
          memory: service.memory,
          minSize: service.autoScaling.minSize,
          averageActiveInstances: averageActiveInstances(metrics),
          isPaused: service.status === 'PAUSED',
        }
      : null,
    database: database
      ? {
          instanceClass: database.instanceClass,
          allocatedStorageGb: database.allocatedStorageGb,
          storageType: database.storageType,
          multiAz: database.multiAz,
          isStopped: isDbStoppedOrStopping(database.status),
        }
      : null,
  }
}
