/**
 * Space-delimited filter patterns of CloudWatch Logs: `[ip, user, ..., status=5*, bytes>1000]`.
 *
 * An event is split into fields at spaces; text between double quotes or square brackets is one field
 * (without its quotes or brackets). Each pattern field names a field and may compare it (`= != > >= < <=`,
 * `*` wildcards in strings, numbers compared as numbers) — several comparisons of the same field may be
 * joined with `&&` or `||`. `...` stands for any number of fields. Without `...`, the event must have
 * exactly as many fields as the pattern.
 */
import { compare, FilterPatternError, type Comparison, type EventMatcher } from './filter-pattern-base'

type Condition = { op: Comparison; value: { type: 'num'; n: number } | { type: 'str'; s: string } }
/** One pattern field: `...`, or a named field whose conditions are all ANDed groups ORed together. */
type Field = { kind: 'ellipsis' } | { kind: 'field'; name: string; anyOf: Condition[][] }

const NAME = /^[A-Za-z_][A-Za-z0-9_]*$/
const CONDITION = /^([A-Za-z_][A-Za-z0-9_]*)\s*(!=|>=|<=|=|>|<)\s*(.+)$/

/** Splits on `sep` outside double quotes. */
function splitOutsideQuotes(s: string, sep: string): string[] {
  const out: string[] = []
  let cur = ''
  let quoted = false
  for (let i = 0; i < s.length; i++) {
    const c = s[i]!
    if (c === '"') quoted = !quoted
    if (!quoted && s.startsWith(sep, i)) {
      out.push(cur)
      cur = ''
      i += sep.length - 1
      continue
    }
    cur += c
  }
  if (quoted) throw new FilterPatternError('Unterminated quoted value in filter pattern.')
  out.push(cur)
  return out
}

function parseCondition(text: string, field: string): Condition {
  const m = text.trim().match(CONDITION)
  if (!m) throw new FilterPatternError(`Invalid condition "${text.trim()}" in space-delimited filter pattern.`)
  if (m[1] !== field) throw new FilterPatternError(`A condition on field ${field} names another field (${m[1] ?? ''}).`)
  const op = m[2] as Comparison
  const raw = m[3]!.trim()
  if (/^-?\d+(\.\d+)?([eE][-+]?\d+)?$/.test(raw)) return { op, value: { type: 'num', n: Number(raw) } }
  if (op !== '=' && op !== '!=') throw new FilterPatternError(`Operator ${op} needs a numeric value.`)
  const s = raw.startsWith('"') && raw.endsWith('"') && raw.length >= 2 ? raw.slice(1, -1) : raw
  return { op, value: { type: 'str', s } }
}

function parseField(text: string): Field {
  const t = text.trim()
  if (t === '...') return { kind: 'ellipsis' }
  if (NAME.test(t)) return { kind: 'field', name: t, anyOf: [] }
  const name = t.match(/^([A-Za-z_][A-Za-z0-9_]*)/)?.[1]
  if (!name) throw new FilterPatternError(`Invalid field "${t}" in space-delimited filter pattern.`)
  const anyOf = splitOutsideQuotes(t, '||').map((group) => splitOutsideQuotes(group, '&&').map((c) => parseCondition(c, name)))
  return { kind: 'field', name, anyOf }
}

/** The fields of one event: space-separated, with "quoted" and [bracketed] runs kept whole. */
export function splitEventFields(message: string): string[] {
  const out: string[] = []
  let i = 0
  const s = message.trim()
  while (i < s.length) {
    while (i < s.length && /\s/.test(s[i]!)) i++
    if (i >= s.length) break
    const open = s[i]!
    const close = open === '"' ? '"' : open === '[' ? ']' : undefined
    if (close) {
      const end = s.indexOf(close, i + 1)
      if (end > 0) {
        out.push(s.slice(i + 1, end))
        i = end + 1
        continue
      }
    }
    let j = i
    while (j < s.length && !/\s/.test(s[j]!)) j++
    out.push(s.slice(i, j))
    i = j
  }
  return out
}

const fieldMatches = (f: Extract<Field, { kind: 'field' }>, value: string) =>
  f.anyOf.length === 0 || f.anyOf.some((group) => group.every((c) => compare(value, c.op, c.value)))

/** Pattern fields against event fields, `...` matching any run (including none). */
function matchFrom(pattern: Field[], p: number, values: string[], v: number): boolean {
  if (p === pattern.length) return v === values.length
  const f = pattern[p]!
  if (f.kind === 'ellipsis') {
    for (let k = v; k <= values.length; k++) if (matchFrom(pattern, p + 1, values, k)) return true
    return false
  }
  return v < values.length && fieldMatches(f, values[v]!) && matchFrom(pattern, p + 1, values, v + 1)
}

export function compileSpacePattern(p: string): EventMatcher {
  if (!p.endsWith(']')) throw new FilterPatternError('Unbalanced brackets in space-delimited filter pattern.')
  const inner = p.slice(1, -1).trim()
  if (inner === '') throw new FilterPatternError('A space-delimited filter pattern needs at least one field.')
  const fields = splitOutsideQuotes(inner, ',').map(parseField)
  return (m) => matchFrom(fields, 0, splitEventFields(m), 0)
}
