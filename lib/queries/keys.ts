import type { MetricRange } from '@/lib/domain/metrics'

/**
 * Query keys for every resource the portal reads. Server prefetches and client queries use the
 * same factory so hydrated data lands under the same key. Invalidate by prefix, e.g.
 * `queryClient.invalidateQueries({ queryKey: queryKeys.service.all })`.
 */
export const queryKeys = {
  overview: { all: ['overview'] as const },
  environment: { all: ['environment'] as const },
  service: {
    all: ['service'] as const,
    detail: () => ['service', 'detail'] as const,
    health: () => ['service', 'health'] as const,
  },
  operations: {
    all: ['operations'] as const,
    list: () => ['operations', 'list'] as const,
  },
  images: {
    all: ['images'] as const,
    list: () => ['images', 'list'] as const,
    findings: (digest: string) => ['images', 'findings', digest] as const,
  },
  database: {
    all: ['database'] as const,
    detail: () => ['database', 'detail'] as const,
    events: () => ['database', 'events'] as const,
    network: () => ['database', 'network'] as const,
  },
  metrics: {
    all: ['metrics'] as const,
    range: (range: MetricRange) => ['metrics', range] as const,
  },
  alarms: {
    all: ['alarms'] as const,
    list: () => ['alarms', 'list'] as const,
  },
  logs: {
    all: ['logs'] as const,
    list: (params: { stream: string; since?: string; until?: string; filter?: string }) => ['logs', 'list', params] as const,
  },
  checks: {
    all: ['checks'] as const,
    list: () => ['checks', 'list'] as const,
    detail: (id: string) => ['checks', 'detail', id] as const,
  },
  audit: {
    all: ['audit'] as const,
    list: () => ['audit', 'list'] as const,
  },
  setup: {
    all: ['setup'] as const,
    steps: () => ['setup', 'steps'] as const,
    alarms: () => ['setup', 'alarms'] as const,
  },
  timeline: {
    all: ['timeline'] as const,
    window: (params: { since: string; until: string | null; kinds: string }) => ['timeline', params] as const,
  },
} as const
