import type { AppError } from '@/lib/domain/errors'
import type { Timeline } from '@/lib/domain/timeline'
import { shortSha } from '@/lib/domain/sha.values'
import { timelineKindNames } from '@/lib/domain/timeline.values'
import { formatUtc } from '@/lib/format'

const oneLine = (s: string) => s.replace(/\s+/g, ' ').trim()

/**
 * The timeline as an incident summary section: one line per change, newest first (time in UTC, kind,
 * what, who, SHA, outcome), the sources that could not be read, or why the timeline itself could not.
 */
export function timelineToMarkdown(
  timeline: Timeline | undefined,
  error: AppError | null,
  heading = 'What changed in the last hour',
): string {
  const lines = [`## ${heading}`, '']
  if (!timeline) {
    lines.push(error ? `_The timeline could not be read: ${oneLine(error.message)}_` : '_The timeline has not loaded yet._')
    return `${lines.join('\n')}\n`
  }
  lines.push(`${formatUtc(timeline.since)} – ${formatUtc(timeline.until)}`, '')
  for (const m of timeline.missing) lines.push(`> **Incomplete:** ${m.label} could not be read (${oneLine(m.error.message)}).`)
  if (timeline.missing.length > 0) lines.push('')
  if (timeline.events.length === 0)
    lines.push(timeline.missing.length === 0 ? 'Nothing changed.' : 'No changes in the sources that could be read.')
  for (const e of timeline.events) {
    const extra = [e.actorName ? `by ${e.actorName}` : null, e.sha ? `\`${shortSha(e.sha)}\`` : null, e.outcome ?? null].filter(
      (x): x is string => x !== null,
    )
    lines.push(
      `- ${formatUtc(e.at)} · ${timelineKindNames[e.kind]} · ${oneLine(e.title)}${extra.length > 0 ? ` (${extra.join(', ')})` : ''}`,
    )
    if (e.detail && e.kind === 'alarm') lines.push(`  - ${oneLine(e.detail)}`)
  }
  for (const m of timeline.more) lines.push('', `_More ${m.label} between ${formatUtc(m.from)} and ${formatUtc(m.to)} than were read._`)
  return `${lines.join('\n').trimEnd()}\n`
}
