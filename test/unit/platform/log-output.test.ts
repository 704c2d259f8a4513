import { execFile, spawn } from 'node:child_process'
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { promisify } from 'node:util'
import { describe, expect, it } from 'vitest'

const ROOT = fileURLToPath(new URL('../../..', import.meta.url))

/** Runs `body` in a node process of its own with the logger at info; what it wrote, line by line. */
async function linesOf(body: string): Promise<{ lines: Record<string, unknown>[]; code: number }> {
  const script = `
    const { logger, useLogLevel } = await import('./src/platform/log.ts')
    const { logRequest } = await import('./src/platform/http/request-log.ts')
    useLogLevel('info')
    ${body}`
  const run = promisify(execFile)(
    process.execPath,
    ['--import', 'tsx', '--input-type=module', '-e', script],
    {
      cwd: ROOT,
    },
  )
  let stdout: string
  let code = 0
  try {
    stdout = (await run).stdout
  } catch (error) {
    const failed = error as { stdout: string; code: number }
    stdout = failed.stdout
    code = failed.code
  }
  return {
    lines: stdout
      .trimEnd()
      .split('\n')
      .map((line) => JSON.parse(line) as Record<string, unknown>),
    code,
  }
}

const request = (n: number) =>
  `logRequest({ requestId: 'req-0000${n}', method: 'GET', path: '/g/x/${n}', route: '/g/:slug/:n', status: 200, durationMs: 1 })`

/** Lines wait for the end of their turn of the event loop (log.ts, LineBatch): none may be lost or reordered. */
describe('the log on standard output', () => {
  it('keeps the last words of a process that exits or crashes in the same turn', async () => {
    const exited = await linesOf(
      `logger.info('started'); setTimeout(() => { ${request(1)}; logger.error('stopping badly'); process.exit(3) }, 10)`,
    )
    expect(exited.code).toBe(3)
    expect(exited.lines.map((line) => line.msg)).toEqual(['started', 'request', 'stopping badly'])

    const crashed = await linesOf(
      `setTimeout(() => { ${request(2)}; logger.warn('about to fail'); throw new Error('crash') }, 10)`,
    )
    expect(crashed.code).toBe(1)
    expect(crashed.lines.map((line) => line.msg)).toEqual(['request', 'about to fail'])
    expect(crashed.lines[0]?.path).toBe('/g/x/2')
  })

  it('writes a busy turn’s lines whole and in the order they were logged, pino’s among the requests', async () => {
    const { lines } = await linesOf(
      `for (let n = 0; n < 2000; n++) { if (n % 500 === 0) logger.info({ n }, 'mark'); logRequest({ requestId: 'req-' + String(n).padStart(8, '0'), method: 'GET', path: '/g/x/' + n, route: '/g/:slug/:n', status: 200, durationMs: 1 }) }`,
    )
    expect(lines).toHaveLength(2004)
    const order = lines.map((line) => (line.msg === 'mark' ? `mark ${String(line.n)}` : String(line.path)))
    const expected: string[] = []
    for (let n = 0; n < 2000; n++) {
      if (n % 500 === 0) expected.push(`mark ${n}`)
      expected.push(`/g/x/${n}`)
    }
    expect(order).toEqual(expected)
  })
})

/**
 * `gloss serve --workers N` runs N processes writing to the one standard output they inherit. On a pipe
 * (a container's log, `gloss serve | collector`), a write of up to PIPE_BUF bytes goes in whole; a longer
 * one may be interleaved with another process's, mid-line. Busy turns make batches far longer than that.
 */
