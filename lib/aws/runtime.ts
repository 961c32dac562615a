import 'server-only'

import type { OperationList, Service } from '@/lib/domain/service'
import type { Result } from '@/lib/result'

import { appRunnerRuntime, type ServiceIdentity } from './apprunner'

export type { ServiceIdentity }

/**
 * An EventBridge Scheduler universal target that performs one runtime operation:
 * `arn:aws:scheduler:::aws-sdk:<service>:<apiAction>` with the API call's parameters as the JSON `input`.
 */
export type ScheduleTarget = {
  arn: string
  input: Record<string, string>
  /** The IAM action the scheduler's execution role needs for this target. */
  iamAction: string
}

/**
 * The runtime that runs the AppFactory container, seen through what the portal needs from it.
 *
 * Why an interface: AWS App Runner stopped accepting new customers on 2026-04-30 (existing services
 * keep working); ECS Express Mode is its successor. Everything App Runner-specific lives in
 * `apprunner.ts`; callers (`lib/actions`, `lib/checks`, panels) use this interface so an ECS Express
 * implementation can sit beside it later without touching them.
 */
export interface Runtime {
  /** Resolves, at start-up, what every read of the service waits behind (its identity, its sizing). */
  warmUp(): Promise<Result<void>>
  /** The running service: status, deployed image and SHA, redacted environment. */
  getService(): Promise<Result<Service>>
  /** Recent operations (deployments, pause, resume), newest first. */
  listOperations(): Promise<Result<OperationList>>
  /** Deploys the repository image tagged `sha` (7–40 hex, used as the tag as given, lower-cased). */
  deployImage(sha: string): Promise<Result<{ operationId: string; imageIdentifier: string }>>
  /** Redeploys the image reference the service runs now (pulling that tag's latest digest). */
  redeployCurrent(): Promise<Result<{ operationId: string }>>
  /** Scales the service to zero (no compute charges) until resumed. */
  pause(): Promise<Result<{ operationId: string }>>
  /** Resumes a paused service on its last deployed version. */
  resume(): Promise<Result<{ operationId: string }>>
  /** The service's name, id and ARN; cached long, so schedules can be addressed without a status read. */
  getIdentity(): Promise<Result<ServiceIdentity>>
  /** EventBridge Scheduler targets that pause and resume the service (for scheduled sleep/wake). */
  scheduleTargets(identity: ServiceIdentity): { pause: ScheduleTarget; resume: ScheduleTarget }
}

/** The runtime in use: App Runner. */
export const runtime: Runtime = appRunnerRuntime

/** Runtime-neutral names (architecture.md) for callers that prefer plain functions. */
export const getRuntimeService = (): Promise<Result<Service>> => runtime.getService()
export const listRuntimeOperations = (): Promise<Result<OperationList>> => runtime.listOperations()
export const deployRuntimeImage = (sha: string) => runtime.deployImage(sha)
export const redeployRuntime = () => runtime.redeployCurrent()
export const pauseRuntime = () => runtime.pause()
export const resumeRuntime = () => runtime.resume()
