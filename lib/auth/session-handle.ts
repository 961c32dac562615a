import 'server-only'

import { createHash } from 'node:crypto'

import type { SessionInfo } from '@/lib/domain/auth'

import type { SessionRecord } from './session-store'

/** A stable public name for a session (a hash of its id): lets an admin point at it without holding it. */
export const sessionHandle = (id: string): string => createHash('sha256').update(`session-handle.${id}`).digest('base64url').slice(0, 22)

/** What an admin sees of an open session. */
export function toSessionInfo(s: SessionRecord, idleMinutes: number): SessionInfo {
  const idleEnd = Date.parse(s.lastSeenAt) + idleMinutes * 60_000
  return {
    handle: sessionHandle(s.id),
    userId: s.userId,
    name: s.name,
    provider: s.provider,
    clientAddress: s.clientAddress,
    createdAt: s.createdAt,
    lastSeenAt: s.lastSeenAt,
    endsAt: new Date(Math.min(idleEnd, Date.parse(s.expiresAt))).toISOString(),
  }
}
