import { describe, expect, it } from 'vitest'
import { growth } from './soak.ts'

/**
 * Memory sampled every 2 s after a full collection: a level of 100 MB, what is in flight on top of it
 * (up to 15 MB, in a fixed pseudo-random order), and a leak of `leakKb` a sample.
 */
function samples(leakKb: number, inFlight = (i: number) => ((i * 7919) % 16) * 1_000) {
  return Array.from({ length: 24 }, (_, i) => ({
    at: 12_000 + i * 2_000,
    kb: 100_000 + inFlight(i) + i * leakKb,
  }))
}

describe('the soak reads growth from samples taken after a full collection', () => {
  it('reads no growth from noise around a flat level', () => {
    expect(Math.abs(growth(samples(0)).growth)).toBeLessThan(0.03)
  })

  it('is not moved by a few samples caught with a large page in flight', () => {
    // Three samples of the first half 30% high, and the lowest of all in the second: a lowest-sample
    // or a mean reading would tilt; the median holds.
    const caught = samples(0, (i) => (i === 1 || i === 4 || i === 7 ? 30_000 : i === 20 ? -10_000 : 5_000))
    expect(growth(caught).growth).toBe(0)
    expect(growth(caught).maxKb).toBe(130_000)
  })

  it('reads a leak as its growth', () => {
    // The halves' middles 12 samples apart at 1 MB a sample: 12 MB on a level of 100-115 MB, more than
    // the soak's 10%.
    const leak = growth(samples(1_000))
    expect(leak.growth).toBeGreaterThan(0.1)
    expect(leak.growth).toBeLessThan(0.16)
  })

  it('refuses to judge with fewer than four samples', () => {
    expect(() => growth(samples(0).slice(0, 3))).toThrow(/four samples/)
  })
})
