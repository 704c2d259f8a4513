import { describe, expect, it } from 'vitest'
import { describeNotice } from '../../../src/notifications/notice-view.ts'

/** Where a follower's comments went when their paragraph changed, said as a person would say it. */
describe('a revised paragraph’s notice says where the reader’s comments are now', () => {
  const removed = {
    blockKey: 'k1',
    blockNumber: '2',
    editionNumber: 2,
    fromEdition: 1,
    change: 'removed' as const,
    comments: [{ commentId: 7, blockKey: null, blockNumber: null }],
  }

  it('puts a comment on removed text under that heading, in English and Welsh', () => {
    expect(describeNotice('block.revised', 'bins', removed).text).toBe(
      'Paragraph 2, which you follow, was removed in edition 2. Your comment on it is now under “comments on removed text”.',
    )
    expect(describeNotice('block.revised', 'bins', removed, 'cy').text).toContain(
      'Mae’ch sylw arno bellach o dan “sylwadau ar destun a dynnwyd”.',
    )
  })

  it('counts two comments and names each paragraph they are on', () => {
    const split = {
      ...removed,
      change: 'split' as const,
      to: [
        { key: 'a', number: '2' },
        { key: 'b', number: '3' },
      ],
      comments: [
        { commentId: 7, blockKey: 'a', blockNumber: '2' },
        { commentId: 8, blockKey: 'b', blockNumber: '3' },
      ],
    }
    expect(describeNotice('block.revised', 'bins', split).text).toBe(
      'Paragraph 2, which you follow, was split into paragraphs 2 and 3 in edition 2. Your 2 comments on it are now on paragraph 2 and on paragraph 3.',
    )
  })
})