describe('the log of several processes on one pipe', () => {
  it('keeps every line whole when two busy workers write at once and the reader lags', async () => {
    const folder = await mkdtemp(join(tmpdir(), 'gloss-log-'))
    const worker = join(folder, 'worker.mjs')
    // As `gloss serve --workers 2` runs them: cluster workers, which inherit the primary's output.
    await writeFile(
      worker,
      `const { logger, useLogLevel } = await import(${JSON.stringify(join(ROOT, 'src/platform/log.ts'))})
      useLogLevel('info')
      const filler = '${'x'.repeat(900)}'
      let n = 0
      const turn = () => {
        for (let i = 0; i < 40; i++, n++) logger.info({ writer: process.env.WRITER, n, filler }, 'busy')
        if (n < 4000) setImmediate(turn)
      }
      turn()`,
    )
    const primary = `
      import cluster from 'node:cluster'
      cluster.setupPrimary({ exec: ${JSON.stringify(worker)}, execArgv: ['--import', 'tsx'] })
      cluster.fork({ WRITER: 'a' })
      cluster.fork({ WRITER: 'b' })`
    const child = spawn(process.execPath, ['--input-type=module', '-e', primary], { cwd: ROOT })
    const chunks: Buffer[] = []
    let newlines = 0
    // The workers stay up, as a server's do: read until both have written all their lines.
    const all = new Promise<void>((resolve) => {
      child.stdout.on('data', (chunk: Buffer) => {
        chunks.push(chunk)
        for (const byte of chunk) if (byte === 10) newlines++
        if (newlines >= 8000) resolve()
        // A slow reader: the pipe fills, and the writers wait on it together.
        child.stdout.pause()
        setTimeout(() => child.stdout.resume(), 2)
      })
    })
    await Promise.race([all, new Promise((resolve) => setTimeout(resolve, 40_000))])
    child.kill()
    await new Promise((resolve) => child.once('close', resolve))
    await rm(folder, { recursive: true, force: true })
    const lines = Buffer.concat(chunks).toString('utf8').trimEnd().split('\n')
    const broken = lines.filter((line) => {
      try {
        JSON.parse(line)
        return false
      } catch {
        return true
      }
    })
    expect(broken.length, broken[0]?.slice(0, 200)).toBe(0)
    const parsed = lines.map((line) => JSON.parse(line) as { writer: string; n: number })
    for (const name of ['a', 'b']) {
      const ns = parsed.filter((line) => line.writer === name).map((line) => line.n)
      const firstWrong = ns.findIndex((n, i) => n !== i)
      expect(
        firstWrong,
        `${name}: ${JSON.stringify(ns.slice(firstWrong - 2, firstWrong + 5))} of ${ns.length}`,
      ).toBe(-1)
      expect(ns).toEqual(Array.from({ length: 4000 }, (_, n) => n))
    }
  }, 60_000)
})

/**
 * Runs `body` (which logs, then waits for logDrained and exits 0; `filler` is 900 characters to log) in
 * a node process of its own with the logger at info, whose reader takes the first chunk and then stops
 * for a second: the pipe fills and the writer waits. What it wrote, line by line, once it has closed.
 */
async function linesThroughLaggingReader(body: string): Promise<string[]> {
  const script = `
    const { logger, useLogLevel, logDrained } = await import('./src/platform/log.ts')
    useLogLevel('info')
    const filler = '${'x'.repeat(900)}'
    ${body}`
  const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
    cwd: ROOT,
  })
  const chunks: Buffer[] = []
  child.stdout.once('data', () => {
    child.stdout.pause()
    setTimeout(() => child.stdout.resume(), 1_000)
  })
  child.stdout.on('data', (chunk: Buffer) => chunks.push(chunk))
  const code = await new Promise((resolve) => child.once('close', resolve))
  expect(code).toBe(0)
  return Buffer.concat(chunks).toString('utf8').trimEnd().split('\n')
}

/**
 * A server stopping while its log's reader lags (a collector restarting, a full pipe) still hands over
 * every line it wrote: `gloss serve` waits for the log to drain before it exits. Synchronous writing on
 * exit alone would skip the piece whose write was waiting on the full pipe, and write what came after it.
 * Plain output (console.log) written after the log's last line waits behind it, and is handed over too.
 */
describe('the log of a process that stops while its reader lags', () => {
  it('arrives whole and in order once the reader is back', async () => {
    const lines = await linesThroughLaggingReader(`
      let n = 0
      const turn = async () => {
        for (let i = 0; i < 40; i++, n++) logger.info({ n, filler }, 'busy')
        if (n < 2000) return setImmediate(turn)
        await logDrained()
        process.exit(0)
      }
      turn()`)
    const ns = lines.map((line) => {
      try {
        return (JSON.parse(line) as { n: number }).n
      } catch {
        return `broken: ${line.slice(0, 60)}…${line.slice(-60)}`
      }
    })
    expect(ns.filter((n) => typeof n === 'string')).toEqual([])
    expect(ns).toEqual(Array.from({ length: 2000 }, (_, n) => n))
  }, 30_000)

  it('keeps plain output written after the last log line, however long', async () => {
    // The lines of one turn go to the output in one write, which waits on the full pipe; the plain
    // lines, written a moment later, wait behind it in the output's own queue, and are more than the
    // pipe takes at once when it is read again.
    const lines = await linesThroughLaggingReader(`
      for (let n = 0; n < 2000; n++) logger.info({ n, filler }, 'busy')
      await new Promise((resolve) => setTimeout(resolve, 100))
      console.log('SIGTERM: stopping. ' + 'y'.repeat(200_000))
      await logDrained()
      process.exit(0)`)
    expect(lines).toHaveLength(2001)
    expect(lines.at(-2)).toContain('"n":1999')
    expect(lines.at(-1)).toBe(`SIGTERM: stopping. ${'y'.repeat(200_000)}`)
  }, 30_000)
})
