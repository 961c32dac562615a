/** JSON filter patterns of CloudWatch Logs: `{ $.a.b = "x" && ($.n >= 500 || $.c IS NULL) }`. */
import { compare, FilterPatternError, type Comparison, type EventMatcher } from './filter-pattern-base'

type JsonValue = unknown
type Selector = (string | number)[]
type Node =
  | { kind: 'and' | 'or'; left: Node; right: Node }
  | { kind: 'cmp'; sel: Selector; op: Comparison; value: { type: 'num'; n: number } | { type: 'str'; s: string } }
  | { kind: 'is'; sel: Selector; what: 'TRUE' | 'FALSE' | 'NULL' }
  | { kind: 'exists'; sel: Selector; negate: boolean }

type Tok = { t: 'sel' | 'op' | 'num' | 'str' | 'word' | '(' | ')' | '&&' | '||'; v: string }

function tokenizeJson(src: string): Tok[] {
  const out: Tok[] = []
  let i = 0
  const bad = () => new FilterPatternError(`Invalid character(s) in JSON filter pattern at position ${i}.`)
  while (i < src.length) {
    const c = src[i]!
    if (/\s/.test(c)) {
      i++
    } else if (c === '(' || c === ')') {
      out.push({ t: c, v: c })
      i++
    } else if (src.startsWith('&&', i) || src.startsWith('||', i)) {
      out.push({ t: src.slice(i, i + 2) as '&&' | '||', v: src.slice(i, i + 2) })
      i += 2
    } else if (c === '$') {
      let j = i + 1
      while (j < src.length && /[A-Za-z0-9_.\-@[\]*]/.test(src[j]!)) j++
      out.push({ t: 'sel', v: src.slice(i, j) })
      i = j
    } else if (/[=!<>]/.test(c)) {
      const two = src.slice(i, i + 2)
      if (two === '!=' || two === '>=' || two === '<=') {
        out.push({ t: 'op', v: two })
        i += 2
      } else if (c === '=' || c === '>' || c === '<') {
        out.push({ t: 'op', v: c })
        i++
      } else throw bad()
    } else if (c === '"') {
      let j = i + 1
      let s = ''
      while (j < src.length && src[j] !== '"') {
        if (src[j] === '\\' && j + 1 < src.length) j++
        s += src[j]
        j++
      }
      if (j >= src.length) throw bad()
      out.push({ t: 'str', v: s })
      i = j + 1
    } else {
      let j = i
      while (j < src.length && !/[\s()=!<>&|"]/.test(src[j]!)) j++
      if (j === i) throw bad()
      const w = src.slice(i, j)
      out.push({ t: /^-?\d+(\.\d+)?([eE][-+]?\d+)?$/.test(w) ? 'num' : 'word', v: w })
      i = j
    }
  }
  return out
}

function parseSelector(s: string): Selector {
  const path: Selector = []
  const re = /\.([A-Za-z0-9_\-@]+)|\[(\d+)\]/y
  let i = 1
  while (i < s.length) {
    re.lastIndex = i
    const m = re.exec(s)
    if (!m) throw new FilterPatternError(`Invalid selector ${s} in JSON filter pattern.`)
    path.push(m[1] !== undefined ? m[1] : Number(m[2]))
    i = re.lastIndex
  }
  if (path.length === 0) throw new FilterPatternError('A JSON filter pattern needs a selector such as $.field.')
  return path
}

export function compileJsonPattern(p: string): EventMatcher {
  if (!p.endsWith('}')) throw new FilterPatternError('Unbalanced braces in JSON filter pattern.')
  const toks = tokenizeJson(p.slice(1, -1))
  let pos = 0
  const peek = () => toks[pos]
  const next = () => {
    const t = toks[pos++]
    if (!t) throw new FilterPatternError('Unexpected end of JSON filter pattern.')
    return t
  }
  const parseOr = (): Node => {
    let left = parseAnd()
    while (peek()?.t === '||') {
      pos++
      left = { kind: 'or', left, right: parseAnd() }
    }
    return left
  }
  const parseAnd = (): Node => {
    let left = parseUnary()
    while (peek()?.t === '&&') {
      pos++
      left = { kind: 'and', left, right: parseUnary() }
    }
    return left
  }
  const parseUnary = (): Node => {
    const t = next()
    if (t.t === '(') {
      const inner = parseOr()
      if (next().t !== ')') throw new FilterPatternError('Unbalanced parentheses in JSON filter pattern.')
      return inner
    }
    if (t.t !== 'sel') throw new FilterPatternError(`Expected a selector such as $.field, found "${t.v}".`)
    const sel = parseSelector(t.v)
    const o = next()
    if (o.t === 'word' && o.v.toUpperCase() === 'IS') {
      const w = next().v.toUpperCase()
      if (w !== 'TRUE' && w !== 'FALSE' && w !== 'NULL') throw new FilterPatternError('IS must be followed by TRUE, FALSE or NULL.')
      return { kind: 'is', sel, what: w }
    }
    if (o.t === 'word' && o.v.toUpperCase() === 'EXISTS') return { kind: 'exists', sel, negate: false }
    if (o.t === 'word' && o.v.toUpperCase() === 'NOT') {
      if (next().v.toUpperCase() !== 'EXISTS') throw new FilterPatternError('NOT must be followed by EXISTS.')
      return { kind: 'exists', sel, negate: true }
    }
    if (o.t !== 'op') throw new FilterPatternError(`Expected a comparison operator after ${t.v}.`)
    const v = next()
    const op = o.v as Comparison
    if (v.t === 'num') return { kind: 'cmp', sel, op, value: { type: 'num', n: Number(v.v) } }
    if (v.t === 'str' || v.t === 'word') {
      if (op !== '=' && op !== '!=') throw new FilterPatternError(`Operator ${op} needs a numeric value.`)
      return { kind: 'cmp', sel, op, value: { type: 'str', s: v.v } }
    }
    throw new FilterPatternError(`Expected a value after ${op}.`)
  }
  const tree = parseOr()
  if (pos !== toks.length) throw new FilterPatternError(`Unexpected "${toks[pos]!.v}" in JSON filter pattern.`)
  return (m) => {
    const s = m.trimStart()
    if (!s.startsWith('{') && !s.startsWith('[')) return false
    let doc: JsonValue
    try {
      doc = JSON.parse(s)
    } catch {
      return false
    }
    return evalNode(tree, doc)
  }
}

const MISSING = Symbol('missing')

function select(doc: JsonValue, sel: Selector): JsonValue | typeof MISSING {
  let cur: JsonValue = doc
  for (const k of sel) {
    if (typeof k === 'number') {
      if (!Array.isArray(cur) || k >= cur.length) return MISSING
      cur = cur[k]
    } else {
      if (cur === null || typeof cur !== 'object' || Array.isArray(cur) || !Object.prototype.hasOwnProperty.call(cur, k)) return MISSING
      cur = (cur as Record<string, unknown>)[k]
    }
  }
  return cur
}

function evalNode(n: Node, doc: JsonValue): boolean {
  switch (n.kind) {
    case 'and':
      return evalNode(n.left, doc) && evalNode(n.right, doc)
    case 'or':
      return evalNode(n.left, doc) || evalNode(n.right, doc)
    case 'exists':
      return (select(doc, n.sel) !== MISSING) !== n.negate
    case 'is': {
      const v = select(doc, n.sel)
      return n.what === 'NULL' ? v === null : v === (n.what === 'TRUE')
    }
    case 'cmp': {
      const v = select(doc, n.sel)
      if (v === MISSING) return false
      // A numeric comparison only matches JSON numbers ("500" as a string does not equal 500).
      if (n.value.type === 'num' && typeof v !== 'number') return false
      return compare(v, n.op, n.value)
    }
  }
}
