/**
 * Loaded into a server under soak with `--expose-gc --import` (see soak.ts). On SIGUSR2 it runs a full
 * collection and writes the process's memory as one line on standard error. Sampled at random moments,
 * memory saws up and down with the collector's cycle, and a minute holds too few cycles to tell a leak
 * from the phase; measured right after a full collection, it is what the process really holds.
 */
import process from 'node:process'

process.on('SIGUSR2', () => {
  globalThis.gc()
  const { rss, heapUsed, external, arrayBuffers } = process.memoryUsage()
  process.stderr.write(`gloss-memory-probe ${JSON.stringify({ rss, heapUsed, external, arrayBuffers })}\n`)
})
