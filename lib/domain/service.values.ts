import type { OperationStatus } from '@/lib/domain/service'

/* The zod-free half of lib/domain/service (the browser needs it before zod has loaded). */

/** True while App Runner is changing the service (deploy, pause, resume). */
export const isOperationActive = (s: OperationStatus): boolean => s === 'PENDING' || s === 'IN_PROGRESS' || s === 'ROLLBACK_IN_PROGRESS'
