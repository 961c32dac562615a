/** The visual tones a status can take; colours live in app/globals.css (`--color-tone-*`). */
export type Tone = 'ok' | 'warn' | 'bad' | 'busy' | 'idle' | 'info'

/**
 * The one map from every status word the portal shows (App Runner, operations, RDS, alarms,
 * scans, checks, health) to a tone. Unknown statuses fall back to `idle` via `toneOf`.
 */
export const statusTone = {
  // App Runner service
  RUNNING: 'ok',
  OPERATION_IN_PROGRESS: 'busy',
  PAUSED: 'idle',
  CREATE_FAILED: 'bad',
  DELETE_FAILED: 'bad',
  DELETED: 'idle',
  UNKNOWN: 'idle',
  // App Runner operations
  PENDING: 'busy',
  IN_PROGRESS: 'busy',
  SUCCEEDED: 'ok',
  FAILED: 'bad',
  ROLLBACK_IN_PROGRESS: 'busy',
  ROLLBACK_FAILED: 'bad',
  // A rolled-back deployment is a failed deployment (the service kept the old version): red, never amber.
  ROLLBACK_SUCCEEDED: 'bad',
  // RDS
  available: 'ok',
  stopped: 'idle',
  stopping: 'busy',
  starting: 'busy',
  rebooting: 'busy',
  modifying: 'busy',
  'backing-up': 'busy',
  creating: 'busy',
  upgrading: 'busy',
  maintenance: 'busy',
  'configuring-enhanced-monitoring': 'busy',
  failed: 'bad',
  'storage-full': 'bad',
  'incompatible-parameters': 'bad',
  'incompatible-network': 'bad',
  'inaccessible-encryption-credentials': 'bad',
  // CloudWatch alarms
  OK: 'ok',
  ALARM: 'bad',
  INSUFFICIENT_DATA: 'warn',
  // ECR scans
  COMPLETE: 'ok',
  ACTIVE: 'ok',
  UNSUPPORTED_IMAGE: 'idle',
  SCAN_ELIGIBILITY_EXPIRED: 'warn',
  FINDINGS_UNAVAILABLE: 'warn',
  LIMIT_EXCEEDED: 'warn',
  IMAGE_ARCHIVED: 'idle',
  NONE: 'idle',
  // Checks
  pass: 'ok',
  warn: 'warn',
  fail: 'bad',
  error: 'bad',
  // Health probe
  healthy: 'ok',
  unhealthy: 'bad',
  unreachable: 'bad',
  // Finding severities
  CRITICAL: 'bad',
  HIGH: 'bad',
  MEDIUM: 'warn',
  LOW: 'info',
  INFORMATIONAL: 'idle',
  UNDEFINED: 'idle',
} as const satisfies Record<string, Tone>

/** The tone for any status string (unknown → `idle`). */
export const toneOf = (status: string | null | undefined): Tone =>
  status != null && Object.hasOwn(statusTone, status) ? statusTone[status as keyof typeof statusTone] : 'idle'

/** Tailwind classes per tone for badges and dots (tokens from globals.css). */
export const toneClasses = {
  ok: 'bg-tone-ok/15 text-tone-ok ring-tone-ok/30',
  warn: 'bg-tone-warn/15 text-tone-warn ring-tone-warn/30',
  bad: 'bg-tone-bad/15 text-tone-bad ring-tone-bad/30',
  busy: 'bg-tone-busy/15 text-tone-busy ring-tone-busy/30',
  idle: 'bg-tone-idle/15 text-muted ring-tone-idle/30',
  info: 'bg-tone-info/15 text-tone-info ring-tone-info/30',
} as const satisfies Record<Tone, string>

export const toneDot = {
  ok: 'bg-tone-ok',
  warn: 'bg-tone-warn',
  bad: 'bg-tone-bad',
  busy: 'bg-tone-busy animate-pulse',
  idle: 'bg-tone-idle',
  info: 'bg-tone-info',
} as const satisfies Record<Tone, string>
