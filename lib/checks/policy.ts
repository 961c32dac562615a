import 'server-only'

/**
 * Pure IAM policy evaluation for the troubleshooting checks: enough of the IAM policy language to
 * answer "may this role push to ECR?" and "may GitHub workflows of repo X assume this role?" —
 * without calling AWS. Deliberately conservative: anything it cannot evaluate never counts as an
 * Allow, so a check never passes by accident.
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements.html
 */
import { decodePolicyText } from '@/lib/domain/iam'
import { err, ok, type Result } from '@/lib/result'
import { appError } from '@/lib/domain/errors'

export type Principal = { type: string; values: string[] } | '*'

export type Condition = {
  /** Operator without set prefix / IfExists suffix, e.g. `StringLike`. */
  operator: string
  /** Full operator as written, e.g. `ForAnyValue:StringLike`. */
  rawOperator: string
  key: string
  values: string[]
  ifExists: boolean
}

export type Statement = {
  sid: string | null
  effect: 'Allow' | 'Deny'
  actions: string[]
  notActions: string[]
  resources: string[]
  notResources: string[]
  principals: Principal[]
  conditions: Condition[]
}

export type Policy = { statements: Statement[] }

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v)

/** A string or list of strings (IAM allows both almost everywhere); other values are dropped. */
const strings = (v: unknown): string[] =>
  typeof v === 'string'
    ? [v]
    : Array.isArray(v)
      ? v.filter((x): x is string => typeof x === 'string')
      : typeof v === 'boolean' || typeof v === 'number'
        ? [String(v)]
        : []

function parsePrincipal(v: unknown): Principal[] {
  if (v === undefined) return []
  if (v === '*') return ['*']
  if (!isRecord(v)) return []
  return Object.entries(v).map(([type, values]) => ({ type, values: strings(values) }))
}

function parseConditions(v: unknown): Condition[] {
  if (!isRecord(v)) return []
  const out: Condition[] = []
  for (const [rawOperator, block] of Object.entries(v)) {
    if (!isRecord(block)) continue
    const withoutSet = rawOperator.replace(/^(ForAnyValue|ForAllValues):/i, '')
    const ifExists = /IfExists$/i.test(withoutSet)
    const operator = withoutSet.replace(/IfExists$/i, '')
    for (const [key, values] of Object.entries(block)) out.push({ operator, rawOperator, key, values: strings(values), ifExists })
  }
  return out
}

function parseStatement(v: unknown): Statement | null {
  if (!isRecord(v)) return null
  const effect = v.Effect === 'Allow' || v.Effect === 'Deny' ? v.Effect : null
  if (!effect) return null
  return {
    sid: typeof v.Sid === 'string' ? v.Sid : null,
    effect,
    actions: strings(v.Action),
    notActions: strings(v.NotAction),
    resources: strings(v.Resource),
    notResources: strings(v.NotResource),
    principals: v.Principal === '*' ? ['*'] : parsePrincipal(v.Principal),
    conditions: parseConditions(v.Condition),
  }
}

/**
 * Parses a policy document: JSON text (URL-encoded as IAM returns it, or plain) or an object.
 * `Statement` may be one object or a list. Statements without a valid Effect are ignored.
 */
export function parsePolicy(input: unknown): Result<Policy> {
  let doc: unknown = input
  if (typeof input === 'string') {
    try {
      doc = JSON.parse(decodePolicyText(input))
    } catch {
      return err(appError('invalid_input', 'The policy document is not valid JSON.'))
    }
  }
  if (!isRecord(doc)) return err(appError('invalid_input', 'The policy document is not a JSON object.'))
  const raw = doc.Statement
  const list = Array.isArray(raw) ? raw : raw === undefined ? [] : [raw]
  return ok({ statements: list.map(parseStatement).filter((s): s is Statement => s !== null) })
}

const regexCache = new Map<string, RegExp>()

/** IAM wildcard match: `*` any run of characters, `?` exactly one. Case-sensitive unless told otherwise. */
export function globMatch(pattern: string, value: string, caseInsensitive = false): boolean {
  const key = `${caseInsensitive ? 'i' : 's'}:${pattern}`
  let re = regexCache.get(key)
  if (!re) {
    const body = pattern
      .split('')
      .map((c) => (c === '*' ? '.*' : c === '?' ? '.' : c.replace(/[.+^${}()|[\]\\]/g, '\\$&')))
      .join('')
    re = new RegExp(`^${body}$`, caseInsensitive ? 'is' : 's')
    regexCache.set(key, re)
  }
  return re.test(value)
}

/** Action names are case-insensitive in IAM (`ecr:putimage` = `ecr:PutImage`). */
const actionMatches = (patterns: string[], action: string) => patterns.some((p) => globMatch(p, action, true))
/** Resource ARNs are compared case-sensitively. */
const resourceMatches = (patterns: string[], resource: string) => patterns.some((p) => globMatch(p, resource))

