/* The zod-free half of lib/domain/logs (the browser needs it before zod has loaded). */

/** The two App Runner log streams. */
export const logStreamKindOptions = ['application', 'service'] as const

/** How far back a logs search reads, shortest first. */
export const logSinceOptions = ['15m', '1h', '6h', '24h', '7d'] as const

/** CloudWatch Logs accepts filter patterns up to 1024 characters. */
export const logFilterMaxLength = 1024
