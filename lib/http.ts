import 'server-only'

import { NextResponse } from 'next/server'

import { type AppError, errorStatus } from '@/lib/domain/errors'
import { redactText } from '@/lib/redact'
import type { Result } from '@/lib/result'

const noStore = { 'Cache-Control': 'no-store' }

/** A JSON success response. */
export const jsonOk = (data: unknown, status = 200) => NextResponse.json(data, { status, headers: noStore })

/** A JSON error response `{error}` with the status for its code (never a bare 500); its text passes through redaction once more. */
export const jsonError = (error: AppError) =>
  NextResponse.json(
    { error: { ...error, message: redactText(error.message), ...(error.hint === undefined ? {} : { hint: redactText(error.hint) }) } },
    { status: errorStatus[error.code], headers: noStore },
  )

/** Maps a Result to a response. */
export const jsonResult = <T>(result: Result<T>, status = 200) => (result.ok ? jsonOk(result.data, status) : jsonError(result.error))
