/**
 * Checks a handler's answer against the operation's output shape: no member the model lacks, required
 * members present, value types right, enum values from the enum. The SDKs ignore members they do not
 * know and quietly drop values of the wrong type, so a wrong answer would otherwise pass unnoticed.
 * The server runs it on every answer when started with `checkOutputs` (the contract tests do).
 */
import { shapeOf, type ServiceModel } from './model'
import { isRecord } from '../core/input'

function check(model: ServiceModel, shapeName: string, value: unknown, path: string, out: string[]): void {
  const shape = shapeOf(model, shapeName)
  const bad = (what: string) => out.push(`${path || '(output)'}: ${what}`)
  switch (shape.type) {
    case 'structure': {
      if (!isRecord(value)) return void bad(`expected a structure (${shapeName}), got ${JSON.stringify(value)}`)
      for (const [k, v] of Object.entries(value)) {
        const ref = shape.members[k]
        if (!ref) bad(`${shapeName} has no member ${k}`)
        else if (v !== undefined && v !== null) check(model, ref.shape, v, path ? `${path}.${k}` : k, out)
      }
      for (const r of shape.required ?? []) if (value[r] === undefined || value[r] === null) bad(`required member ${r} is missing`)
      return
    }
    case 'list':
      if (!Array.isArray(value)) return void bad(`expected a list, got ${typeof value}`)
      value.forEach((v, i) => check(model, shape.member.shape, v, `${path}[${i}]`, out))
      return
    case 'map':
      if (!isRecord(value)) return void bad(`expected a map, got ${typeof value}`)
      for (const [k, v] of Object.entries(value)) check(model, shape.value.shape, v, `${path}{${k}}`, out)
      return
    case 'string':
      if (typeof value !== 'string') return void bad(`expected a string, got ${typeof value}`)
      if (shape.enum && !shape.enum.includes(value)) bad(`"${value}" is not one of ${shape.enum.join(', ')}`)
      return
    case 'integer':
    case 'long':
      if (typeof value !== 'number' || !Number.isInteger(value)) bad(`expected an integer, got ${JSON.stringify(value)}`)
      return
    case 'double':
    case 'float':
      if (typeof value !== 'number' || !Number.isFinite(value)) bad(`expected a number, got ${JSON.stringify(value)}`)
      return
    case 'boolean':
      if (typeof value !== 'boolean') bad(`expected a boolean, got ${JSON.stringify(value)}`)
      return
    case 'timestamp':
      if (typeof value !== 'number' || !Number.isFinite(value)) bad(`expected a timestamp (epoch seconds), got ${JSON.stringify(value)}`)
      return
    case 'blob':
      if (typeof value !== 'string') bad(`expected a blob (base64 string), got ${typeof value}`)
      return
  }
}

/** Every way `output` departs from the output shape of `operation` (empty when it conforms). */
export function checkOutput(model: ServiceModel, operation: string, output: unknown): string[] {
  const shapeName = model.operations[operation]?.output
  const out: string[] = []
  if (shapeName === undefined) {
    if (output !== undefined && output !== null && !(isRecord(output) && Object.keys(output).length === 0))
      out.push(`${operation} has no output shape, but the handler answered ${JSON.stringify(output)}`)
    return out
  }
  check(model, shapeName, output ?? {}, '', out)
  return out
}
