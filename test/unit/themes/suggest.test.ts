import { describe, expect, it } from 'vitest'
import { suggestThemes } from '../../../src/themes/suggest.ts'

/** Words no two comments share by more than chance: a deterministic stream over 2,000 made-up words. */
function filler(seed: number, count: number): string {
  return Array.from({ length: count }, (_, i) => `word${String((seed * 7919 + i * 104_729) % 2000)}`).join(
    ' ',
  )
}

describe('suggested themes', () => {
  it('finds a phrase shared by 1 in 20 of 20,000 comments and gathers every one of them, not just a sample', () => {
    const comments = Array.from({ length: 20_000 }, (_, i) => ({
      id: i + 1,
      body:
        i % 20 === 0
          ? `${filler(i, 6)}. The flood defences need repair. ${filler(i + 1, 4)}`
          : `${filler(i, 8)} number ${String(i)}`,
    }))
    const suggestions = suggestThemes(comments)
    const flood = suggestions.find((s) => /flood defences/i.test(s.phrase))
    expect(flood?.commentIds).toHaveLength(1000)
    expect(flood?.commentIds.every((id) => (id - 1) % 20 === 0)).toBe(true)
  })

  it('keeps the way most comments write a phrase, and never offers a lone word that carries nothing', () => {
    const comments = [
      'Social Media policy',
      'social media is risky',
      'Social Media again',
      'the the the',
      'of of of',
    ].map((body, i) => ({ id: i + 1, body }))
    const suggestions = suggestThemes(comments)
    expect(suggestions.map((s) => s.phrase)).toEqual(['Social Media'])
  })

  it('suggests nothing that fewer than three comments share', () => {
    const comments = ['Bins on Tuesday', 'Bins on Tuesday please', 'Something else'].map((body, i) => ({
      id: i + 1,
      body,
    }))
    expect(suggestThemes(comments)).toEqual([])
  })
})
