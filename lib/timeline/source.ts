import type { ReadWindow } from '@/lib/aws/support'
import type { AppError } from '@/lib/domain/errors'
import type { TimelineEvent, TimelineKind } from '@/lib/domain/timeline'
import type { Result } from '@/lib/result'

/*
 * What a timeline source is. A source reads one place where changes are recorded (App Runner's
 * operations, CloudWatch alarm history, RDS events, ECR, the audit log, EventBridge Scheduler) and
 * maps what it finds to timeline events. The timeline asks every source whose kinds were requested,
 * in parallel; a source that fails is named in the answer's `missing`, the others still show.
 */

/** The window a source reads: the requested range (epoch ms) and its cache identity (see lib/timeline/window.ts). */
export type SourceWindow = { from: number; to: number; read: ReadWindow }

/** What a source found: its events (any order; the timeline sorts and clips them) and the part of the window it left unread. */
export type SourceRead = {
  events: TimelineEvent[]
  /** More changes than the source reads at once: the range (epoch ms) it did not reach. */
  unread?: { from: number; to: number } | null
  /**
   * Parts of the source that could not be read while the rest could (e.g. the deployment ledger or
   * CloudTrail behind the deployment history): named in the timeline's `missing`, its events still shown.
   */
  missing?: readonly { source: string; label: string; error: AppError }[]
}

/** One place the timeline reads changes from. */
export type TimelineSource = {
  /** Names the source in `missing` and `more` (`rds`, `cloudwatch`, …). */
  id: string
  /** What people call it ("RDS events"). */
  label: string
  /** The kinds of change it reports; it is only read when one of them is asked for. */
  kinds: readonly TimelineKind[]
  /**
   * Reads the window. Cache AWS reads per `window.read.key` (lib/cache) so every viewer of a window
   * shares one read. Expected failures are a failed Result; a throw is treated the same way.
   */
  read: (window: SourceWindow) => Promise<Result<SourceRead>>
}

/** Declares a source (a typed identity: sources are plain objects). */
export const defineSource = (source: TimelineSource): TimelineSource => source
