import 'server-only'

import { appRunnerRuntime } from './apprunner'
import type { Runtime } from './runtime.types'

export type {
  MetricDimension,
  Runtime,
  RuntimeSeriesDef,
  RuntimeSetupGuide,
  RuntimeSetupSettings,
  ScheduleTarget,
  ServiceIdentity,
  TrailCall,
  TrailOperation,
} from './runtime.types'

/**
 * The runtime that runs the AppFactory container: the only way into the runtime module for the rest
 * of the portal (ESLint refuses `@/lib/aws/apprunner` outside lib/aws). See runtime.types.ts for the
 * contract and docs/architecture.md for what a second runtime implements.
 */
export const runtime: Runtime = appRunnerRuntime
