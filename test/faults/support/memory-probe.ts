import type { ChildProcess } from 'node:child_process'

export interface MemorySample {
  rss: number
  heapUsed: number
  external: number
  arrayBuffers: number
}

const PROBE = new URL('./memory-probe.js', import.meta.url).href
const LINE = /^gloss-memory-probe (\{.*\})$/m

/**
 * The test's side of `memory-probe.js`: the flags that load it into a server, and a sample taken by
 * signalling the server and reading the line it answers with from the server's output.
 */
export class MemoryProbe {
  private buffered = ''
  private waiting: ((sample: MemorySample) => void) | undefined

  nodeOptions(): string {
    return [process.env.NODE_OPTIONS ?? '', '--expose-gc', `--import "${PROBE}"`].join(' ').trim()
  }

  /** Everything the server writes after it has started comes through here. */
  read(chunk: string): void {
    this.buffered += chunk
    let newline = this.buffered.indexOf('\n')
    while (newline >= 0) {
      const line = this.buffered.slice(0, newline)
      this.buffered = this.buffered.slice(newline + 1)
      const match = LINE.exec(line)
      if (match?.[1] && this.waiting) {
        const answer = this.waiting
        this.waiting = undefined
        answer(JSON.parse(match[1]) as MemorySample)
      }
      newline = this.buffered.indexOf('\n')
    }
  }

  /** Memory right after a full collection in the server. */
  sample(server: ChildProcess, timeoutMs = 20_000): Promise<MemorySample> {
    if (this.waiting) throw new Error('one memory sample at a time')
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.waiting = undefined
        reject(new Error(`the server did not answer the memory probe within ${String(timeoutMs)} ms`))
      }, timeoutMs)
      this.waiting = (sample) => {
        clearTimeout(timer)
        resolve(sample)
      }
      server.kill('SIGUSR2')
    })
  }
}
