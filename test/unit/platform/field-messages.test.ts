import { describe, expect, it } from 'vitest'
import {
  fieldMessage,
  fieldMessageIn,
  fieldMessageSaying,
} from '../../../src/platform/i18n/field-messages.ts'
import { translator } from '../../../src/platform/i18n/messages.ts'

/**
 * A field's message is found again in the reader's language by its English words. Those that say back
 * what a sender named (a paragraph, a comment, a theme) are found by their shape, never remembered, so a
 * stream of made-up names cannot grow the process without end, and a Welsh reader still reads Welsh.
 */
describe('field messages in the reader’s language', () => {
  const english = translator('en')
  const welsh = translator('cy')

  it('finds a message said back by its shape, though nothing ever remembered it', () => {
    // Made here as a refusal would, but through the catalogue alone: nothing recorded this sentence.
    const cases = [
      ['field.noParagraphKey', { number: '2', key: 'p-made-up-key' }],
      ['field.noParagraphNumber', { number: '3', paragraph: '9.99' }],
      ['field.notTopLevelComments', { ids: '12, 13' }],
      ['field.noThemes', { ids: '4' }],
      ['field.cannotDuplicate', { id: '77' }],
    ] as const
    for (const [key, values] of cases)
      expect(fieldMessageIn('cy', english(key, values)), key).toBe(welsh(key, values))
  })

  it('tells a quoted key apart from a paragraph number', () => {
    const said = fieldMessageSaying('field.noParagraphKey', { number: '2', key: 'abc' })
    expect(said).toBe('Edition 2 has no paragraph "abc".')
    expect(fieldMessageIn('cy', said)).toBe(welsh('field.noParagraphKey', { number: '2', key: 'abc' }))
    const numbered = fieldMessageSaying('field.noParagraphNumber', { number: '2', paragraph: '4.1' })
    expect(fieldMessageIn('cy', numbered)).toBe(
      welsh('field.noParagraphNumber', { number: '2', paragraph: '4.1' }),
    )
  })

  it('still finds a schema’s message with values by the values it was made with', () => {
    const said = fieldMessage('field.searchLong', { max: 200 })
    expect(fieldMessageIn('cy', said)).toBe(welsh('field.searchLong', { max: 200 }))
  })

  it('finds nothing for words the catalogue does not hold', () => {
    expect(fieldMessageIn('cy', 'Something nobody wrote.')).toBeUndefined()
  })
})
