import type { z } from 'zod/mini'

import type { AppError } from '@/lib/domain/errors'
import { appError, asAppError } from '@/lib/domain/errors.values'

/** A failed query: carries the AppError the API (or the server loader) reported. */
export class QueryError extends Error {
  override name = 'QueryError'
  constructor(readonly appError: AppError) {
    super(appError.message)
  }
}

/** Any thrown value → the AppError a panel shows (QueryError, a dehydrated plain AppError, or a bug). */
export function toPanelError(e: unknown): AppError {
  if (e instanceof QueryError) return e.appError
  // Runs during render (also of server errors hydrated from the page), so it narrows without zod.
  return (
    asAppError(e) ??
    appError('internal', 'Something went wrong in the portal while loading this panel.', {
      hint: 'Retry; if it persists, the server log has the details.',
    })
  )
}

/** How often polling panels refresh when nothing is changing, and while something is. */
export const refreshIdleMs = 30_000
export const refreshBusyMs = 1_500

/**
 * The lib/domain schema an answer is parsed with, or the promise of it. Query functions pass
 * `import('@/lib/domain/<area>').then((m) => m.xSchema)`: the import starts with the request, and zod
 * with the schemas stays out of every page's first-load JavaScript (panels start from server data).
 */
export type SchemaSource<T> = z.ZodMiniType<T> | Promise<z.ZodMiniType<T>>

// Not an AWS failure: the browser could not load one of the portal's own scripts.
const schemaUnavailable = () =>
  new QueryError(
    appError('portal_unreachable', 'The browser could not load part of the portal (a script of this page).', {
      hint: 'Reload the page; the portal may have been updated or be unreachable.',
    }),
  )

/** The browser got no answer from the portal at all. */
const unreachable = () =>
  new QueryError(
    appError('portal_unreachable', 'The browser could not reach the portal.', {
      hint: 'Check your connection and whether the portal is running, then retry.',
      retryable: true,
    }),
  )

/**
 * A failed answer without the portal's error body: a gateway in front of the portal (502–504) means
 * the portal could not be reached; anything else is the portal's own fault.
 */
function unexplained(status: number, path: string): QueryError {
  if (status === 401)
    return new QueryError(appError('unauthenticated', 'Your session has ended.', { hint: 'Sign in again.', httpStatus: 401 }))
  if (status === 502 || status === 503 || status === 504)
    return new QueryError(
      appError('portal_unreachable', `The browser could not reach the portal: a gateway answered HTTP ${status} for ${path}.`, {
        hint: 'The portal may be restarting; retry in a moment.',
        httpStatus: status,
        retryable: true,
      }),
    )
  return new QueryError(
    appError('internal', `The portal answered HTTP ${status} for ${path} without saying why.`, {
      hint: 'This is a fault in the portal; the server log has the details.',
      httpStatus: status,
    }),
  )
}

/** Settles a schema source at once (so a failed chunk load is never an unhandled rejection); awaited after the response. */
function settle<T>(schema: SchemaSource<T>): Promise<z.ZodMiniType<T> | QueryError> {
  return Promise.resolve(schema).then(
    (s) => s,
    () => schemaUnavailable(),
  )
}

/** Parses a successful answer; throws a QueryError when the schema did not load or the answer is not what it says. */
async function parseAnswer<T>(
  schema: Promise<z.ZodMiniType<T> | QueryError>,
  body: unknown,
  path: string,
  extra: { hint?: string } = {},
): Promise<T> {
  const s = await schema
  if (s instanceof QueryError) throw s
  const parsed = s.safeParse(body)
  if (!parsed.success) throw new QueryError(appError('internal', `The portal sent an unexpected answer for ${path}.`, extra))
  return parsed.data
}

/** The AppError of an API error body (`{error}`), or null when the body is something else. */
const errorOfBody = (body: unknown): AppError | null =>
  typeof body === 'object' && body !== null && !Array.isArray(body) && 'error' in body ? asAppError(body.error) : null

/**
 * GETs one of the portal's JSON API routes and parses the answer with a lib/domain schema.
 * Throws QueryError with the API's `{error}` (or a description of the transport failure).
 */
export async function apiGet<T>(path: string, schema: SchemaSource<T>, signal?: AbortSignal): Promise<T> {
  const loaded = settle(schema)
  let res: Response
  try {
    res = await fetch(path, { signal, headers: { accept: 'application/json' }, credentials: 'same-origin' })
  } catch (e) {
    if (e instanceof DOMException && e.name === 'AbortError') throw e
    throw unreachable()
  }
  const body: unknown = await res.json().catch(() => undefined)
  if (!res.ok) {
    const reported = errorOfBody(body)
    throw reported ? new QueryError(reported) : unexplained(res.status, path)
  }
  return parseAnswer(loaded, body, path, { hint: 'Reload the page; the portal may have been updated.' })
}

/**
 * POSTs (or PATCHes, DELETEs) to one of the portal's mutation routes and parses the answer. Throws QueryError carrying
 * the API's `{error}` (409 conflict, 400 invalid input, …) so the UI can show message and hint.
 * The schema is loaded before the POST is sent: a mutation AWS accepted must never be reported as
 * failed because a script could not load afterwards (a retry would then deploy twice).
 */
export async function apiPost<T>(
  path: string,
  body: unknown,
  schema: SchemaSource<T>,
  method: 'POST' | 'PATCH' | 'DELETE' = 'POST',
): Promise<T> {
  const schemaOrError = await settle(schema)
  if (schemaOrError instanceof QueryError) throw schemaOrError
  const loaded = Promise.resolve(schemaOrError)
  let res: Response
  try {
    res = await fetch(path, {
      method,
      headers: { 'content-type': 'application/json', accept: 'application/json' },
      credentials: 'same-origin',
      body: JSON.stringify(body ?? {}),
    })
  } catch {
    // Whether the request reached the portal is unknown: the hint says to look before repeating a change.
    throw new QueryError(
      appError('portal_unreachable', 'The browser could not reach the portal.', {
        hint: 'Check your connection; before trying again, check whether the change was made (refresh the page).',
      }),
    )
  }
  const json: unknown = await res.json().catch(() => undefined)
  if (!res.ok) throw errorOfBody(json) ? new QueryError(errorOfBody(json) as AppError) : unexplained(res.status, path)
  return parseAnswer(loaded, json, path)
}
