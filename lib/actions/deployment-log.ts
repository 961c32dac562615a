import 'server-only'

import type { LogEvent } from '@/lib/domain/logs'

/*
 * Reading a deployment's log: the runtime writes one per operation (App Runner: the stream
 * `deployment/<operation-id>` of the service log group). Pure functions over the events.
 */

/**
 * The failure reason in an operation's deployment log: the first line that reports a failure (App
 * Runner writes the specific cause first, e.g. "Health check failed on …", then a generic
 * "Deployment … failed. Rolling back …").
 */
export function failureReason(events: readonly LogEvent[]): string | null {
  const lines = events.map((e) => e.message.replace(/^\s*\[(AppRunner|Build)\]\s*/, '').trim()).filter(Boolean)
  const failing = lines.find(
    (l) => /fail|error|unable|denied|not found|timed? ?out|unhealthy/i.test(l) && !/completed successfully|^Rollback with ID/i.test(l),
  )
  return failing ? failing.slice(0, 1000) : null
}

/** The image tag a deployment log names (`Deployment Artifact: … [Image Tag: <tag>]`). */
export function deployedTagFromLog(events: readonly LogEvent[]): string | null {
  for (const e of events) {
    const tag = e.message.match(/\[Image Tag:\s*([^\]\s]+)\s*\]/)?.[1]
    if (tag) return tag.toLowerCase()
  }
  return null
}
