/**
 * Narrowing helpers for handler input. Every request is checked against the service's model before its
 * handler runs (types, required members, ranges, patterns, enums), so handlers only narrow for
 * TypeScript here; they never need to re-check what the model says.
 */
import type { Input } from './types'

export const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v)

export const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined)

export const num = (v: unknown): number | undefined => (typeof v === 'number' && Number.isFinite(v) ? v : undefined)

export const bool = (v: unknown): boolean | undefined => (typeof v === 'boolean' ? v : undefined)

export const obj = (v: unknown): Input | undefined => (isRecord(v) ? v : undefined)

/** A list member (absent → []). */
export const list = (v: unknown): unknown[] => (Array.isArray(v) ? v : [])

/** A list of strings, or undefined when the member is absent. */
export const strings = (v: unknown): string[] | undefined =>
  Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : undefined

/** A list of structures (absent → []). */
export const records = (v: unknown): Input[] => list(v).filter(isRecord)

/** A string map (absent → undefined), e.g. App Runner's RuntimeEnvironmentVariables. */
export function stringMap(v: unknown): Record<string, string> | undefined {
  if (!isRecord(v)) return undefined
  const out: Record<string, string> = {}
  for (const [k, x] of Object.entries(v)) if (typeof x === 'string') out[k] = x
  return out
}

/** A timestamp member as epoch milliseconds (inputs carry epoch seconds, as the JSON protocols send them). */
export const timeMs = (v: unknown): number | undefined => (typeof v === 'number' && Number.isFinite(v) ? Math.round(v * 1000) : undefined)
