import type { AppError } from '@/lib/domain/errors'

/** Expected failures are values; only bugs throw. */
export type Result<T> = { ok: true; data: T } | { ok: false; error: AppError }

/** Wraps a value as a successful Result. */
export const ok = <T>(data: T): Result<T> => ({ ok: true, data })

/** Wraps an AppError as a failed Result. */
export const err = <T = never>(error: AppError): Result<T> => ({ ok: false, error })
