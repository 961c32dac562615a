import 'server-only'

import { logger } from '@/lib/logger'
import { processState } from '@/lib/process-state'

import { readGitHubMembership } from './github'
import { unseal } from './seal'
import { type SessionRecord, updateSessionIdentity } from './session-store'

/** Org and team membership older than this is read from GitHub again before it grants a role. */
export const MEMBERSHIP_MAX_AGE_MS = 15 * 60_000
/** After a failed re-check, the next try waits this long (meanwhile membership grants nothing). */
const RETRY_AFTER_FAILURE_MS = 60_000

// One re-check per session at a time, however many requests arrive together.
const inflight = processState('membership-rechecks', () => new Map<string, Promise<SessionRecord>>())

/** True when the session's org/team claims are too old to grant a role without reading them again. */
export function isMembershipStale(record: Pick<SessionRecord, 'provider' | 'membershipCheckedAt'>, now: Date): boolean {
  if (record.provider !== 'github') return false
  const checkedAt = record.membershipCheckedAt ? Date.parse(record.membershipCheckedAt) : 0
  return !(now.getTime() - checkedAt < MEMBERSHIP_MAX_AGE_MS)
}

/**
 * A GitHub session's org and team membership, re-read when older than 15 minutes (someone removed
 * from the team loses the role within that time). When GitHub cannot be asked (token revoked, no
 * token, GitHub down) the membership is dropped: it grants nothing until a re-check succeeds.
 */
export async function withCurrentMembership(
  record: SessionRecord,
  secret: string,
  now: Date = new Date(),
  read: typeof readGitHubMembership = readGitHubMembership,
): Promise<SessionRecord> {
  if (!isMembershipStale(record, now)) return record
  const running = inflight.get(record.id)
  if (running) return running
  const recheck = (async (): Promise<SessionRecord> => {
    const token = unseal(record.providerToken, secret)
    let identity = { ...record.identity, githubOrgs: [] as string[], githubTeams: [] as string[] }
    let checkedAt = now
    try {
      if (!token) throw new Error('no usable GitHub token for this session')
      identity = { ...identity, ...(await read(token)) }
    } catch (e: unknown) {
      logger().warn(
        { user: record.userId, error: e instanceof Error ? e.message : 'unknown' },
        'GitHub membership could not be re-checked; org and team rules grant nothing until it can',
      )
      checkedAt = new Date(now.getTime() - MEMBERSHIP_MAX_AGE_MS + RETRY_AFTER_FAILURE_MS)
    }
    await updateSessionIdentity(record.id, identity, checkedAt)
    return { ...record, identity, membershipCheckedAt: checkedAt.toISOString() }
  })().finally(() => inflight.delete(record.id))
  inflight.set(record.id, recheck)
  return recheck
}
