import type { Generated } from 'kysely'

/**
 * The portal's own tables, as the typed query layer sees them — the same in SQLite and PostgreSQL
 * (lib/store/migrations.ts creates them). Times the pages show are ISO-8601 text (UTC, `Z`), which
 * sorts as it reads; times only compared by code (lock and bucket expiry) are epoch milliseconds.
 */
export type StoreTables = {
  /** Every attempted mutation, whatever its result (the audit log). */
  audit: {
    id: Generated<number>
    actor_id: string
    actor_name: string
    action: string
    target: string
    /** JSON object of the caller's parameters, secrets redacted. */
    params: string
    result: 'ok' | 'error' | 'pending'
    error_code: string | null
    error_message: string | null
    /** The AWS request id of the call that decided the outcome. */
    request_id: string | null
    /** The portal's own request id (x-request-id) and the address the request came from. */
    portal_request_id: string | null
    client_address: string | null
    started_at: string
    ended_at: string | null
  }
  /** The deployment ledger: operation id ↔ SHA ↔ digest ↔ who ↔ final status. */
  deployments: {
    operation_id: string
    kind: string
    sha: string | null
    digest: string | null
    image_identifier: string
    from_sha: string | null
    actor_id: string
    actor_name: string
    override_reason: string | null
    status: string | null
    reason: string | null
    started_at: string
    ended_at: string | null
  }
  /** Per-resource mutation locks: one row per held resource, valid until `expires_at` unless renewed. */
  locks: {
    resource: string
    /** One id per acquisition: only the holder renews or releases its rows. */
    holder_id: string
    label: string
    /** Which process holds it (`host:pid`), for the operator reading the table. */
    owner: string
    since: string
    expires_at: number
  }
  /** Token buckets for rate limits, one row per limited key (`mutation:<actor>`, …). */
  rate_limits: {
    key: string
    tokens: number
    updated_at: number
    /** 1 when the last take got a token, 0 when it was refused (read back by the same statement). */
    allowed: number
  }
  /** Server-side session records: a cookie names one; revoking the row ends the session everywhere. */
  sessions: {
    id: string
    actor_id: string
    actor_name: string
    provider: string
    created_at: string
    last_seen_at: string
    expires_at: string
    revoked_at: string | null
    client_address: string | null
    user_agent: string | null
    /** `user` (role from configuration on every request) or `demo` (role chosen at demo sign-in). */
    kind: Generated<string>
    /** JSON of the identity claims (verified email, groups, GitHub id, orgs, teams). */
    identity: Generated<string>
    role: string | null
    /** The GitHub access token, sealed under the session secret (lib/auth/seal.ts). */
    provider_token: string | null
    membership_checked_at: string | null
    revoked_by: string | null
  }
  /** Sleep/wake jobs and their steps, written by the replica running each as it goes. */
  environment_jobs: {
    id: string
    kind: string
    status: string
    /** JSON of the job as `GET /api/environment/jobs/<id>` answers it. */
    job: string
    /** The process running it (`host:pid`). */
    owner: string
    started_at: string
    /** When its runner last wrote it (epoch ms): a running job not written for a while lost its runner. */
    updated_at: number
  }
}
