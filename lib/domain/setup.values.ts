/*
 * The zod-free half of lib/domain/setup: the setup's steps and the "not created yet" state, which the
 * browser needs before zod has loaded (every panel checks for it).
 */

/** The AWS setup's steps, in the order the setup document takes them (a public interface: `GET /api/setup`). */
export const setupStepIds = [
  'container-images',
  'oidc-provider',
  'deploy-role',
  'database',
  'runtime-service',
  'first-deployment',
  'alarms',
] as const
export type SetupStepId = (typeof setupStepIds)[number]

/** `unknown`: AWS could not be read for the step (the step then carries the error); never shown as done or to do. */
export const setupStepStatuses = ['done', 'in-progress', 'todo', 'blocked', 'unknown'] as const
export type SetupStepStatus = (typeof setupStepStatuses)[number]

/** What each step is called wherever it is named (the setup page, a panel's "not created yet", a check's fix). */
export const setupStepTitles: Record<SetupStepId, string> = {
  'container-images': 'Container images in ECR',
  'oidc-provider': 'GitHub OIDC provider',
  'deploy-role': 'GitHub Actions deploy role',
  database: 'RDS database available',
  'runtime-service': 'Create the App Runner service',
  'first-deployment': 'GitHub secrets and the first deployment',
  alarms: 'The four planned alarms',
}

/** Where a step is explained and done: the setup page, at the step. */
export const setupStepHref = (step: SetupStepId): string => `/setup#${step}`

/**
 * A resource the AWS setup has not created yet. Not an error: nothing failed, something is not built
 * yet — panels say so calmly and name the step that creates it, and nothing is inferred from it (no
 * deployed image, no operation, no metric).
 */
export type NotCreated = {
  state: 'not_created'
  /** What does not exist, as people call it (`App Runner service appfactory-app-service`). */
  resource: string
  /** The setup step that creates it. */
  step: SetupStepId
}

export const notCreated = (resource: string, step: SetupStepId): NotCreated => ({ state: 'not_created', resource, step })

export const isNotCreated = (v: unknown): v is NotCreated =>
  typeof v === 'object' && v !== null && (v as { state?: unknown }).state === 'not_created'

/** "App Runner service appfactory-app-service is not created yet — step 5, Create the App Runner service, creates it." */
export function notCreatedSentence(n: NotCreated): string {
  const index = setupStepIds.indexOf(n.step) + 1
  return `${n.resource} is not created yet — setup step ${index}, “${setupStepTitles[n.step]}”, creates it.`
}

/** "3 of 7 steps done" */
export function setupProgress(statuses: readonly SetupStepStatus[]): { done: number; total: number; complete: boolean } {
  const done = statuses.filter((s) => s === 'done').length
  return { done, total: statuses.length, complete: statuses.length > 0 && done === statuses.length }
}

/** A CloudWatch alarm as PutMetricAlarm takes it (one metric, a static threshold). */
export type AlarmDefinition = {
  /** Which planned alarm it is: `health`, `rds-cpu`, `rds-storage`, `5xx`. */
  key: string
  name: string
  /** The setup document's words for it. */
  label: string
  description: string
  namespace: string
  metricName: string
  dimensions: { name: string; value: string }[]
  statistic: 'Average' | 'Sum' | 'Minimum' | 'Maximum' | 'SampleCount'
  periodSeconds: number
  evaluationPeriods: number
  threshold: number
  comparison: 'GreaterThanThreshold' | 'GreaterThanOrEqualToThreshold' | 'LessThanThreshold' | 'LessThanOrEqualToThreshold'
  treatMissingData: 'missing' | 'breaching' | 'notBreaching' | 'ignore'
}
