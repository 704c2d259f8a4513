import { setTimeout as sleep } from 'node:timers/promises'

/** Waits until `condition` holds, checking every 20 ms; fails after `ms`, saying what it waited for. */
export async function until(what: string, condition: () => boolean, ms = 10_000): Promise<void> {
  const deadline = performance.now() + ms
  while (!condition()) {
    if (performance.now() > deadline) throw new Error(`Waited ${String(ms)} ms for ${what}`)
    await sleep(20)
  }
}
