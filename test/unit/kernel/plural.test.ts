import { describe, expect, it } from 'vitest'
import { plural } from '../../../src/kernel/plural.ts'

describe('plural: the one way a count is written with its noun', () => {
  it('says one of a thing and many of things, irregular nouns included', () => {
    expect(plural(0, 'comment')).toBe('0 comments')
    expect(plural(1, 'comment')).toBe('1 comment')
    expect(plural(2, 'block')).toBe('2 blocks')
    expect(plural(1, 'person', 'people')).toBe('1 person')
    expect(plural(7, 'person', 'people')).toBe('7 people')
  })

  it('separates thousands as British English does', () => {
    expect(plural(1204, 'comment')).toBe('1,204 comments')
  })
})
