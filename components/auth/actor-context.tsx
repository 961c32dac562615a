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

/**
 * Renders a control with the reason it is disabled for this role:
 * `<RoleGate required="operator">{(reason) => <Button disabled={!!reason} title={reason}>Stop</Button>}</RoleGate>`.
 * Also shows the reason as visible text so it is not hidden in a tooltip.
 */
export function RoleGate({
  required,
  children,
  showReason = true,
}: {
  required: Role
  children: (reason: string | undefined) => ReactNode
  showReason?: boolean
}) {
  const reason = useDisabledReason(required)
  return (
    <span className="inline-flex flex-col items-start gap-1">
      {children(reason)}
      {reason && showReason ? <span className="text-xs text-muted">{reason}</span> : null}
    </span>
  )
}
