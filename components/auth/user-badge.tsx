import type { Actor } from '@/lib/domain/auth'

import { Badge } from '@/components/ui/badge'
import { Button } from '@/components/ui/button'

const kindLabel = { user: undefined, token: 'automation token', demo: 'demo sign-in', system: 'local command' } as const satisfies Record<
  Actor['kind'],
  string | undefined
>
const roleTone = { viewer: 'idle', operator: 'info', admin: 'warn' } as const

/** Header badge: who is signed in, with which role, and sign-out (sessions only; tokens have nothing to end). */
export function UserBadge({ actor }: { actor: Actor }) {
  const kind = kindLabel[actor.kind]
  return (
    <div className="flex items-center gap-2 text-sm" aria-label="Signed-in user">
      <span className="max-w-48 truncate" title={actor.id}>
        {actor.name}
        {kind ? <span className="text-muted"> ({kind})</span> : null}
      </span>
      <Badge tone={roleTone[actor.role]} title={`Role: ${actor.role}`}>
        {actor.role}
      </Badge>
      {actor.kind === 'token' ? null : (
        <form action="/auth/signout" method="post">
          <Button type="submit" variant="ghost" size="sm">
            Sign out
          </Button>
        </form>
      )}
    </div>
  )
}
