import { spawn } from 'node:child_process'
import { once } from 'node:events'
import { describe, expect, it } from 'vitest'
import { MemoryProbe } from './support/memory-probe.ts'

/**
 * A process that, on each line of its input, keeps 20 MB and makes 100 MB of garbage: the probe the soak
 * loads into its server must see the 20 MB and none of the garbage, wherever the collector's cycle was.
 */
const LEAKY = `
  const kept = []
  process.stdin.on('data', () => {
    kept.push(new Array(20 * 1024 * 1024 / 8).fill(1.5))
    for (let i = 0; i < 100; i++) new Array(1024 * 1024 / 8).fill(2.5)
    process.stdout.write('ready\\n')
  })
  process.stdout.write('ready\\n')
`

describe('the soak samples memory right after a full collection', () => {
  it('sees what a process keeps and none of the garbage it made', async () => {
    const probe = new MemoryProbe()
    const child = spawn(process.execPath, ['-e', LEAKY], {
      env: { ...process.env, NODE_OPTIONS: probe.nodeOptions() },
      stdio: ['pipe', 'pipe', 'pipe'],
    })
    try {
      let ready = 0
      child.stdout.on('data', (chunk: Buffer) => (ready += chunk.toString().split('ready').length - 1))
      child.stderr.on('data', (chunk: Buffer) => probe.read(chunk.toString()))
      const step = async (): Promise<void> => {
        const before = ready
        child.stdin.write('go\n')
        while (ready === before) await once(child.stdout, 'data')
      }
      while (ready === 0) await once(child.stdout, 'data')
      const first = await probe.sample(child)
      const heaps = [first.heapUsed]
      for (let round = 0; round < 3; round++) {
        await step()
        heaps.push((await probe.sample(child)).heapUsed)
      }
      const kept = heaps.slice(1).map((heap, round) => heap - (heaps[round] ?? 0))
      const mb = 1024 * 1024
      // 20 MB kept a round (a Float64 array of 2.6 million doubles), within a megabyte each time.
      expect(kept).toHaveLength(3)
      for (const round of kept) expect(Math.abs(round - 20 * mb)).toBeLessThan(mb)
      expect(first.rss).toBeGreaterThan(first.heapUsed)
    } finally {
      child.kill('SIGKILL')
    }
  })
})
