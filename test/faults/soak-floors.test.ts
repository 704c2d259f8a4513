import { describe, expect, it } from 'vitest'
import { floors } from './soak.ts'

/** Memory sampled every 2 s: a collection every 12 s drops it to its floor, which rises by `leakKb` a sample. */
function sawtooth(phase: number, leakKb: number) {
  return Array.from({ length: 24 }, (_, i) => ({
    at: 12_000 + i * 2_000,
    kb: 600_000 + ((i + phase) % 6) * 20_000 + i * leakKb,
  }))
}

describe('the soak measures the floor memory falls back to after each collection', () => {
  it('reads no growth from a flat sawtooth, wherever the window cuts its cycle', () => {
    for (let phase = 0; phase < 6; phase++) {
      const { startKb, endKb } = floors(sawtooth(phase, 0))
      expect(endKb).toBe(startKb)
    }
  })

  it('reads a leak as a rising floor', () => {
    const { startKb, endKb } = floors(sawtooth(0, 3_000))
    // 12 samples apart at 3 MB a sample: 36 MB on a 600 MB floor.
    expect((endKb - startKb) / startKb).toBeCloseTo(36_000 / 600_000, 2)
  })

  it('refuses to judge with fewer than two samples', () => {
    expect(() => floors([{ at: 0, kb: 1 }])).toThrow(/two samples/)
  })
})
