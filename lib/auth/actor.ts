import 'server-only'

import { headers } from 'next/headers'

import { config } from '@/lib/config'
import { type Actor, hasRole, type Role, roleSchema } from '@/lib/domain/auth'
import { appError } from '@/lib/domain/errors'
import { err, ok, type Result } from '@/lib/result'

// TODO(auth helper): sessions (OIDC / GitHub / demo sign-in), constant-time token comparison.

type TokenEntry = { name: string; role: Role; token: string }

function parseTokens(spec: string | undefined): TokenEntry[] {
  if (!spec) return []
  return spec
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)
    .flatMap((entry) => {
      const [name, role, ...rest] = entry.split(':')
      const parsedRole = roleSchema.safeParse(role)
      const token = rest.join(':')
      return name && parsedRole.success && token ? [{ name, role: parsedRole.data, token }] : []
    })
}

async function authorizationHeader(request?: Request): Promise<string | null> {
  if (request) return request.headers.get('authorization')
  return (await headers()).get('authorization')
}

/** The actor behind a request (bearer token or session), or null when nobody is signed in. */
export async function getActor(request?: Request): Promise<Actor | null> {
  const auth = await authorizationHeader(request)
  const bearer = auth?.match(/^Bearer\s+(.+)$/i)?.[1]
  if (bearer) {
    const entry = parseTokens(config().apiTokens).find((t) => t.token === bearer)
    if (entry) return { id: `token:${entry.name}`, name: entry.name, role: entry.role, kind: 'token' }
  }
  return null
}

/** Resolves the actor and checks the role: `unauthenticated` when nobody, `forbidden` when the role is too low. */
export async function requireActor(role: Role, request?: Request): Promise<Result<Actor>> {
  const actor = await getActor(request)
  if (!actor) return err(appError('unauthenticated', 'Sign in to use the portal.', { hint: 'Sign in, or send Authorization: Bearer <token>.' }))
  if (!hasRole(actor.role, role))
    return err(appError('forbidden', `This needs the ${role} role; you are ${actor.role}.`, { hint: 'Ask an admin for the role.' }))
  return ok(actor)
}
