/** What the filter-pattern compilers share: the matcher type, the error, and `*` wildcards. */

export class FilterPatternError extends Error {}

/** Whether one event's message matches a compiled pattern. */
export type EventMatcher = (message: string) => boolean

/** Whether `s` matches `glob`, where `*` stands for any run of characters. */
export function globMatch(glob: string, s: string): boolean {
  if (!glob.includes('*')) return glob === s
  const re = new RegExp(
    `^${glob
      .split('*')
      .map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
      .join('.*')}$`,
    's',
  )
  return re.test(s)
}

export type Comparison = '=' | '!=' | '>' | '>=' | '<' | '<='

/** A field compared with a number (numeric fields only) or a string (`*` wildcards; = and != only). */
export function compare(value: unknown, op: Comparison, target: { type: 'num'; n: number } | { type: 'str'; s: string }): boolean {
  if (target.type === 'num') {
    const v = typeof value === 'number' ? value : typeof value === 'string' && value.trim() !== '' ? Number(value) : NaN
    if (!Number.isFinite(v)) return false
    const x = target.n
    switch (op) {
      case '=':
        return v === x
      case '!=':
        return v !== x
      case '>':
        return v > x
      case '>=':
        return v >= x
      case '<':
        return v < x
      case '<=':
        return v <= x
    }
  }
  if (typeof value !== 'string' && typeof value !== 'number' && typeof value !== 'boolean') return false
  const eq = globMatch(target.s, String(value))
  return op === '=' ? eq : !eq
}
