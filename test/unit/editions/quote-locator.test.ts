import { describe, expect, it } from 'vitest'
import { locateQuote } from '../../../src/editions/quote-locator.ts'

const before =
  'Operators shall retain access logs for ninety days and shall review them weekly for signs of misuse.'

describe('finding a quote again in the next wording of its paragraph', () => {
  it('finds the same words exactly after an edit elsewhere in the paragraph', () => {
    const after = `In every region, ${before.replace('weekly', 'monthly')}`
    const found = locateQuote({ exact: 'access logs for ninety days', prefix: 'shall retain ' }, after)
    expect(found.status).toBe('exact')
    expect(found.quote.exact).toBe('access logs for ninety days')
    expect(found.quote.prefix?.endsWith('shall retain ')).toBe(true)
    expect(found.quote.suffix?.startsWith(' and shall review')).toBe(true)
  })

  it('picks the repeat whose surroundings match the quote, not the first', () => {
    const text = 'Keep the logs safe. Delete the logs after a year. Keep the logs safe.'
    const found = locateQuote({ exact: 'the logs', prefix: 'Delete ', suffix: ' after' }, text)
    expect(found.status).toBe('exact')
    expect(found.quote.prefix).toBe('Keep the logs safe. Delete ')
  })

  it('takes the words between an unchanged prefix and suffix when the phrase itself was reworded', () => {
    const after = before.replace('access logs for ninety days', 'access logs for 90 days')
    const found = locateQuote(
      {
        exact: 'access logs for ninety days',
        prefix: 'Operators shall retain ',
        suffix: ' and shall review',
      },
      after,
    )
    expect(found).toMatchObject({ status: 'fuzzy', quote: { exact: 'access logs for 90 days' } })
  })

  it('finds a slightly reworded phrase fuzzily, on whole words, when its context changed too', () => {
    const after = 'Each operator must keep its access logs for ninety-one days, reviewing them often.'
    const found = locateQuote({ exact: 'access logs for ninety days', prefix: 'shall retain ' }, after)
    expect(found.status).toBe('fuzzy')
    expect(found.quote.exact).toBe('access logs for ninety-one days')
  })

  it('finds a long quote (past the matcher’s 32 characters) by both ends', () => {
    const quote = 'shall review them weekly for signs of misuse'
    const after = before.replace('signs of misuse', 'signs of abuse')
    const found = locateQuote({ exact: quote }, after)
    expect(found.status).toBe('fuzzy')
    expect(found.quote.exact).toBe('shall review them weekly for signs of abuse')
  })

  it('says gone when the words were deleted, keeping the words it looked for', () => {
    const after = 'Operators shall review their logs weekly.'
    const found = locateQuote({ exact: 'access logs for ninety days', suffix: ' and' }, after)
    expect(found).toEqual({ status: 'gone', quote: { exact: 'access logs for ninety days', suffix: ' and' } })
    expect(locateQuote({ exact: 'ninety days' }, '').status).toBe('gone')
  })

  it('compares text as quotes are checked: NFC and white space collapsed', () => {
    const found = locateQuote({ exact: 'caf\u00e9 menu' }, 'The cafe\u0301\n  menu is long.')
    expect(found).toMatchObject({ status: 'exact', quote: { exact: 'caf\u00e9 menu' } })
  })

  it('never widens a fuzzy match over a whole sentence of a script written without spaces', () => {
    const found = locateQuote(
      { exact: '九十日間保存する' },
      '事業者はアクセスログを九十一日間保存する。毎週確認する。',
    )
    expect(found.status).toBe('fuzzy')
    expect(found.quote.exact.length).toBeLessThan(12)
    expect(found.quote.exact).toContain('日間保存')
  })
})
