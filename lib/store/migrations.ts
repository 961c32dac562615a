import 'server-only'

import { type Kysely, sql } from 'kysely'
import type { Migration } from 'kysely/migration'

/** The two databases the store runs on. */
export type StoreDialect = 'sqlite' | 'postgres'

/**
 * The store's schema, as ordered, append-only migrations: never edit a released one, add the next.
 * Applied at start-up by `openStore` (Kysely's Migrator, which on PostgreSQL holds an advisory lock
 * while it migrates, so replicas starting together apply each migration once). Written with the
 * schema builder so one text serves both dialects; the few differences are explicit below.
 */
export function storeMigrations(dialect: StoreDialect): Record<string, Migration> {
  const isPg = dialect === 'postgres'
  return {
    // The audit log and the deployment ledger, as the SQLite-only portal created them: `ifNotExists`
    // adopts an existing portal.sqlite unchanged (its old `migrations` table is no longer needed).
    '0001_audit_and_ledger': {
      async up(db: Kysely<unknown>) {
        if (!isPg) await db.schema.dropTable('migrations').ifExists().execute()
        await db.schema
          .createTable('audit')
          .ifNotExists()
          .addColumn('id', isPg ? 'serial' : 'integer', (c) => (isPg ? c.primaryKey() : c.primaryKey().autoIncrement()))
          .addColumn('actor_id', 'text', (c) => c.notNull())
          .addColumn('actor_name', 'text', (c) => c.notNull())
          .addColumn('action', 'text', (c) => c.notNull())
          .addColumn('target', 'text', (c) => c.notNull())
          .addColumn('params', 'text', (c) => c.notNull().defaultTo('{}'))
          .addColumn('result', 'text', (c) => c.notNull().check(sql`result IN ('ok', 'error', 'pending')`))
          .addColumn('error_code', 'text')
          .addColumn('error_message', 'text')
          .addColumn('request_id', 'text')
          .addColumn('started_at', 'text', (c) => c.notNull())
          .addColumn('ended_at', 'text')
          .execute()
        for (const [name, cols] of [
          ['audit_actor', ['actor_id', 'id']],
          ['audit_action', ['action', 'id']],
          ['audit_result', ['result', 'id']],
        ] as const)
          await db.schema
            .createIndex(name)
            .ifNotExists()
            .on('audit')
            .columns([...cols])
            .execute()
        await db.schema
          .createTable('deployments')
          .ifNotExists()
          .addColumn('operation_id', 'text', (c) => c.primaryKey())
          .addColumn('kind', 'text', (c) => c.notNull())
          .addColumn('sha', 'text')
          .addColumn('digest', 'text')
          .addColumn('image_identifier', 'text', (c) => c.notNull())
          .addColumn('from_sha', 'text')
          .addColumn('actor_id', 'text', (c) => c.notNull())
          .addColumn('actor_name', 'text', (c) => c.notNull())
          .addColumn('override_reason', 'text')
          .addColumn('status', 'text')
          .addColumn('reason', 'text')
          .addColumn('started_at', 'text', (c) => c.notNull())
          .addColumn('ended_at', 'text')
          .execute()
        await db.schema.createIndex('deployments_started').ifNotExists().on('deployments').column('started_at').execute()
      },
    },
    // What more than one replica must share: resource locks, rate-limit buckets, session records.
    '0002_locks_rate_limits_sessions': {
      async up(db: Kysely<unknown>) {
        await db.schema
          .createTable('locks')
          .addColumn('resource', 'text', (c) => c.primaryKey())
          .addColumn('holder_id', 'text', (c) => c.notNull())
          .addColumn('label', 'text', (c) => c.notNull())
          .addColumn('owner', 'text', (c) => c.notNull())
          .addColumn('since', 'text', (c) => c.notNull())
          .addColumn('expires_at', 'bigint', (c) => c.notNull())
          .execute()
        await db.schema.createIndex('locks_holder').on('locks').column('holder_id').execute()
        await db.schema
          .createTable('rate_limits')
          .addColumn('key', 'text', (c) => c.primaryKey())
          .addColumn('tokens', 'double precision', (c) => c.notNull())
          .addColumn('updated_at', 'bigint', (c) => c.notNull())
          .addColumn('allowed', 'integer', (c) => c.notNull().defaultTo(1))
          .execute()
        await db.schema.createIndex('rate_limits_updated').on('rate_limits').column('updated_at').execute()
        await db.schema
          .createTable('sessions')
          .addColumn('id', 'text', (c) => c.primaryKey())
          .addColumn('actor_id', 'text', (c) => c.notNull())
          .addColumn('actor_name', 'text', (c) => c.notNull())
          .addColumn('provider', 'text', (c) => c.notNull())
          .addColumn('created_at', 'text', (c) => c.notNull())
          .addColumn('last_seen_at', 'text', (c) => c.notNull())
          .addColumn('expires_at', 'text', (c) => c.notNull())
          .addColumn('revoked_at', 'text')
          .addColumn('client_address', 'text')
          .addColumn('user_agent', 'text')
          .execute()
        await db.schema.createIndex('sessions_actor').on('sessions').columns(['actor_id', 'created_at']).execute()
        await db.schema.createIndex('sessions_expires').on('sessions').column('expires_at').execute()
      },
    },
    // What the security review added: sessions carry the identity they were signed in with (claims,
    // demo role, the sealed GitHub token for membership re-checks) and who revoked them; audit
    // entries carry the client's address and the portal's request id.
    '0003_session_identity_and_audit_origin': {
      async up(db: Kysely<unknown>) {
        const sessions: Array<[string, 'text', boolean]> = [
          ['kind', 'text', true],
          ['identity', 'text', true],
          ['role', 'text', false],
          ['provider_token', 'text', false],
          ['membership_checked_at', 'text', false],
          ['revoked_by', 'text', false],
        ]
        for (const [name, type, hasDefault] of sessions)
          await db.schema
            .alterTable('sessions')
            .addColumn(name, type, (c) => (hasDefault ? c.notNull().defaultTo(name === 'kind' ? 'user' : '{}') : c))
            .execute()
        for (const name of ['client_address', 'portal_request_id']) await db.schema.alterTable('audit').addColumn(name, 'text').execute()
      },
    },
    // Sleep/wake jobs, so every replica reports a job's steps, not only the one running it.
    '0004_environment_jobs': {
      async up(db: Kysely<unknown>) {
        await db.schema
          .createTable('environment_jobs')
          .addColumn('id', 'text', (c) => c.primaryKey())
          .addColumn('kind', 'text', (c) => c.notNull())
          .addColumn('status', 'text', (c) => c.notNull())
          .addColumn('job', 'text', (c) => c.notNull())
          .addColumn('owner', 'text', (c) => c.notNull())
          .addColumn('started_at', 'text', (c) => c.notNull())
          .addColumn('updated_at', 'bigint', (c) => c.notNull())
          .execute()
        await db.schema.createIndex('environment_jobs_started').on('environment_jobs').columns(['started_at', 'id']).execute()
      },
    },
  }
}
