import 'server-only'

import {
  getDeploymentProgress as readDeploymentProgress,
  getRollbackTarget as readRollbackTarget,
  deploymentHistoryReady as historyReady,
  listDeployments as readDeployments,
  previewDeployment as readPreview,
} from '@/lib/actions/deployment-reads'

import { ok } from '@/lib/result'

import { authorized, authorizedFor } from './access'

/** Every App Runner deployment joined with the portal's ledger (SHA, who, truthful outcome), newest first. Role: viewer. */
export const listDeployments = authorized('viewer', readDeployments)

/**
 * Whether a page can include the deployment history without waiting for CloudTrail's first lookups
 * (which this starts when it cannot). Role: viewer, so no request without credentials causes a lookup.
 */
export const deploymentHistoryReady = authorized('viewer', async () => ok(historyReady()))

/** One deployment followed live: status, outcome, failure reason, health once it ended. Role: viewer. */
export const getDeploymentProgress = authorized('viewer', readDeploymentProgress)

/** What deploying a SHA would do (reads only). Role: viewer (the answer says whether the caller may deploy). */
export const previewDeployment = authorizedFor('viewer', (actor, input: unknown) => readPreview(input, actor))

/** Where a rollback would go now. Role: viewer. */
export const getRollbackTarget = authorized('viewer', readRollbackTarget)
