import { join } from 'node:path'
import { openDatabase } from '../../src/platform/db/database.ts'
import { startGlossServer, type ServerProcess } from '../support/process.ts'
import { fmt, ratio, type Figure } from './figure.ts'
import { Cleanups, nistContent, scratchDatabase } from './harness.ts'
import { seedComments } from './seed.ts'
import { wrk } from './wrk.ts'
import { cpuTimes } from './cpu.ts'

const FRONT_MATTER = '---\nslug: nist\nstate: published\n---\n'
const CONNECTIONS = 64
const ROUNDS = 4
/** Each round's load on each side, in slices taken in turn (ABBAABBA): this machine's speed drifts within seconds. */
const SLICES = 5
const SLICE_SECONDS = 2
const SECONDS = SLICES * SLICE_SECONDS
const WARM_UP_SECONDS = 2

/**
 * What logging and metrics cost a reader: the reading page (brotli) from two `gloss serve` processes
 * on one PostgreSQL database, one writing a log line per request (LOG_LEVEL=info, read by this process
 * as a log collector would) and counting it in /metrics, the other with neither (LOG_LEVEL=error,
 * METRICS=off). Loaded in turn, in short slices (ABBAA…), so drift in the machine falls on both, with a
 * new pair of processes each round; the figure is the total of each side's requests over the rounds. This process
 * reads the log as a collector on the same machine would: line by line, counting, keeping nothing.
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
    // The collector: counts the request lines as they arrive, keeping none (a partial line waits
    // for the rest of it in the next chunk).
    let lines = 0
    let partial = ''
    const collect = (chunk: string) => {
      const text = partial + chunk
      const cut = text.lastIndexOf('\n')
      partial = text.slice(cut + 1)
      for (const line of text.slice(0, cut).split('\n')) if (line.includes('"route":"/g/:slug/:n"')) lines++
    }
    const start = async (observed: boolean) => {
      const server = await startGlossServer(
        {
          ...env,
          RATE_LIMITS: 'off',
          LOG_LEVEL: observed ? 'info' : 'error',
          METRICS: observed ? 'on' : 'off',
        },
        [],
        collect,
      )
      cleanups.push(() => server.stop())
      return server
    }
    const load = (server: ServerProcess, seconds: number) =>
      wrk(`${server.url}/g/nist/1`, {
        connections: CONNECTIONS,
        seconds,
        headers: { 'accept-encoding': 'br' },
      })
    const totals = { observed: 0, quiet: 0 }
    // Each server's CPU per request, and this process's (reading the log lines, as a collector does).
    // Its own CPU is counted on both sides, since it also starts each slice's wrk: what it
    // spends beside the observed server beyond that is the collector's.
    const cpu = {
      observed: 0,
      quiet: 0,
      requestsObserved: 0,
      requestsQuiet: 0,
      benchObserved: 0,
      benchQuiet: 0,
    }
    const cpuOf = async (server: ServerProcess) => {
      const { user, system } = await cpuTimes(server.child.pid ?? 0)
      return user + system
    }
    const perRound: string[] = []
    for (let round = 0; round < ROUNDS; round++) {
      // A new pair each round, started in turn one way then the other, so that neither side keeps a
      // process that happened to start slow (its memory, its compiled code) for every round.
      const [first, second] = round % 2 === 0 ? [true, false] : [false, true]
      const servers = new Map([
        [first, await start(first)],
        [second, await start(second)],
      ])
      const observed = servers.get(true)
      const quiet = servers.get(false)
      if (!observed || !quiet) throw new Error('both servers start')
      try {
        await load(observed, WARM_UP_SECONDS)
        await load(quiet, WARM_UP_SECONDS)
        let roundObserved = 0
        let roundQuiet = 0
        for (let slice = 0; slice < SLICES; slice++) {
          for (const side of slice % 2 === 0 ? [true, false] : [false, true]) {
            const server = side ? observed : quiet
            const before = [await cpuOf(server), process.cpuUsage()] as const
            const { requestsPerSecond } = await load(server, SLICE_SECONDS)
            const used = (await cpuOf(server)) - before[0]
            const bench = process.cpuUsage(before[1])
            const benchMs = (bench.user + bench.system) / 1000
            const requests = requestsPerSecond * SLICE_SECONDS
            if (side) {
              cpu.benchObserved += benchMs
              cpu.observed += used
              cpu.requestsObserved += requests
              roundObserved += requests
            } else {
              cpu.benchQuiet += benchMs
              cpu.quiet += used
              cpu.requestsQuiet += requests
              roundQuiet += requests
            }
          }
        }
        totals.observed += roundObserved / SECONDS
        totals.quiet += roundQuiet / SECONDS
        perRound.push(`${fmt(roundObserved / SECONDS, 0)}/${fmt(roundQuiet / SECONDS, 0)}`)
      } finally {
        await observed.stop()
        await quiet.stop()
      }
    }
    const microseconds = (ms: number, requests: number) => fmt((ms * 1000) / Math.max(1, requests), 0)
    const observedRate = totals.observed / ROUNDS
    const quietRate = totals.quiet / ROUNDS
    return [
      {
        figure: 'GET /g/nist/1 (brotli), logging and metrics on: requests/s',
        gloss: fmt(observedRate, 0),
        reference: `${fmt(quietRate, 0)} (both off)`,
        ratio: ratio(observedRate, quietRate),
        note: `${CONNECTIONS} connections, ${ROUNDS} rounds of ${SECONDS} s each, in ${SLICES} slices taken in turn (on/off per round: ${perRound.join(', ')}); ${fmt(lines, 0)} request lines logged; cost ${fmt((1 - observedRate / quietRate) * 100)} %`,
      },
      {
        figure: 'GET /g/nist/1 (brotli), logging and metrics on: server CPU per request (µs)',
        gloss: microseconds(cpu.observed, cpu.requestsObserved),
        reference: `${microseconds(cpu.quiet, cpu.requestsQuiet)} (both off)`,
        ratio: ratio(cpu.observed / cpu.requestsObserved, cpu.quiet / Math.max(1, cpu.requestsQuiet)),
        note: `the server process's user and system time over its rounds; reading its log lines (this process, as a log collector) took ${microseconds(cpu.benchObserved - cpu.benchQuiet, cpu.requestsObserved)} µs a request more, on the same two cores`,
      },
    ]
  } finally {
    await cleanups.run()
  }
}
