import { describe, expect, it } from 'vitest'
import { wordsKept } from '../../../src/comments/words-kept.ts'

/** The page and the panel offer Edit by this rule; the server refuses rewording by the released decision. */
describe('whose words stay as they are', () => {
  it('keeps the words a released decision answers, and leaves open ones and replies editable', () => {
    expect(wordsKept({ decision: { decision: 'accepted' } })).toBe(true)
    expect(wordsKept({ decision: { decision: 'open' } })).toBe(false)
    expect(wordsKept({ decision: null })).toBe(false)
  })

  it('holds an editor shown a draft to the decision released under it, not to the draft', () => {
    expect(wordsKept({ decision: { decision: 'noted', draft: true } })).toBe(false)
    expect(wordsKept({ decision: { decision: 'noted', draft: true, released: 'open' } })).toBe(false)
    expect(wordsKept({ decision: { decision: 'open', draft: true, released: 'accepted' } })).toBe(true)
  })
})
