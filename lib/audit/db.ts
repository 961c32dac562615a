import 'server-only'

import fs from 'node:fs'
import path from 'node:path'

import Database from 'better-sqlite3'

import { config } from '@/lib/config'
import { processSlot } from '@/lib/process-state'

/**
 * The portal's own SQLite database, `<PORTAL_DATA_DIR>/portal.sqlite`: the audit log, the
 * deployment ledger and the sign-in sessions. Opened lazily (never during `next build`), in WAL mode so readers (the audit
 * page) never block the writer, with a tiny `migrations` table so the schema can grow in place.
 */

type Db = Database.Database

/** Ordered, append-only: never edit a released migration, add a new one. */
const migrations: readonly string[] = [
  `CREATE TABLE audit (
     id INTEGER PRIMARY KEY AUTOINCREMENT,
     actor_id TEXT NOT NULL,
     actor_name TEXT NOT NULL,
     action TEXT NOT NULL,
     target TEXT NOT NULL,
     params TEXT NOT NULL DEFAULT '{}',
     result TEXT NOT NULL CHECK (result IN ('ok', 'error', 'pending')),
     error_code TEXT,
     error_message TEXT,
     request_id TEXT,
     started_at TEXT NOT NULL,
     ended_at TEXT
   );
   CREATE INDEX audit_actor ON audit (actor_id, id);
   CREATE INDEX audit_action ON audit (action, id);
   CREATE INDEX audit_result ON audit (result, id);
   CREATE TABLE deployments (
     operation_id TEXT PRIMARY KEY,
     kind TEXT NOT NULL,
     sha TEXT,
     digest TEXT,
     image_identifier TEXT NOT NULL,
     from_sha TEXT,
     actor_id TEXT NOT NULL,
     actor_name TEXT NOT NULL,
     override_reason TEXT,
     status TEXT,
     reason TEXT,
     started_at TEXT NOT NULL,
     ended_at TEXT
   );
   CREATE INDEX deployments_started ON deployments (started_at);`,
  // Server-side sessions (the cookie carries only the id), and where each audited request came from.
  `CREATE TABLE sessions (
     id TEXT PRIMARY KEY,
     kind TEXT NOT NULL CHECK (kind IN ('user', 'demo')),
     provider TEXT NOT NULL,
     user_id TEXT NOT NULL,
     name TEXT NOT NULL,
     identity TEXT NOT NULL DEFAULT '{}',
     role TEXT,
     provider_token TEXT,
     created_at TEXT NOT NULL,
     last_seen_at TEXT NOT NULL,
     expires_at TEXT NOT NULL,
     membership_checked_at TEXT,
     revoked_at TEXT,
     revoked_by TEXT
   );
   CREATE INDEX sessions_user ON sessions (user_id);
   CREATE INDEX sessions_expires ON sessions (expires_at);
   ALTER TABLE audit ADD COLUMN client_address TEXT;
   ALTER TABLE audit ADD COLUMN portal_request_id TEXT;`,
]

function migrate(db: Db): void {
  db.exec('CREATE TABLE IF NOT EXISTS migrations (version INTEGER PRIMARY KEY, applied_at TEXT NOT NULL)')
  const v: unknown = db.prepare('SELECT MAX(version) FROM migrations').pluck().get()
  const current = typeof v === 'number' ? v : 0
  const apply = db.transaction((version: number, sql: string) => {
    db.exec(sql)
    db.prepare('INSERT INTO migrations (version, applied_at) VALUES (?, ?)').run(version, new Date().toISOString())
  })
  migrations.forEach((sql, i) => {
    if (i + 1 > current) apply(i + 1, sql)
  })
}

// Process-wide: every route bundle of the server shares one connection.
const store = processSlot<{ db: Db; file: string }>('sqlite')

/** The database file's path. */
export const dbFile = (): string => path.resolve(config().dataDir, 'portal.sqlite')

/** The open database (opened and migrated on first use). */
export function db(): Db {
  const file = dbFile()
  const open = store.current
  if (open && open.file === file && open.db.open) return open.db
  fs.mkdirSync(path.dirname(file), { recursive: true })
  const conn = new Database(file)
  conn.pragma('journal_mode = WAL')
  conn.pragma('synchronous = NORMAL')
  conn.pragma('busy_timeout = 5000')
  migrate(conn)
  store.current = { db: conn, file }
  return conn
}

/** Closes the database (tests use it to simulate a restart; the next `db()` re-opens it). */
export function closeDb(): void {
  const open = store.current
  if (open?.db.open) open.db.close()
  store.current = undefined
}
