import { spawn, type ChildProcess } from 'node:child_process'
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createInterface } from 'node:readline'
import { ROOT, startGlossServer } from '../support/process.ts'
import { fmt, megabytes, ratio, type Figure } from './figure.ts'
import { Cleanups, TSX, firstLine, percentile, rssBytes, scratchDatabase } from './harness.ts'
import type { LiveLoadPlan, LiveLoadResult } from './live-load.ts'

const STREAMS = Number(process.env.BENCH_LIVE_STREAMS ?? 1000)
const POSTS = 100
const GAP_MS = 50
const PASSWORD = 'bench password that is long enough'

/**
 * 1,000 open event streams on one edition while comments are posted: how long from a POST's 201 to
 * the comment's arrival on the last stream, and what each open stream costs the server in memory.
 * The reference is a bare node:http server fanning the same posts out to the same streams.
 */
export async function benchLive(): Promise<Figure[]> {
  const cleanups = new Cleanups()
  try {
    const folder = await mkdtemp(join(tmpdir(), 'gloss-bench-live-'))
    cleanups.push(() => rm(folder, { recursive: true, force: true }))
    await mkdir(join(folder, 'content'))
    const guide = await readFile(join(ROOT, 'content/councillors-online.md'), 'utf8')
    await writeFile(
      join(folder, 'content', 'guide.md'),
      guide.replace('lang: en-GB', 'lang: en-GB\nstate: open'),
    )
    const server = await startGlossServer({
      DATA_DIR: join(folder, 'data'),
      CONTENT_DIR: join(folder, 'content'),
      DATABASE_URL: await scratchDatabase('gloss_bench_live', cleanups),
      LOG_LEVEL: 'error',
      RATE_LIMITS: 'off',
    })
    cleanups.push(() => server.stop())
    const setup = await fetch(`${server.url}/api/setup`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'admin@example.org', password: PASSWORD, displayName: 'Bench admin' }),
    })
    if (setup.status !== 201) throw new Error(`POST /api/setup answered ${String(setup.status)}`)
    const cookie = (setup.headers.get('set-cookie') ?? '').split(';')[0] ?? ''
    const edition = (await (
      await fetch(`${server.url}/api/guides/councillors-online/editions/1`)
    ).json()) as { blocks: { key: string }[] }
    const key = edition.blocks[3]?.key ?? ''

    const gloss = await drive(folder, server.child, {
      streamUrl: `${server.url}/api/guides/councillors-online/editions/1/events`,
      postUrl: `${server.url}/api/guides/councillors-online/editions/1/blocks/${key}/comments`,
      postHeaders: { cookie },
      streams: STREAMS,
      posts: POSTS,
      gapMs: GAP_MS,
    })

    const fanout = spawn(process.execPath, [...TSX, join(ROOT, 'test/bench/fanout-server.ts')], {
      stdio: ['ignore', 'pipe', 'inherit'],
    })
    cleanups.push(() => Promise.resolve(fanout.kill()))
    const { port } = JSON.parse(await firstLine(fanout)) as { port: number }
    const reference = await drive(folder, fanout, {
      streamUrl: `http://127.0.0.1:${String(port)}/events`,
      postUrl: `http://127.0.0.1:${String(port)}/comments`,
      postHeaders: {},
      streams: STREAMS,
      posts: POSTS,
      gapMs: GAP_MS,
    })

    const p99 = (r: Measured) => percentile(r.sorted, 0.99)
    const label = `${fmt(STREAMS, 0)} event streams, postgres`
    return [
      {
        figure: `${label}: p99 201 → last stream (ms)`,
        gloss: fmt(p99(gloss)),
        reference: `${fmt(p99(reference))} (bare node:http fan-out)`,
        ratio: ratio(p99(gloss), p99(reference)),
        note: `${String(POSTS)} posts, one at a time; median ${fmt(percentile(gloss.sorted, 0.5))} ms; missed ${String(gloss.missed)}; streams opened in ${fmt(gloss.openMs / 1000, 1)} s`,
      },
      {
        figure: `${label}: memory per open stream (KB)`,
        gloss: fmt(gloss.perStream / 1024),
        reference: fmt(reference.perStream / 1024),
        ratio: ratio(gloss.perStream, reference.perStream),
        note: `server RSS ${megabytes(gloss.rssBefore)} before the streams, ${megabytes(gloss.rssAfter)} with them`,
      },
    ]
  } finally {
    await cleanups.run()
  }
}

interface Measured extends LiveLoadResult {
  sorted: number[]
  rssBefore: number
  rssAfter: number
  perStream: number
}

/** Runs the load generator against one server, measuring the server's memory before and with the streams. */
async function drive(folder: string, server: ChildProcess, plan: LiveLoadPlan): Promise<Measured> {
  const pid = server.pid
  if (pid === undefined) throw new Error('The server has no process id')
  const planFile = join(folder, 'live-plan.json')
  await writeFile(planFile, JSON.stringify(plan))
  const rssBefore = await rssBytes(pid)
  const load = spawn(process.execPath, [...TSX, join(ROOT, 'test/bench/live-load.ts'), planFile], {
    stdio: ['pipe', 'pipe', 'inherit'],
  })
  const lines = createInterface({ input: load.stdout })[Symbol.asyncIterator]()
  const next = async () => {
    const line = await lines.next()
    if (line.done) throw new Error('The live load generator stopped early')
    return line.value
  }
  await next()
  // Let the server settle with every stream open before reading its memory.
  await new Promise((resolve) => setTimeout(resolve, 1_000))
  const rssAfter = await rssBytes(pid)
  load.stdin.write('go\n')
  const result = JSON.parse(await next()) as LiveLoadResult
  return {
    ...result,
    sorted: [...result.lastArrival].sort((a, b) => a - b),
    rssBefore,
    rssAfter,
    perStream: (rssAfter - rssBefore) / plan.streams,
  }
}
