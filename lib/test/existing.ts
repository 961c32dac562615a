import { isNotCreated, type NotCreated } from '@/lib/domain/setup.values'
import type { Result } from '@/lib/result'

/** The data of a successful read of something that exists; throws (failing the test) on an error or a not-created state. */
export function existing<T>(r: Result<T | NotCreated>): T {
  if (!r.ok) throw new Error(`expected data, got the error ${r.error.code}: ${r.error.message}`)
  if (isNotCreated(r.data)) throw new Error(`expected data, got: ${r.data.resource} is not created yet`)
  return r.data
}
