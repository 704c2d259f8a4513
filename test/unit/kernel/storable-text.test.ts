import { describe, expect, it } from 'vitest'
import { storableText } from '../../../src/kernel/storable-text.ts'
import { fieldMessageIn } from '../../../src/platform/i18n/field-messages.ts'
import { CATALOGUES } from '../../../src/platform/i18n/messages.ts'

/** kernel/ imports nothing of ours, so its messages are the catalogue's by their English words. */
describe('storableText, the one schema for words a person writes', () => {
  const refusal = (value: string) => storableText().safeParse(value).error?.issues[0]?.message

  it('refuses a lone surrogate and NUL with the catalogue’s field messages, in English and Welsh', () => {
    expect(refusal('a\ud800b')).toBe(CATALOGUES.en['field.unicode'])
    expect(refusal('a\udc00')).toBe(CATALOGUES.en['field.unicode'])
    expect(refusal('a\u0000b')).toBe(CATALOGUES.en['field.nulCharacters'])
    expect(fieldMessageIn('cy', refusal('\ud800') ?? '')).toBe(CATALOGUES.cy['field.unicode'])
    expect(fieldMessageIn('cy', refusal('\u0000') ?? '')).toBe(CATALOGUES.cy['field.nulCharacters'])
  })

  it('takes any well-formed text, a pair of surrogates (an emoji) included', () => {
    for (const value of [
      '',
      'Croeso',
      'Ffrâm 🌍',
      '\u{1F3F4}\u{E0067}\u{E0062}\u{E0077}\u{E006C}\u{E0073}\u{E007F}',
    ])
      expect(storableText().safeParse(value).success, value).toBe(true)
  })
})
