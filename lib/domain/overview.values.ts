import type { MetricRange } from '@/lib/domain/metrics'

/* The zod-free half of lib/domain/overview (the browser needs it before zod has loaded). */

/**
 * The overview's metrics window: its sparklines, and the measured instance count the cost estimate
 * uses. The page's panels and `GET /api/overview` read the same window, so they show the same cost.
 */
export const overviewMetricsRange = '1h' satisfies MetricRange
