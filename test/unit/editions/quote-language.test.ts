import { describe, expect, it } from 'vitest'
import { locateInLanguage, NO_TRANSLATIONS, quoteLanguage } from '../../../src/editions/quote-language.ts'

const ENGLISH = 'Park only in marked bays near the school gates.'
const WELSH = 'Parciwch mewn baeau wedi’u marcio ger gatiau’r ysgol yn unig.'
const origin = { text: ENGLISH, translations: new Map([['cy', WELSH]]) }

describe('the language a quote was taken from', () => {
  it('is the edition’s own text when its words are there, else the translation that has them', () => {
    expect(quoteLanguage({ exact: 'marked  bays' }, origin)).toBeNull()
    expect(quoteLanguage({ exact: 'baeau wedi’u marcio' }, origin)).toBe('cy')
    // Words in neither text (an older comment's, say) count as the own text's, as before translations.
    expect(quoteLanguage({ exact: 'castle gates' }, origin)).toBeNull()
  })
})

describe('a quote looked for in a later edition', () => {
  const welsh = { exact: 'baeau wedi’u marcio', prefix: 'Parciwch mewn ' }

  it('finds words of the own text in the own text, and words of a translation in that translation', () => {
    const later = {
      text: 'Park only in marked bays by the school gates.',
      translations: new Map([['cy', 'Parciwch mewn baeau wedi’u marcio ger yr ysgol.']]),
    }
    expect(locateInLanguage({ exact: 'marked bays' }, null, later)).toMatchObject({ status: 'exact' })
    expect(locateInLanguage(welsh, 'cy', later)).toMatchObject({
      status: 'exact',
      quote: { exact: 'baeau wedi’u marcio' },
    })
  })

  it('keeps words of a translation waiting, unjudged, while the edition has no text in their language', () => {
    // Not looked for in the English, where they are not and where a fuzzy match could land anywhere.
    const later = { text: ENGLISH, translations: NO_TRANSLATIONS }
    expect(locateInLanguage(welsh, 'cy', later)).toEqual({ quote: welsh, status: null })
  })

  it('calls them gone when the text in their language has lost them, or the paragraph is removed', () => {
    const later = { text: ENGLISH, translations: new Map([['cy', 'Defnyddiwch y llefydd parcio.']]) }
    expect(locateInLanguage(welsh, 'cy', later)).toMatchObject({ status: 'gone' })
    expect(locateInLanguage(welsh, 'cy', undefined)).toMatchObject({ status: 'gone' })
  })
})
