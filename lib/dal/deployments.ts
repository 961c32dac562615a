import 'server-only'

import {
  getDeploymentProgress as readDeploymentProgress,
  getRollbackTarget as readRollbackTarget,
  listDeployments as readDeployments,
  previewDeployment as readPreview,
} from '@/lib/actions/deployment-reads'

import { authorized, authorizedFor } from './access'

/** Every App Runner deployment joined with the portal's ledger (SHA, who, truthful outcome), newest first. Role: viewer. */
export const listDeployments = authorized('viewer', readDeployments)

/** One deployment followed live: status, outcome, failure reason, health once it ended. Role: viewer. */
export const getDeploymentProgress = authorized('viewer', readDeploymentProgress)

/** What deploying a SHA would do (reads only). Role: viewer (the answer says whether the caller may deploy). */
export const previewDeployment = authorizedFor('viewer', (actor, input: unknown) => readPreview(input, actor))

/** Where a rollback would go now. Role: viewer. */
export const getRollbackTarget = authorized('viewer', readRollbackTarget)
