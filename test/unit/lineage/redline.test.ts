import { describe, expect, it } from 'vitest'
import fc from 'fast-check'
import { redlineParts, type RedlinePart } from '../../../src/lineage/redline.ts'

const side = (parts: RedlinePart[], drop: 'del' | 'ins') =>
  parts
    .filter((p) => p.change !== drop)
    .map((p) => p.text)
    .join('')

/** The redline as a reader sees it: [-taken out-] and {+put in+}. */
const shown = (parts: RedlinePart[]) =>
  parts
    .map((p) => (p.change === 'del' ? `[-${p.text}-]` : p.change === 'ins' ? `{+${p.text}+}` : p.text))
    .join('')

describe('a redline reads as phrases', () => {
  it('groups changed words with only spaces between them into one deletion and one insertion', () => {
    expect(shown(redlineParts('The quick brown fox jumps', 'The slow red fox jumps'))).toBe(
      'The [-quick brown-]{+slow red+} fox jumps',
    )
    expect(
      shown(
        redlineParts(
          'Answer residents within two working days of their message.',
          'Reply to residents within five days of their message.',
        ),
      ),
    ).toBe('[-Answer-]{+Reply to+} residents within [-two working-]{+five+} days of their message.')
  })

  it('leaves a single changed word and kept words alone', () => {
    expect(shown(redlineParts('Keep it short.', 'Keep it brief.'))).toBe('Keep it [-short-]{+brief+}.')
    expect(redlineParts('Same words.', 'Same words.')).toEqual([{ text: 'Same words.' }])
  })

  it('keeps both wordings exactly, whatever the texts', () => {
    const words = fc.array(fc.constantFrom('a', 'b', 'c', 'dd', ' ', '  ', '\n', ',', 'é'), { maxLength: 30 })
    fc.assert(
      fc.property(words, words, (a, b) => {
        const before = a.join('')
        const after = b.join('')
        const parts = redlineParts(before, after)
        expect(side(parts, 'ins')).toBe(before)
        expect(side(parts, 'del')).toBe(after)
        expect(parts.every((p) => p.text !== '')).toBe(true)
      }),
    )
  })
})
