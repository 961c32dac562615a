import type { z } from 'zod/mini'

import { type AppError, appError, appErrorSchema, errorBodySchema } from '@/lib/domain/errors'

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
  const plain = appErrorSchema.safeParse(e)
  if (plain.success) return plain.data
  return appError('aws_error', 'Something went wrong while loading this panel.', { hint: 'Retry; if it persists, check the server log.' })
}

/** How often polling panels refresh when nothing is changing, and while something is. */
export const refreshIdleMs = 30_000
export const refreshBusyMs = 2_500

/**
 * GETs one of the portal's JSON API routes and parses the answer with a lib/domain schema.
 * Throws QueryError with the API's `{error}` (or a description of the transport failure).
 */
export async function apiGet<T>(path: string, schema: z.ZodMiniType<T>, signal?: AbortSignal): Promise<T> {
  let res: Response
  try {
    res = await fetch(path, { signal, headers: { accept: 'application/json' }, credentials: 'same-origin' })
  } catch (e) {
    if (e instanceof DOMException && e.name === 'AbortError') throw e
    throw new QueryError(
      appError('aws_unreachable', 'The portal server did not answer.', { hint: 'Check your connection or whether the portal is running, then retry.' }),
    )
  }
  const body: unknown = await res.json().catch(() => undefined)
  if (!res.ok) {
    const parsed = errorBodySchema.safeParse(body)
    throw new QueryError(
      parsed.success
        ? parsed.data.error
        : appError(res.status === 401 ? 'unauthenticated' : 'aws_error', `The portal answered HTTP ${res.status} for ${path}.`, {
            hint: res.status === 401 ? 'Sign in again.' : 'Retry; if it persists, check the server log.',
          }),
    )
  }
  const parsed = schema.safeParse(body)
  if (!parsed.success) {
    throw new QueryError(appError('aws_error', `The portal sent an unexpected answer for ${path}.`, { hint: 'Reload the page; the portal may have been updated.' }))
  }
  return parsed.data
}
