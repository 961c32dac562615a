/**
 * Process-wide state, one way. Next loads a server module once per route bundle, so a module-level
 * variable exists once per bundle inside one server process: a write's cache invalidation in an API
 * route would not reach what the pages read, each bundle would open its own database connection and
 * resolve credentials again. What every bundle must share lives here instead, under a name.
 */
const registryKey = Symbol.for('appfactory.portal.process-state')
const holder = globalThis as typeof globalThis & { [registryKey]?: Map<string, unknown> }

/** The process-wide value registered under `name`, created by `init` on first use. */
export function processState<T>(name: string, init: () => T): T {
  const registry = (holder[registryKey] ??= new Map<string, unknown>())
  if (!registry.has(name)) registry.set(name, init())
  return registry.get(name) as T
}

/** A process-wide slot for a value that is replaced as a whole (a logger, a discovered provider). */
export type Slot<T> = { current: T | undefined }

/** The process-wide slot registered under `name` (empty at first). */
export const processSlot = <T>(name: string): Slot<T> => processState<Slot<T>>(name, () => ({ current: undefined }))
