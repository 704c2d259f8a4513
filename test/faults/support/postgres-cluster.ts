import { execFile, execFileSync } from 'node:child_process'
import { chownSync, existsSync, mkdtempSync, rmSync } from 'node:fs'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { promisify } from 'node:util'
import pg from 'pg'
import { describe, it } from 'vitest'

const run = promisify(execFile)

/** Debian's PostgreSQL 15, as CI and the development machines have it. */
export const PG_BIN = '/usr/lib/postgresql/15/bin'
export const clusterToolsExist = existsSync(join(PG_BIN, 'initdb')) && existsSync(join(PG_BIN, 'pg_ctl'))

/**
 * A PostgreSQL cluster of the test's own (initdb in a temporary folder, on a free port), so a test
 * can stop and restart it without disturbing the server every other test uses.
 */
export interface Cluster {
  port: number
  /** A connection string for one of its databases. */
  url(database: string): string
  /** Stops the server: `fast` ends sessions at once, `immediate` is as abrupt as a crash. */
  stop(mode?: 'fast' | 'immediate'): Promise<void>
  start(): Promise<void>
  /** Stops and removes the cluster. */
  destroy(): Promise<void>
}

export async function createCluster(): Promise<Cluster> {
  const folder = mkdtempSync(join(tmpdir(), 'gloss-cluster-'))
  // initdb refuses to run as root: as root, the cluster belongs to the postgres account.
  const asRoot = process.getuid?.() === 0
  if (asRoot) chownSync(folder, ...postgresIds())
  const tool = (name: string, args: string[]) =>
    asRoot
      ? run('runuser', ['-u', 'postgres', '--', join(PG_BIN, name), ...args])
      : run(join(PG_BIN, name), args)
  const data = join(folder, 'data')
  const port = await freePort()
  await tool('initdb', ['-D', data, '-A', 'trust', '-U', 'postgres', '--no-sync', '-E', 'UTF8'])
  const options = `-p ${String(port)} -k ${folder} -c listen_addresses=127.0.0.1`
  const pgCtl = (...args: string[]) => tool('pg_ctl', ['-D', data, '-l', join(folder, 'log'), '-w', ...args])
  const cluster: Cluster = {
    port,
    url: (database) => `postgres://postgres@127.0.0.1:${String(port)}/${database}`,
    stop: async (mode = 'fast') => {
      await pgCtl('-m', mode, 'stop')
    },
    start: async () => {
      await pgCtl('-o', options, 'start')
    },
    destroy: async () => {
      await pgCtl('-m', 'immediate', 'stop').catch(() => undefined)
      rmSync(folder, { recursive: true, force: true })
    },
  }
  await cluster.start()
  return cluster
}

/** Creates a database on the cluster. */
export async function createDatabase(cluster: Cluster, name: string): Promise<string> {
  const admin = new pg.Client({ connectionString: cluster.url('postgres') })
  await admin.connect()
  try {
    await admin.query(`create database ${pg.escapeIdentifier(name)}`)
  } finally {
    await admin.end()
  }
  return cluster.url(name)
}

/** The postgres account's user and group ids, as id(1) knows them however accounts are stored. */
function postgresIds(): [number, number] {
  const id = (flag: string) => Number(execFileSync('id', [flag, 'postgres'], { encoding: 'utf8' }).trim())
  return [id('-u'), id('-g')]
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer()
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => {
      const address = server.address()
      const port = typeof address === 'object' && address ? address.port : 0
      server.close(() => resolve(port))
    })
  })
}

/**
 * Suites that restart a cluster of their own run in the PostgreSQL pass (DATABASE_URL set). Where
 * PostgreSQL 15's programs are missing they are skipped, saying so; under CI that is a failure.
 */
export function describeOnOwnCluster(title: string, body: () => void): void {
  if (!process.env.DATABASE_URL) describe.skip(`${title} (runs in the PostgreSQL pass)`, body)
  else if (clusterToolsExist) describe(title, body)
  else if (process.env.CI === 'true')
    describe(title, () => {
      it(`needs initdb and pg_ctl in ${PG_BIN}, which CI must have`, () => {
        throw new Error(`No initdb or pg_ctl in ${PG_BIN}`)
      })
    })
  else describe.skip(`${title} (skipped: no initdb and pg_ctl in ${PG_BIN})`, body)
}
