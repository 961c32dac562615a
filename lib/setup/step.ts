import 'server-only'

import type { AppError } from '@/lib/domain/errors'
import type { SetupAction, SetupStep } from '@/lib/domain/setup'
import { setupStepTitles, type SetupStepId } from '@/lib/domain/setup.values'

/* Builders for setup steps, shared by the step files. Pure. */

export type Evidence = SetupStep['evidence']

/** A step with its id and the document's title for it. */
export const step = (id: SetupStepId, rest: Omit<SetupStep, 'id' | 'title'>): SetupStep => ({ id, title: setupStepTitles[id], ...rest })

/** A step whose state could not be read: `unknown`, with the error (never shown as done or to do). */
export const unknownStep = (id: SetupStepId, error: AppError): SetupStep =>
  step(id, { status: 'unknown', summary: `Could not be read: ${error.message}`, evidence: [], action: null, error })

/** The step blocked by an earlier one, with what it will need. */
export const blockedStep = (id: SetupStepId, by: SetupStepId, summary: string, evidence: Evidence, action: SetupAction | null): SetupStep =>
  step(id, { status: 'blocked', blockedBy: by, summary, evidence, action })
