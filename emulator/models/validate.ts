/**
 * Checks a request's input against its operation's input shape, as AWS's front end does before the
 * service sees it: types, required members, min/max of numbers and of string/list/map lengths, patterns
 * (whole-value matches) and enums. Unknown members are ignored, as AWS ignores them. Returns every
 * violation; emulator/models/validation-errors.ts words them the way the service does.
 */
import { shapeOf, type ServiceModel, type Shape } from './model'
import { isRecord } from '../core/input'

/** A path from the input's top: member names, list indices (numbers), and map keys (`{ key }`). */
export type PathSegment = string | number | { key: string }

export type Violation = {
  path: PathSegment[]
  value: unknown
  kind: 'required' | 'type' | 'min' | 'max' | 'minLength' | 'maxLength' | 'pattern' | 'enum'
  /** The bound, pattern or enum that was broken; for `type`, the expected type. */
  limit?: number | string | string[]
  /** For `min`/`max`: both bounds of the member, when the model gives them. */
  range?: { min?: number; max?: number }
}

const patterns = new Map<string, RegExp | null>()

/**
 * Model patterns are Java regular expressions matched against the whole value (`.` does not match a line
 * break, as in Java); the few that JavaScript cannot compile are skipped.
 */
function compiled(pattern: string): RegExp | null {
  let re = patterns.get(pattern)
  if (re === undefined) {
    try {
      re = new RegExp(`^(?:${pattern})$`)
    } catch {
      re = null
    }
    patterns.set(pattern, re)
  }
  return re
}

function sizeBounds(shape: Shape, size: number, path: PathSegment[], value: unknown, out: Violation[]): void {
  if (shape.min !== undefined && size < shape.min) out.push({ path, value, kind: 'minLength', limit: shape.min })
  if (shape.max !== undefined && size > shape.max) out.push({ path, value, kind: 'maxLength', limit: shape.max })
}

function check(model: ServiceModel, shapeName: string, value: unknown, path: PathSegment[], out: Violation[]): void {
  const shape = shapeOf(model, shapeName)
  const wrongType = () => out.push({ path, value, kind: 'type', limit: shape.type })
  switch (shape.type) {
    case 'structure': {
      if (!isRecord(value)) return void wrongType()
      for (const name of shape.required ?? []) {
        if (value[name] === undefined || value[name] === null) out.push({ path: [...path, name], value: null, kind: 'required' })
      }
      for (const [name, ref] of Object.entries(shape.members)) {
        const v = value[name]
        if (v !== undefined && v !== null) check(model, ref.shape, v, [...path, name], out)
      }
      return
    }
    case 'list': {
      if (!Array.isArray(value)) return void wrongType()
      sizeBounds(shape, value.length, path, value, out)
      value.forEach((v, i) => check(model, shape.member.shape, v, [...path, i], out))
      return
    }
    case 'map': {
      if (!isRecord(value)) return void wrongType()
      const entries = Object.entries(value)
      sizeBounds(shape, entries.length, path, value, out)
      for (const [k, v] of entries) {
        check(model, shape.key.shape, k, [...path, { key: k }], out)
        check(model, shape.value.shape, v, [...path, k], out)
      }
      return
    }
    case 'string': {
      if (typeof value !== 'string') return void wrongType()
      sizeBounds(shape, value.length, path, value, out)
      if (shape.enum && !shape.enum.includes(value)) out.push({ path, value, kind: 'enum', limit: shape.enum })
      const re = shape.pattern === undefined ? null : compiled(shape.pattern)
      if (re && shape.pattern !== undefined && !re.test(value)) out.push({ path, value, kind: 'pattern', limit: shape.pattern })
      return
    }
    case 'integer':
    case 'long':
    case 'double':
    case 'float': {
      const integral = shape.type === 'integer' || shape.type === 'long'
      if (typeof value !== 'number' || !Number.isFinite(value) || (integral && !Number.isInteger(value))) return void wrongType()
      const range = { min: shape.min, max: shape.max }
      if (shape.min !== undefined && value < shape.min) out.push({ path, value, kind: 'min', limit: shape.min, range })
      if (shape.max !== undefined && value > shape.max) out.push({ path, value, kind: 'max', limit: shape.max, range })
      return
    }
    case 'boolean':
      if (typeof value !== 'boolean') wrongType()
      return
    case 'timestamp':
      if (typeof value !== 'number' || !Number.isFinite(value)) wrongType()
      return
    case 'blob':
      if (typeof value !== 'string') return void wrongType()
      sizeBounds(shape, value.length, path, value, out)
      return
  }
}

/** Every way `input` breaks the input shape of `operation` (an empty list when it conforms). */
export function validateInput(model: ServiceModel, operation: string, input: Record<string, unknown>): Violation[] {
  const shapeName = model.operations[operation]?.input
  if (shapeName === undefined) return []
  const out: Violation[] = []
  check(model, shapeName, input, [], out)
  return out
}
