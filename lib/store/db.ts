import 'server-only'

import fs from 'node:fs'
import path from 'node:path'

import Database from 'better-sqlite3'
import { Kysely, PostgresDialect, SqliteDialect } from 'kysely'
import { Migrator } from 'kysely/migration'
import pg from 'pg'

import { config } from '@/lib/config'
import { logger } from '@/lib/logger'
import { processSlot } from '@/lib/process-state'

import { type StoreDialect, storeMigrations } from './migrations'
import type { StoreTables } from './schema'

/**
 * The portal's own database, behind one typed query layer (Kysely): the audit log, the deployment
 * ledger, resource locks, rate-limit buckets and session records. Embedded SQLite
 * (`<PORTAL_DATA_DIR>/portal.sqlite`) by default; PostgreSQL when PORTAL_DATABASE_URL is set, so
 * several replicas share one store. Opened lazily (never during `next build`) and migrated before
 * the first query.
 */
export type Store = {
  db: Kysely<StoreTables>
  dialect: StoreDialect
  /** Where it lives, fit for a log line: the SQLite file, or the PostgreSQL URL without its password. */
  location: string
}

/** Where the store is: a PostgreSQL URL, or a SQLite file path. */
export type StoreTarget = { databaseUrl: string } | { sqliteFile: string }

/** Thrown when the store cannot be opened or migrated; the message says which setting to look at. */
export class StoreError extends Error {
  override name = 'StoreError'
}

/** The SQLite file under PORTAL_DATA_DIR. */
export const sqliteFile = (): string => path.resolve(config().dataDir, 'portal.sqlite')

/** The configured store: PORTAL_DATABASE_URL when set, else the SQLite file. */
export const configuredTarget = (): StoreTarget => {
  const url = config().databaseUrl
  return url ? { databaseUrl: url } : { sqliteFile: sqliteFile() }
}

/** A PostgreSQL URL with its password replaced, for logs and messages. */
export function redactUrl(url: string): string {
  try {
    const u = new URL(url)
    if (u.password) u.password = '****'
    return u.toString()
  } catch {
    return 'postgres://…'
  }
}

const PG_INT8 = 20

function postgresDialect(url: string): PostgresDialect {
  const pool = new pg.Pool({
    connectionString: url,
    max: 10,
    connectionTimeoutMillis: 5000,
    idleTimeoutMillis: 30_000,
    application_name: 'appfactory-portal',
    // bigint columns (lock expiry, counts) hold epoch milliseconds and row counts: well inside
    // Number's exact range, so they are read as numbers rather than pg's default strings.
    types: {
      getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
        oid === PG_INT8 ? Number : pg.types.getTypeParser(oid, format)) as typeof pg.types.getTypeParser,
    },
  })
  // An idle connection that the server drops (restart, failover) must not crash the portal: the
  // pool replaces it, and the next query reports a real failure if the server stays away.
  pool.on('error', (e) => logger().warn({ err: e }, 'store: an idle PostgreSQL connection failed'))
  return new PostgresDialect({ pool })
}

function sqliteDialect(file: string): SqliteDialect {
  fs.mkdirSync(path.dirname(file), { recursive: true })
  const conn = new Database(file)
  // WAL: readers (the audit page) never block the writer; busy_timeout: a second process waits
  // for the file lock instead of failing at once.
  conn.pragma('journal_mode = WAL')
  conn.pragma('synchronous = NORMAL')
  conn.pragma('busy_timeout = 5000')
  return new SqliteDialect({ database: conn })
}

/** Opens a store and applies every pending migration; throws StoreError when either fails. */
export async function openStore(target: StoreTarget): Promise<Store> {
  const isPg = 'databaseUrl' in target
  const dialect: StoreDialect = isPg ? 'postgres' : 'sqlite'
  const location = isPg ? redactUrl(target.databaseUrl) : target.sqliteFile
  let db: Kysely<StoreTables>
  try {
    db = new Kysely<StoreTables>({ dialect: isPg ? postgresDialect(target.databaseUrl) : sqliteDialect(target.sqliteFile) })
  } catch (e: unknown) {
    throw new StoreError(
      `The SQLite store ${location} cannot be opened (${e instanceof Error ? e.message : String(e)}); check that PORTAL_DATA_DIR is writable.`,
    )
  }
  const migrations = storeMigrations(dialect)
  const migrator = new Migrator({ db, provider: { getMigrations: () => Promise.resolve(migrations) } })
  let { error, results } = await migrator.migrateToLatest()
  // PostgreSQL serialises migrators with an advisory lock; SQLite has no such lock, so a second
  // process opening the same file at the same moment loses the race (its transaction rolls back)
  // and simply looks again once the first has finished.
  for (let attempt = 0; error && !isPg && attempt < 3; attempt++) {
    await new Promise((resolve) => setTimeout(resolve, 100 * (attempt + 1)))
    ;({ error, results } = await migrator.migrateToLatest())
  }
  if (error) {
    await db.destroy().catch(() => undefined)
    const why = error instanceof Error ? error.message : String(error)
    throw new StoreError(
      isPg
        ? `The PostgreSQL store ${location} cannot be reached or migrated (${why}); check PORTAL_DATABASE_URL and that the database accepts this user.`
        : `The SQLite store ${location} cannot be migrated (${why}); check that PORTAL_DATA_DIR is writable.`,
    )
  }
  const applied = (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName)
  if (applied.length) logger().info({ store: dialect, location, applied }, 'store: migrations applied')
  return { db, dialect, location }
}

type Open = { key: string; opening: Promise<Store> }
// Process-wide: every route bundle of the server shares one connection (pool).
const slot = processSlot<Open>('store')

const targetKey = (t: StoreTarget) => ('databaseUrl' in t ? t.databaseUrl : t.sqliteFile)

/** The configured store, opened and migrated on first use (concurrent first callers share one opening). */
export function store(): Promise<Store> {
  const target = configuredTarget()
  const key = targetKey(target)
  if (slot.current?.key === key) return slot.current.opening
  const opening = openStore(target)
  slot.current = { key, opening }
  // A failed opening is not kept: the next call tries again (the database may be back).
  opening.catch(() => {
    if (slot.current?.opening === opening) slot.current = undefined
  })
  return opening
}

/** Closes the store (shutdown; tests use it to simulate a restart — the next `store()` opens it again). */
export async function closeStore(): Promise<void> {
  const open = slot.current
  slot.current = undefined
  if (!open) return
  const s = await open.opening.catch(() => undefined)
  await s?.db.destroy()
}
