import 'server-only'

import type { AlarmDefinition } from '@/lib/domain/setup.values'

import type { MetricDimension, RuntimeSeriesDef, ScheduleTarget, ServiceIdentity } from './runtime.types'

/*
 * What App Runner names things: its CloudWatch metrics, log groups, console pages and the
 * EventBridge Scheduler targets of its operations. Pure (no AWS calls); `appRunnerRuntime` in
 * apprunner.ts hands these to the rest of the portal through the Runtime interface.
 */

/** Metric names, statistics and units per https://docs.aws.amazon.com/apprunner/latest/dg/monitor-cw.html. */
export const appRunnerMetrics = {
  namespace: 'AWS/AppRunner',
  series: [
    { key: 'requests', label: 'Requests', metricName: 'Requests', stat: 'Sum', unit: 'Count' },
    { key: '2xx', label: '2xx responses', metricName: '2xxStatusResponses', stat: 'Sum', unit: 'Count' },
    { key: '4xx', label: '4xx responses', metricName: '4xxStatusResponses', stat: 'Sum', unit: 'Count' },
    { key: '5xx', label: '5xx responses', metricName: '5xxStatusResponses', stat: 'Sum', unit: 'Count' },
    { key: 'latency', label: 'Latency (avg)', metricName: 'RequestLatency', stat: 'Average', unit: 'Milliseconds' },
    { key: 'latencyP99', label: 'Latency (p99)', metricName: 'RequestLatency', stat: 'p99', unit: 'Milliseconds' },
    { key: 'cpu', label: 'CPU', metricName: 'CPUUtilization', stat: 'Average', unit: 'Percent' },
    { key: 'memory', label: 'Memory', metricName: 'MemoryUtilization', stat: 'Average', unit: 'Percent' },
    { key: 'instances', label: 'Active instances (avg)', metricName: 'ActiveInstances', stat: 'Average', unit: 'Count' },
    { key: 'instancesMax', label: 'Active instances (max)', metricName: 'ActiveInstances', stat: 'Maximum', unit: 'Count' },
    { key: 'concurrency', label: 'Concurrency (max)', metricName: 'Concurrency', stat: 'Maximum', unit: 'Count' },
  ],
} as const satisfies { namespace: string; series: readonly RuntimeSeriesDef[] }

/**
 * App Runner keys its service metrics by ServiceName + ServiceID (capital ID), and CloudWatch matches
 * only the exact dimension set, so both are needed.
 */
export const appRunnerMetricDimensions = (s: ServiceIdentity): MetricDimension[] => [
  { name: 'ServiceName', value: s.name },
  { name: 'ServiceID', value: s.id },
]

/** `/aws/apprunner/<ServiceName>/<ServiceId>/<application|service>`: the log groups App Runner writes. */
export const appRunnerLogGroupName = (s: ServiceIdentity, stream: 'application' | 'service'): string =>
  `/aws/apprunner/${s.name}/${s.id}/${stream}`

/** App Runner writes each operation's deployment log to `deployment/<operationId>` in the service log group. */
export const appRunnerDeploymentLogStream = (operationId: string): string => `deployment/${operationId}`

/** Every log group of App Runner services with this name (whatever their id); the trailing `/` keeps `name-2`'s out. */
export const appRunnerLogGroupPrefix = (serviceName: string): string => `/aws/apprunner/${serviceName}/`

/** `/aws/apprunner/<name>/<id>/<application|service>` → its parts; null for any other name. */
export function parseAppRunnerLogGroupName(
  logGroupName: string,
): { serviceName: string; serviceId: string; stream: 'application' | 'service' } | null {
  const m = /^\/aws\/apprunner\/([^/]+)\/([^/]+)\/(application|service)$/.exec(logGroupName)
  if (!m?.[1] || !m[2] || (m[3] !== 'application' && m[3] !== 'service')) return null
  return { serviceName: m[1], serviceId: m[2], stream: m[3] }
}

const consoleBase = (region: string) => `https://${region}.console.aws.amazon.com`

/** The App Runner service dashboard, or the services list when the ARN is not known. */
export function appRunnerConsoleUrl(region: string, serviceArn?: string | null): string {
  const r = encodeURIComponent(region)
  return serviceArn
    ? `${consoleBase(region)}/apprunner/home?region=${r}#/services/dashboard?service_arn=${encodeURIComponent(serviceArn)}`
    : `${consoleBase(region)}/apprunner/home?region=${r}#/services`
}

/**
 * Universal targets (https://docs.aws.amazon.com/scheduler/latest/UserGuide/managing-targets-universal.html):
 * the scheduler calls apprunner:PauseService / ResumeService itself with `{"ServiceArn": …}`.
 */
export function appRunnerScheduleTargets(s: ServiceIdentity): { pause: ScheduleTarget; resume: ScheduleTarget } {
  return {
    pause: { arn: 'arn:aws:scheduler:::aws-sdk:apprunner:pauseService', input: { ServiceArn: s.arn }, iamAction: 'apprunner:PauseService' },
    resume: {
      arn: 'arn:aws:scheduler:::aws-sdk:apprunner:resumeService',
      input: { ServiceArn: s.arn },
      iamAction: 'apprunner:ResumeService',
    },
  }
}

/**
 * The setup's two App Runner alarms on this service's metrics: health-check failures (no active
 * instance for 3 minutes: App Runner takes an instance out when it fails its health check) and 5xx
 * responses above 5 in 5 minutes. Without the service (null) its id is a placeholder: the alarms can
 * only be created once the service exists.
 */
export function appRunnerPlannedAlarms(s: ServiceIdentity | null, serviceName: string): AlarmDefinition[] {
  const dimensions = appRunnerMetricDimensions(s ?? { name: serviceName, id: '<service-id>', arn: '' })
  return [
    {
      key: 'health',
      name: 'appfactory-apprunner-health-check-failures',
      label: 'App Runner health check failures',
      description: `App Runner health checks are failing: no instance of ${serviceName} is serving traffic.`,
      namespace: appRunnerMetrics.namespace,
      metricName: 'ActiveInstances',
      dimensions,
      statistic: 'Minimum',
      periodSeconds: 60,
      evaluationPeriods: 3,
      threshold: 1,
      comparison: 'LessThanThreshold',
      treatMissingData: 'missing',
    },
    {
      key: '5xx',
      name: 'appfactory-apprunner-5xx-errors',
      label: 'App Runner 5xx errors above a threshold',
      description: `App Runner ${serviceName} returned more than 5 HTTP 5xx responses in 5 minutes.`,
      namespace: appRunnerMetrics.namespace,
      metricName: '5xxStatusResponses',
      dimensions,
      statistic: 'Sum',
      periodSeconds: 300,
      evaluationPeriods: 1,
      threshold: 5,
      comparison: 'GreaterThanThreshold',
      treatMissingData: 'missing',
    },
  ]
}
