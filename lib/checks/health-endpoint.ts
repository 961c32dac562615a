import 'server-only'

import type { CheckResult } from '@/lib/domain/checks'
import type { AppError } from '@/lib/domain/errors'
import type { Metrics } from '@/lib/domain/metrics'
import { serviceSeriesId, type ServiceMetricKey } from '@/lib/domain/metrics.values'
import type { Service } from '@/lib/domain/service'

import { errorResult, result, type Evidence } from './result'
import type { Check, HealthProbe } from './types'

const meta = { id: 'health-endpoint', title: 'Service health endpoint answers 200' } as const
const DOCS = 'https://docs.aws.amazon.com/apprunner/latest/dg/manage-configure-healthcheck.html'
/** Share of 5xx responses over the last hour above which a healthy probe still warns. */
export const FIVE_XX_WARN_RATIO = 0.05

export type HealthEndpointEvidence = {
  service: Pick<Service, 'name' | 'id' | 'arn' | 'status' | 'url'>
  healthPath: string
  probe: HealthProbe | null
  /** The runtime's application log group of this service (where the app's own output goes). */
  logGroup: string
  /** The service's request and 5xx counts over the last hour; an AppError when they could not be read. */
  traffic: { requests: number | null; fiveXx: number | null } | AppError
}

const sumOf = (m: Metrics, key: ServiceMetricKey): number | null => {
  const series = m.series.find((s) => s.id === serviceSeriesId(key))
  return series ? series.points.reduce((a, p) => a + p.v, 0) : null
}

/**
 * Requests and 5xx responses from the service's metrics (sums over the window); the error when
 * either series could not be read (a failed read is never counted as zero).
 */
export const trafficOf = (m: Metrics): HealthEndpointEvidence['traffic'] => {
  const failed = m.series.find((s) => (s.id === serviceSeriesId('requests') || s.id === serviceSeriesId('5xx')) && s.error)?.error
  return failed ?? { requests: sumOf(m, 'requests'), fiveXx: sumOf(m, '5xx') }
}

/** The probe decides: 2xx passes (warns when recent 5xx are frequent), anything else fails. */
export function evaluate(e: HealthEndpointEvidence, now: Date): CheckResult {
  const { service: s, probe } = e
  const evidence: Evidence = [
    { label: 'Service', value: `${s.name} (${s.status})` },
    { label: 'Health URL', value: probe?.url ?? (s.url ? `${s.url}${e.healthPath}` : 'none') },
  ]
  if ('code' in e.traffic) {
    evidence.push({ label: '5xx in the last hour', value: `unavailable (${e.traffic.awsCode ?? e.traffic.code})` })
  } else {
    evidence.push({ label: 'Requests in the last hour', value: e.traffic.requests === null ? 'no data' : String(e.traffic.requests) })
    evidence.push({ label: '5xx in the last hour', value: e.traffic.fiveXx === null ? 'no data' : String(e.traffic.fiveXx) })
  }
  const logsStep =
    'Read the application log (Logs view, or the command below) for the error behind the failing health check — a database error usually means one of the database checks fails too.'
  const logsCommand = `aws logs tail ${e.logGroup} --since 15m`

  if (s.status === 'PAUSED') {
    return result(
      meta,
      'fail',
      `${s.name} is paused: nothing answers requests.`,
      evidence,
      {
        steps: ['Resume the service (or use "Wake" in the portal).'],
        command: `aws apprunner resume-service --service-arn ${s.arn}`,
        docs: DOCS,
      },
      now,
    )
  }
  if (!probe) {
    return result(
      meta,
      'fail',
      `${s.name} has no URL to probe (status ${s.status}).`,
      evidence,
      {
        steps: ['Check the service status and its latest operation in the App Runner console.'],
        command: `aws apprunner list-operations --service-arn ${s.arn}`,
        docs: DOCS,
      },
      now,
    )
  }
  evidence.push({
    label: 'Answer',
    value: probe.status === null ? `none: ${probe.error ?? 'no answer'}` : `HTTP ${probe.status} in ${probe.ms} ms`,
  })
  if (probe.status === null || probe.status < 200 || probe.status >= 300) {
    const what = probe.status === null ? `did not answer (${probe.error ?? 'no answer'})` : `answered HTTP ${probe.status}`
    return result(
      meta,
      'fail',
      `${e.healthPath} ${what}${probe.status === 503 ? ': the app is up but cannot serve (usually its database)' : ''}.`,
      evidence,
      {
        steps: [
          logsStep,
          'Fix the failing dependency; App Runner marks the instance healthy again on the next health check, no redeploy needed.',
        ],
        command: logsCommand,
        docs: DOCS,
      },
      now,
    )
  }
  if (!('code' in e.traffic) && e.traffic.fiveXx !== null && e.traffic.requests !== null && e.traffic.requests > 0) {
    const ratio = e.traffic.fiveXx / e.traffic.requests
    if (ratio > FIVE_XX_WARN_RATIO) {
      return result(
        meta,
        'warn',
        `${e.healthPath} answers ${probe.status}, but ${(ratio * 100).toFixed(1)} % of requests in the last hour were 5xx.`,
        evidence,
        {
          steps: ['Look for the failing requests in the application log.'],
          command: logsCommand,
          docs: 'https://docs.aws.amazon.com/apprunner/latest/dg/monitor-cw.html',
        },
        now,
      )
    }
  }
  return result(meta, 'pass', `${e.healthPath} answered ${probe.status} in ${probe.ms} ms.`, evidence, null, now)
}

/** The `health-endpoint` check: gathers its evidence, then evaluate(). */
export const healthEndpoint: Check = {
  ...meta,
  async run(ctx) {
    const service = await ctx.getService()
    if (!service.ok) return errorResult(meta, service.error, ctx.now)
    const s = service.data
    const [probe, metrics] = await Promise.all([
      s.url && s.status !== 'PAUSED' ? ctx.probeHealth(s.url) : Promise.resolve(null),
      ctx.getMetrics('1h'),
    ])
    const traffic: HealthEndpointEvidence['traffic'] = metrics.ok ? trafficOf(metrics.data) : metrics.error
    return evaluate(
      { service: s, healthPath: ctx.settings.healthPath, probe, logGroup: ctx.logGroupName(s, 'application'), traffic },
      ctx.now,
    )
  },
}
