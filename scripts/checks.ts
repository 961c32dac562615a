/**
 * `npm run checks` — the troubleshooting checks in the terminal (same code as /troubleshoot and
 * GET /api/checks). Usable from CI after a deploy:
 *
 *   npm run checks                  table + the fix for everything that is not passing
 *   npm run checks -- --json        {"checks":[…]} on stdout
 *   npm run checks -- database-url  only the named checks
 *
 * Exit 0 when nothing fails, 1 when a check fails, 2 when checks could not run (bad configuration,
 * unknown check id, AWS refused the credentials, or a check ended in `error`, e.g. AWS unreachable or
 * access denied).
 * Runs under `--conditions=react-server`, so `server-only` resolves to an empty module.
 */
import pino from 'pino'

import { config, ConfigError } from '@/lib/config'
import type { CheckResult } from '@/lib/domain/checks'
import { credentialsRefusal, exitCodeFor } from '@/lib/checks/result'
import { createLogger, setLogger } from '@/lib/logger'

const HELP = `Usage: npm run checks [-- [--json] [check-id ...]]

Runs the AppFactory troubleshooting checks against AWS (or AWS_ENDPOINT_URL).
  --json      print {"checks":[...]} instead of a table
  check-id    run only these checks
Exit codes: 0 nothing failed, 1 a check failed, 2 checks could not run.`

const color = process.stdout.isTTY && !process.env.NO_COLOR
const paint = (code: number, text: string) => (color ? `\u001b[${code}m${text}\u001b[0m` : text)
const tone: Record<CheckResult['status'], (t: string) => string> = {
  fail: (t) => paint(31, t),
  error: (t) => paint(35, t),
  warn: (t) => paint(33, t),
  pass: (t) => paint(32, t),
}
const rank = { fail: 0, error: 1, warn: 2, pass: 3 } as const satisfies Record<CheckResult['status'], number>

function table(results: CheckResult[]): string {
  const sorted = [...results].sort((a, b) => rank[a.status] - rank[b.status] || a.id.localeCompare(b.id))
  const idWidth = Math.max(...sorted.map((r) => r.id.length), 2)
  const lines = [`${'STATUS'.padEnd(7)}${'CHECK'.padEnd(idWidth + 2)}SUMMARY`]
  for (const r of sorted)
    lines.push(`${tone[r.status](r.status.toUpperCase().padEnd(7))}${r.id.padEnd(idWidth + 2)}${r.summary ?? r.title}`)
  for (const r of sorted.filter((x) => x.status !== 'pass')) {
    lines.push('', `${tone[r.status](`■ ${r.status.toUpperCase()}`)} ${r.id} — ${r.title}`)
    for (const e of r.evidence) lines.push(`    ${e.label}: ${e.value}`)
    if (r.fix) {
      r.fix.steps.forEach((s, i) => lines.push(`  ${i + 1}. ${s}`))
      if (r.fix.command) lines.push('', ...r.fix.command.split('\n').map((l) => `      ${l}`))
      if (r.fix.docs) lines.push(`  Docs: ${r.fix.docs}`)
    }
  }
  const counts = (['fail', 'error', 'warn', 'pass'] as const).map((s) => `${results.filter((r) => r.status === s).length} ${s}`)
  lines.push('', counts.join(', '))
  return lines.join('\n')
}

async function main(argv: string[]): Promise<number> {
  if (argv.includes('--help') || argv.includes('-h')) {
    console.log(HELP)
    return 0
  }
  const json = argv.includes('--json')
  const unknownFlag = argv.find((a) => a.startsWith('-') && a !== '--json')
  if (unknownFlag) {
    console.error(`checks: unknown option ${unknownFlag}\n\n${HELP}`)
    return 2
  }
  try {
    config()
  } catch (e: unknown) {
    if (e instanceof ConfigError) {
      console.error(e.message)
      return 2
    }
    throw e
  }
  // Log lines go to stderr so stdout stays a clean table or JSON document.
  setLogger(
    createLogger({
      level: process.env.PORTAL_LOG_LEVEL ?? 'warn',
      destination: pino.destination({ dest: 2, sync: true }),
    }),
  )
  const { checks, runAllChecks, runCheck } = await import('@/lib/checks')
  const { runAsSystem } = await import('@/lib/dal/system')
  const ids = argv.filter((a) => !a.startsWith('-'))
  const unknown = ids.filter((id) => !checks.some((c) => c.id === id))
  if (unknown.length > 0) {
    console.error(`checks: unknown check ${unknown.join(', ')}. Known: ${checks.map((c) => c.id).join(', ')}`)
    return 2
  }
  // A local command run by whoever holds these AWS credentials: the one trusted context without a
  // request, entered explicitly (the portal server refuses it; its reads need a signed-in person).
  const run = await runAsSystem('npm run checks', async () => {
    if (ids.length === 0) return runAllChecks()
    const { createCheckContext } = await import('@/lib/checks/context')
    const ctx = createCheckContext()
    const each = await Promise.all(ids.map((id) => runCheck(id, ctx)))
    const failed = each.find((r) => !r.ok)
    return failed && !failed.ok ? failed : { ok: true as const, data: each.flatMap((r) => (r.ok ? [r.data] : [])) }
  })
  if (!run.ok) {
    console.error(`checks: could not run: ${run.error.message}`)
    return 2
  }
  const results: CheckResult[] = run.data
  // Refused credentials fail every check alike: one message says it, instead of a table of the same error.
  const refused = credentialsRefusal(results)
  if (refused) {
    if (json) console.log(JSON.stringify({ checks: results }, null, 2))
    console.error(refused)
    return 2
  }
  console.log(json ? JSON.stringify({ checks: results }, null, 2) : table(results))
  return exitCodeFor(results)
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code
  },
  (e: unknown) => {
    console.error('checks: could not run:', e instanceof Error ? e.message : e)
    process.exitCode = 2
  },
)
