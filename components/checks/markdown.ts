import type { CheckResult, CheckStatus } from '@/lib/domain/checks'

/** The order results are shown in: what needs action first. */
export const statusOrder = { fail: 0, error: 1, warn: 2, pass: 3 } as const satisfies Record<CheckStatus, number>

/** Words for each status (badges always carry text, never colour alone). */
export const statusLabel = { fail: 'Fail', error: 'Error', warn: 'Warn', pass: 'Pass' } as const satisfies Record<CheckStatus, string>

/** Sorted copy: fail, error, warn, pass; stable within a status. */
export const sortResults = (results: readonly CheckResult[]): CheckResult[] =>
  results
    .map((r, i) => ({ r, i }))
    .sort((a, b) => statusOrder[a.r.status] - statusOrder[b.r.status] || a.i - b.i)
    .map(({ r }) => r)

/** Counts per status. */
export function countByStatus(results: readonly CheckResult[]): Record<CheckStatus, number> {
  const counts = { fail: 0, error: 0, warn: 0, pass: 0 }
  for (const r of results) counts[r.status]++
  return counts
}

const escapeCell = (s: string) => s.replace(/\|/g, '\\|').replace(/\n/g, ' ')

/**
 * An incident-ready Markdown summary of a run: verdict counts, then every check that needs
 * attention with its evidence and fix (command in a bash block), then the passing ones in one line.
 */
export function checksToMarkdown(results: readonly CheckResult[], ranAt: string): string {
  const sorted = sortResults(results)
  const c = countByStatus(sorted)
  const lines = [
    `## AppFactory troubleshooting checks — ${ranAt}`,
    '',
    `**${c.fail} fail · ${c.error} error · ${c.warn} warn · ${c.pass} pass**`,
    '',
    '| Status | Check | Summary |',
    '| --- | --- | --- |',
    ...sorted.map((r) => `| ${statusLabel[r.status].toUpperCase()} | \`${r.id}\` | ${escapeCell(r.summary ?? r.title)} |`),
  ]
  for (const r of sorted.filter((x) => x.status !== 'pass')) {
    lines.push('', `### ${statusLabel[r.status].toUpperCase()}: ${r.title} (\`${r.id}\`)`, '')
    if (r.summary) lines.push(r.summary, '')
    if (r.evidence.length > 0) lines.push('Evidence:', ...r.evidence.map((e) => `- ${e.label}: \`${e.value.replace(/`/g, "'")}\``), '')
    if (r.fix) {
      lines.push('Fix:', ...r.fix.steps.map((s, i) => `${i + 1}. ${s}`))
      if (r.fix.command) lines.push('', '```bash', r.fix.command, '```')
      if (r.fix.docs) lines.push('', `Docs: ${r.fix.docs}`)
    }
  }
  return `${lines.join('\n').trimEnd()}\n`
}
