/* The zod-free half of lib/domain/actions (the browser needs it before zod has loaded). */

/** RDS starts a stopped instance by itself after seven days. */
export const RDS_AUTO_RESTART_DAYS = 7
