import { renderToStaticMarkup } from 'react-dom/server'
import { describe, expect, it } from 'vitest'

import type { CheckResult } from '@/lib/domain/checks'

import { CheckResultItem } from './check-result-item'
import { parseLastRun } from './last-run-store'
import { checksToMarkdown, countByStatus, sortResults } from './markdown'

const r = (id: string, status: CheckResult['status'], extra: Partial<CheckResult> = {}): CheckResult => ({
  id,
  title: `Title of ${id}`,
  status,
  summary: `${id} is ${status}`,
  evidence: [{ label: 'Seen', value: `value | of ${id}` }],
  fix: status === 'pass' ? null : { steps: ['Do the thing.'], command: `aws fix ${id}`, docs: 'https://docs.aws.amazon.com/x' },
  ...extra,
})

const results = [
  r('a-pass', 'pass'),
  r('b-warn', 'warn'),
  r('c-fail', 'fail'),
  r('d-error', 'error', { awsCode: 'AccessDenied' }),
  r('e-fail', 'fail'),
]

describe('sortResults', () => {
  it('puts fail, then error, warn, pass; stable within a status', () => {
    expect(sortResults(results).map((x) => x.id)).toEqual(['c-fail', 'e-fail', 'd-error', 'b-warn', 'a-pass'])
    expect(countByStatus(results)).toEqual({ fail: 2, error: 1, warn: 1, pass: 1 })
  })
})

describe('checksToMarkdown', () => {
  const md = checksToMarkdown(results, '2026-11-28T03:00:00.000Z')

  it('starts with the time and the counts, then a table in fail-first order', () => {
    expect(md.startsWith('## AppFactory troubleshooting checks — 2026-11-28T03:00:00.000Z\n\n**2 fail · 1 error · 1 warn · 1 pass**')).toBe(
      true,
    )
    expect(md.indexOf('| FAIL | `c-fail`')).toBeLessThan(md.indexOf('| PASS | `a-pass`'))
  })

  it('details every non-passing check with evidence, fix steps and the command in a bash block', () => {
    expect(md).toContain('### FAIL: Title of c-fail (`c-fail`)')
    expect(md).toContain('- Seen: `value | of c-fail`')
    expect(md).toContain('1. Do the thing.')
    expect(md).toContain('```bash\naws fix c-fail\n```')
    expect(md).not.toContain('### PASS')
  })

  it('escapes pipes in table cells', () => {
    expect(checksToMarkdown([r('x', 'fail', { summary: 'a | b' })], 't')).toContain('| a \\| b |')
  })
})

describe('CheckResultItem', () => {
  it('shows the status as text, the evidence and the command, open when failing', () => {
    const html = renderToStaticMarkup(<CheckResultItem result={r('c-fail', 'fail')} />)
    expect(html).toContain('<details')
    expect(html).toContain(' open=""')
    expect(html).toContain('Fail')
    expect(html).toContain('value | of c-fail')
    expect(html).toContain('<pre')
    expect(html).toContain('aws fix c-fail')
  })

  it('is closed and without a fix section when passing', () => {
    const html = renderToStaticMarkup(<CheckResultItem result={r('a-pass', 'pass')} />)
    expect(html).not.toContain(' open=""')
    expect(html).not.toContain('How to fix')
  })
})

describe('parseLastRun', () => {
  it('reads a stored run and ignores anything unreadable', async () => {
    const stored = JSON.stringify({ ranAt: 't', results: [r('a', 'pass')] })
    expect((await parseLastRun(stored))?.results).toHaveLength(1)
    expect(await parseLastRun('{')).toBeNull()
    expect(await parseLastRun(JSON.stringify({ ranAt: 't', results: [{ id: 1 }] }))).toBeNull()
    expect(await parseLastRun(null)).toBeNull()
  })
})
