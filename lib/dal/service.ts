import 'server-only'

import { listOperationsWithLedger } from '@/lib/actions/deployment-reads'
import { runtime } from '@/lib/aws/runtime'
import { getServiceHealth as probeServiceHealth } from '@/lib/overview'

import { authorized } from './access'

/** The running service: status, deployed image and SHA, sizing, redacted environment. Role: viewer. */
export const getService = authorized('viewer', () => runtime.getService())

/** The service's operations, newest first, with who started each (portal ledger). Role: viewer. */
export const listOperations = authorized('viewer', listOperationsWithLedger)

/** The service URL's health endpoint as the portal sees it. Role: viewer. */
export const getServiceHealth = authorized('viewer', probeServiceHealth)

/** What people call the runtime (e.g. "App Runner"), for page text. Not a read. */
export const runtimeLabel = runtime.label
