/* The zod-free half of lib/domain/image (the browser needs it before zod has loaded). */

/** ECR finding severities, most severe first. */
export const severities = ['CRITICAL', 'HIGH', 'MEDIUM', 'LOW', 'INFORMATIONAL', 'UNDEFINED'] as const
