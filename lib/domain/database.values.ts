/* The zod-free half of lib/domain/database (the browser needs it before zod has loaded). */

/** RDS states during which the instance is changing on its own (poll fast). */
export const transitionalDbStatuses = [
  'stopping',
  'starting',
  'rebooting',
  'modifying',
  'backing-up',
  'configuring-enhanced-monitoring',
  'creating',
  'upgrading',
  'maintenance',
] as const

/** True while RDS is moving the instance between states. */
export const isDbTransitioning = (status: string): boolean => (transitionalDbStatuses as readonly string[]).includes(status)