/** True when the statement applies to the action (Action / NotAction). */
export function statementCoversAction(s: Statement, action: string): boolean {
  if (s.actions.length > 0) return actionMatches(s.actions, action)
  if (s.notActions.length > 0) return !actionMatches(s.notActions, action)
  return false
}

/** True when the statement applies to the resource (Resource / NotResource; none = trust policy, applies). */
export function statementCoversResource(s: Statement, resource: string): boolean {
  if (s.resources.length > 0) return resourceMatches(s.resources, resource)
  if (s.notResources.length > 0) return !resourceMatches(s.notResources, resource)
  return true
}

export type Decision = {
  decision: 'allowed' | 'denied' | 'implicit-deny'
  /** Labels (policy name / Sid) of the statements that decided. */
  by: string[]
  /** Allow statements that would apply but carry conditions (not counted as allowing). */
  conditionalAllows: string[]
}

export type NamedPolicy = { name: string; policy: Policy }

const label = (p: NamedPolicy, s: Statement, i: number) => `${p.name}${s.sid ? ` (${s.sid})` : ` statement ${i + 1}`}`

/**
 * Identity-based evaluation of one action on one resource across several policies: an explicit
 * Deny wins over any Allow; no Allow means an implicit deny. A conditional Deny counts as a Deny and
 * a conditional Allow does not count — the conservative reading, since conditions depend on the request.
 */
export function evaluateAction(policies: NamedPolicy[], action: string, resource: string): Decision {
  const allows: string[] = []
  const denies: string[] = []
  const conditionalAllows: string[] = []
  for (const p of policies) {
    p.policy.statements.forEach((s, i) => {
      if (!statementCoversAction(s, action) || !statementCoversResource(s, resource)) return
      if (s.effect === 'Deny') denies.push(label(p, s, i))
      else if (s.conditions.length > 0) conditionalAllows.push(label(p, s, i))
      else allows.push(label(p, s, i))
    })
  }
  if (denies.length > 0) return { decision: 'denied', by: denies, conditionalAllows }
  if (allows.length > 0) return { decision: 'allowed', by: allows, conditionalAllows }
  return { decision: 'implicit-deny', by: [], conditionalAllows }
}

/** Looks a condition key up in the request context; condition keys are case-insensitive. */
function contextValue(context: Record<string, string>, key: string): string | undefined {
  const k = Object.keys(context).find((c) => c.toLowerCase() === key.toLowerCase())
  return k === undefined ? undefined : context[k]
}

/** Evaluates one condition against a request context. Unknown operators evaluate to false. */
export function conditionHolds(c: Condition, context: Record<string, string>): boolean {
  const actual = contextValue(context, c.key)
  // A missing key satisfies …IfExists and the negated operators, and nothing else (IAM's rules).
  if (actual === undefined) return c.ifExists || c.operator.startsWith('StringNot')
  switch (c.operator) {
    case 'StringEquals':
      return c.values.includes(actual)
    case 'StringEqualsIgnoreCase':
      return c.values.some((v) => v.toLowerCase() === actual.toLowerCase())
    case 'StringLike':
    case 'ArnLike':
      return c.values.some((v) => globMatch(v, actual))
    case 'ArnEquals':
      return c.values.includes(actual)
    case 'StringNotEquals':
      return !c.values.includes(actual)
    case 'StringNotEqualsIgnoreCase':
      return !c.values.some((v) => v.toLowerCase() === actual.toLowerCase())
    case 'StringNotLike':
      return !c.values.some((v) => globMatch(v, actual))
    default:
      return false
  }
}

/** All conditions of a statement hold (operators AND, keys AND, values OR). */
export const conditionsHold = (conditions: Condition[], context: Record<string, string>): boolean =>
  conditions.every((c) => conditionHolds(c, context))

/** True when the statement's Principal names this principal (`*`, `{"AWS": "*"}` or the exact value). */
export function principalMatches(s: Statement, type: string, value: string): boolean {
  return s.principals.some(
    (p) => p === '*' || (p.type.toLowerCase() === type.toLowerCase() && p.values.some((v) => v === '*' || v === value)),
  )
}

/**
 * Can a web-identity token with this context assume the role? Deny statements that match win.
 * Returns the Allow statements that grant it.
 */
export function trustAllows(policy: Policy, providerArn: string, context: Record<string, string>): { allowed: boolean; by: Statement[] } {
  const action = 'sts:AssumeRoleWithWebIdentity'
  const applies = (s: Statement) => statementCoversAction(s, action) && principalMatches(s, 'Federated', providerArn)
  const denied = policy.statements.some((s) => s.effect === 'Deny' && applies(s) && conditionsHold(s.conditions, context))
  const by = policy.statements.filter((s) => s.effect === 'Allow' && applies(s) && conditionsHold(s.conditions, context))
  return { allowed: !denied && by.length > 0, by }
}

/** The condition values a statement places on one key (any operator), e.g. every `…:sub` pattern. */
export function conditionValues(s: Statement, key: string): { operator: string; values: string[] }[] {
  return s.conditions.filter((c) => c.key.toLowerCase() === key.toLowerCase()).map((c) => ({ operator: c.rawOperator, values: c.values }))
}
