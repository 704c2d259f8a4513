import { describe, expect, it } from 'vitest'
import { wordingFromForm } from '../../../src/comments/form-wording.ts'

const PARAGRAPH =
  'If your application is refused you can ask for a review within 28 days. Write to the parking office.'

describe('a suggestion’s wording from the form without script, whose box starts as the paragraph', () => {
  it('takes the words that replaced the quote where the rest of the paragraph was kept', () => {
    const box = PARAGRAPH.replace('28 days', '56 days')
    expect(wordingFromForm(box, 'within 28 days', PARAGRAPH)).toBe('within 56 days')
    // Words added next to the quote, inside the box's change, are part of the new wording.
    expect(wordingFromForm(PARAGRAPH.replace('28 days', '56 calendar days'), '28 days', PARAGRAPH)).toBe(
      '56 calendar days',
    )
    // The quote taken out altogether.
    expect(wordingFromForm(PARAGRAPH.replace(' within 28 days', ''), ' within 28 days', PARAGRAPH)).toBe('')
    // Sent by a browser with CRLF line ends.
    const lines = 'First line of it.\nSecond line, with 28 days.'
    expect(wordingFromForm(lines.replace('28', '56').replace('\n', '\r\n'), '28 days', lines)).toBe('56 days')
  })

  it('finds the quote where the person changed it when it stands twice', () => {
    const twice = 'Use the bays by the gates, or the bays by the school.'
    expect(wordingFromForm(twice.replace('or the bays', 'or the spaces'), 'the bays', twice)).toBe(
      'the spaces',
    )
    expect(wordingFromForm(twice.replace('Use the bays', 'Use the spaces'), 'the bays', twice)).toBe(
      'the spaces',
    )
  })

  it('keeps new words written in place of the paragraph as they are', () => {
    expect(wordingFromForm('within 56 days', 'within 28 days', PARAGRAPH)).toBe('within 56 days')
    expect(wordingFromForm('within 56 days.', 'within 28 days.', PARAGRAPH)).toBe('within 56 days.')
  })

  it('says so when the paragraph was edited outside the quoted words too', () => {
    const box = PARAGRAPH.replace('28 days', '56 days').replace('parking office', 'council')
    expect(wordingFromForm(box, 'within 28 days', PARAGRAPH)).toBeNull()
  })

  it('leaves a wording alone without a quote or a paragraph to compare with', () => {
    // Whatever its words: a wording that is the word "outside" is a wording.
    expect(wordingFromForm('outside', 'within 28 days', PARAGRAPH)).toBe('outside')
    expect(wordingFromForm('New words.', undefined, PARAGRAPH)).toBe('New words.')
    expect(wordingFromForm('New words.', 'within 28 days', undefined)).toBe('New words.')
    // Quoting the whole paragraph: the box is the wording.
    expect(wordingFromForm('All new.', PARAGRAPH, PARAGRAPH)).toBe('All new.')
  })
})
