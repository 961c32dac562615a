'use client'

import { createContext, type ReactNode, useContext } from 'react'

import type { Actor, Role } from '@/lib/domain/auth'

import { disabledReason } from './disabled-reason'

const ActorContext = createContext<Actor | null>(null)

/** Makes the signed-in actor (from `requirePageActor` in the layout) available to client controls. */
export function ActorProvider({ actor, children }: { actor: Actor; children: ReactNode }) {
  return <ActorContext.Provider value={actor}>{children}</ActorContext.Provider>
}

/** The signed-in actor, or null outside an ActorProvider. */
export const useActor = (): Actor | null => useContext(ActorContext)

/** Why the current actor may not use a control needing `required` (undefined when allowed). */
export function useDisabledReason(required: Role): string | undefined {
  return disabledReason(useActor()?.role, required)
}
