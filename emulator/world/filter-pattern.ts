/**
 * CloudWatch Logs filter patterns
 * (https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/FilterAndPatternSyntax.html): terms, quoted
 * phrases, `?any`, `-none`, `%regex%`, space-delimited `[a, b=5*, ...]` (./filter-pattern-space) and JSON
 * `{ $.a = "x" }` (./filter-pattern-json) patterns.
 */
import { FilterPatternError, type EventMatcher } from './filter-pattern-base'
import { compileJsonPattern } from './filter-pattern-json'
import { compileSpacePattern } from './filter-pattern-space'

export { FilterPatternError, type EventMatcher }

/**
 * Compiles a CloudWatch Logs filter pattern
 * (https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/FilterAndPatternSyntax.html):
 * plain terms (all must appear, case-sensitive), "quoted phrases", `?term` (at least one of them),
 * `-term` (none of them), `%regex%`, space-delimited patterns `[level, status=5*, ...]`, and JSON patterns `{ $.a.b = "x" && ($.n >= 500 || $.c IS NULL) }`
 * with = != > >= < <=, `*` wildcards in string values, IS TRUE/FALSE/NULL, EXISTS and NOT EXISTS.
 * An empty pattern matches everything. Throws FilterPatternError when the pattern is malformed.
 */
export function compileFilterPattern(pattern: string | undefined): EventMatcher {
  const p = (pattern ?? '').trim()
  if (p === '' || p === '""') return () => true
  if (p.startsWith('{')) return compileJsonPattern(p)
  if (p.startsWith('[')) return compileSpacePattern(p)
  if (p.length > 2 && p.startsWith('%') && p.endsWith('%')) {
    let re: RegExp
    try {
      re = new RegExp(p.slice(1, -1))
    } catch {
      throw new FilterPatternError('Invalid regular expression in filter pattern.')
    }
    return (m) => re.test(m)
  }
  return compileTermPattern(p)
}

function compileTermPattern(p: string): EventMatcher {
  const all: string[] = []
  const any: string[] = []
  const none: string[] = []
  let i = 0
  while (i < p.length) {
    while (i < p.length && /\s/.test(p[i]!)) i++
    if (i >= p.length) break
    let kind: 'all' | 'any' | 'none' = 'all'
    if (p[i] === '?') {
      kind = 'any'
      i++
    } else if (p[i] === '-' && i + 1 < p.length && !/\s/.test(p[i + 1]!)) {
      kind = 'none'
      i++
    }
    let term = ''
    if (p[i] === '"') {
      i++
      let closed = false
      while (i < p.length) {
        const c = p[i]!
        if (c === '\\' && i + 1 < p.length) {
          term += p[i + 1]
          i += 2
          continue
        }
        if (c === '"') {
          closed = true
          i++
          break
        }
        term += c
        i++
      }
      if (!closed) throw new FilterPatternError('Unterminated quoted term in filter pattern.')
    } else {
      while (i < p.length && !/\s/.test(p[i]!)) term += p[i++]
    }
    if (term === '') continue
    ;(kind === 'all' ? all : kind === 'any' ? any : none).push(term)
  }
  return (m) => all.every((t) => m.includes(t)) && (any.length === 0 || any.some((t) => m.includes(t))) && !none.some((t) => m.includes(t))
}
