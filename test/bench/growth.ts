import { existsSync } from 'node:fs'
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { openDatabase } from '../../src/platform/db/database.ts'
import { ROOT, startGlossServer } from '../support/process.ts'
import { fmt, median, type Figure } from './figure.ts'
import { seedComments } from './seed.ts'
import { Cleanups, scratchDatabase, withClient } from './harness.ts'

const CORPUS_PAGE = join(ROOT, '../shared/corpus/nist-sp800-63b/sp800-63b.final.d061f42.md')
const FALLBACK_PAGE = join(ROOT, 'content/councillors-online.md')
const FRONT_MATTER = '---\nslug: nist\nstate: open\n---\n'
const FEW = 100
const MANY = 100_000
const SAMPLES = 40

/**
 * Growth: the same reading page and its comment counts with 100 and with 100,000 comments on the
 * guide (PostgreSQL). The page itself is the same bytes either way; the counts come from one grouped
 * query, so their time should barely move. Each figure is the median of sequential requests, the
 * reference the same request with 100 comments.
 */
export async function benchGrowth(): Promise<Figure[]> {
  const cleanups = new Cleanups()
  try {
    const source =
      FRONT_MATTER + (await readFile(existsSync(CORPUS_PAGE) ? CORPUS_PAGE : FALLBACK_PAGE, 'utf8'))
    const folder = await mkdtemp(join(tmpdir(), 'gloss-bench-growth-'))
    cleanups.push(() => rm(folder, { recursive: true, force: true }))
    await mkdir(join(folder, 'content'))
    await writeFile(join(folder, 'content', 'nist.md'), source)
    const databaseUrl = await scratchDatabase('gloss_bench_growth', cleanups)
    const env = {
      DATA_DIR: join(folder, 'data'),
      CONTENT_DIR: join(folder, 'content'),
      DATABASE_URL: databaseUrl,
      LOG_LEVEL: 'error',
      RATE_LIMITS: 'off',
    }
    const server = await startGlossServer(env)
    cleanups.push(() => server.stop())
    const database = await openDatabase({ databaseUrl: databaseUrl, dataDir: env.DATA_DIR })
    cleanups.push(() => database.close())

    const paths = { page: '/g/nist/1', counts: '/api/guides/nist/editions/1/counts' }
    const timeOf = async (path: string) => {
      const times: number[] = []
      for (let i = 0; i < SAMPLES; i++) {
        const started = performance.now()
        const response = await fetch(`${server.url}${path}`, { headers: { 'accept-encoding': 'br' } })
        await response.arrayBuffer()
        if (response.status !== 200) throw new Error(`GET ${path} answered ${String(response.status)}`)
        times.push(performance.now() - started)
      }
      return median(times.slice(SAMPLES / 4))
    }

    await seedComments(database.db, { slug: 'nist', number: 1, count: FEW })
    const few = { page: await timeOf(paths.page), counts: await timeOf(paths.counts) }
    await seedComments(database.db, { slug: 'nist', number: 1, count: MANY - FEW })
    await withClient(databaseUrl, (client) => client.query('analyze comments'))
    const many = { page: await timeOf(paths.page), counts: await timeOf(paths.counts) }

    const row = (what: string, key: 'page' | 'counts'): Figure => ({
      figure: `growth, ${what}: median ms with ${fmt(MANY, 0)} comments`,
      gloss: fmt(many[key], 1),
      reference: `${fmt(few[key], 1)} (${String(FEW)} comments)`,
      ratio: `${fmt(many[key] / few[key], 2)}×`,
      note: `target: under 1.5×; median of the last ${String((SAMPLES * 3) / 4)} of ${String(SAMPLES)} sequential requests, PostgreSQL`,
    })
    return [row('reading page', 'page'), row('comment counts', 'counts')]
  } finally {
    await cleanups.run()
  }
}
