import { join } from 'node:path'
import { openDatabase } from '../../src/platform/db/database.ts'
import { startGlossServer, type ServerProcess } from '../support/process.ts'
import { fmt, ratio, type Figure } from './figure.ts'
import { Cleanups, nistContent, scratchDatabase } from './harness.ts'
import { seedComments } from './seed.ts'
import { wrk } from './wrk.ts'

const FRONT_MATTER = '---\nslug: nist\nstate: published\n---\n'
const CONNECTIONS = 64
const SECONDS = 10
const ROUNDS = 3

/**
 * What logging and metrics cost a reader: the reading page (brotli) from two `gloss serve` processes
 * on one PostgreSQL database, one writing a log line per request (LOG_LEVEL=info, read by this process
 * as a log collector would) and counting it in /metrics, the other with neither (LOG_LEVEL=error,
 * METRICS=off). Loaded in turn, ABAB…, so drift in the machine falls on both; the figure is the total
 * of each side's requests over the rounds.
 */
export async function benchObservability(): Promise<Figure[]> {
  const cleanups = new Cleanups()
  try {
    const { folder, contentDir } = await nistContent('observability', FRONT_MATTER, cleanups)
    const databaseUrl = await scratchDatabase('gloss_bench_observability', cleanups)
    const env = { DATA_DIR: join(folder, 'data'), CONTENT_DIR: contentDir, DATABASE_URL: databaseUrl }
    await (await startGlossServer({ ...env, LOG_LEVEL: 'error' })).stop()
    const seeding = await openDatabase({ databaseUrl })
    try {
      await seedComments(seeding.db, { slug: 'nist', number: 1, count: 5000 })
    } finally {
      await seeding.close()
    }
    const start = async (observed: boolean) => {
      const server = await startGlossServer({
        ...env,
        RATE_LIMITS: 'off',
        LOG_LEVEL: observed ? 'info' : 'error',
        METRICS: observed ? 'on' : 'off',
      })
      cleanups.push(() => server.stop())
      return server
    }
    const observed = await start(true)
    const quiet = await start(false)
    const load = (server: ServerProcess, seconds: number) =>
      wrk(`${server.url}/g/nist/1`, {
        connections: CONNECTIONS,
        seconds,
        headers: { 'accept-encoding': 'br' },
      })
    await load(observed, 2)
    await load(quiet, 2)
    const totals = { observed: 0, quiet: 0 }
    const perRound: string[] = []
    for (let round = 0; round < ROUNDS; round++) {
      const a = (await load(observed, SECONDS)).requestsPerSecond
      const b = (await load(quiet, SECONDS)).requestsPerSecond
      totals.observed += a
      totals.quiet += b
      perRound.push(`${fmt(a, 0)}/${fmt(b, 0)}`)
    }
    const lines = observed
      .output()
      .split('\n')
      .filter((line) => line.includes('"route":"/g/:slug/:n"')).length
    const observedRate = totals.observed / ROUNDS
    const quietRate = totals.quiet / ROUNDS
    return [
      {
        figure: 'GET /g/nist/1 (brotli), logging and metrics on: requests/s',
        gloss: fmt(observedRate, 0),
        reference: `${fmt(quietRate, 0)} (both off)`,
        ratio: ratio(observedRate, quietRate),
        note: `${CONNECTIONS} connections, ${ROUNDS} rounds of ${SECONDS} s each, in turn (on/off per round: ${perRound.join(', ')}); ${fmt(lines, 0)} request lines logged; cost ${fmt((1 - observedRate / quietRate) * 100)} %`,
      },
    ]
  } finally {
    await cleanups.run()
  }
}
