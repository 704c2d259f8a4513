import { describe, expect, it } from 'vitest'
import { wordingInPlace } from '../../../src/decisions/wording-in-place.ts'
import { splitDocument } from '../../../src/platform/markdown/split.ts'

const SOURCE = [
  'Second paragraph with **bold** text and a footnote.[^1]',
  '',
  'See [the rules][rules] and the [Home] page, or [the code][] first.',
  '',
  'Read the code[^1] of conduct every year.',
  '',
  '[rules]: https://example.org/rules',
  '[home]: https://example.org/',
  '[the code]: https://example.org/code',
  '',
  '[^1]: The footnote.',
  '',
].join('\n')

const document = splitDocument(SOURCE)
/** The whole-paragraph proposal taken into the block beginning with `start`, as the guide reads it. */
const takeIn = (start: string, proposal: string) => {
  const block = document.blocks.find((b) => b.text.startsWith(start))
  if (!block) throw new Error(`no block "${start}"`)
  return wordingInPlace(block.markdown, block.text, proposal, document.definitions)
}

describe('wording in place, with the document’s definitions', () => {
  it('keeps a footnote call and the bold around the words that change', () => {
    expect(takeIn('Second', 'Second paragraph with bold text and one footnote.')).toEqual({
      markdown: 'Second paragraph with **bold** text and one footnote.[^1]',
    })
  })

  it('puts words added after the words a footnote is called on after the call', () => {
    expect(takeIn('Second', 'Second paragraph with bold text and a footnote. And more.')).toEqual({
      markdown: 'Second paragraph with **bold** text and a footnote.[^1] And more.',
    })
  })

  it('keeps reference links, a shortcut one turning full when its own words change', () => {
    expect(takeIn('See', 'See the new rules and the Home page, or the code first.')).toEqual({
      markdown: 'See [the new rules][rules] and the [Home] page, or [the code][] first.',
    })
    expect(takeIn('See', 'See the rules and the Homes page, or the new code first.')).toEqual({
      markdown: 'See [the rules][rules] and the [Homes][Home] page, or [the new code][the code] first.',
    })
  })

  it('takes a proposal that writes the call out itself as its author wrote it', () => {
    expect(takeIn('Second', 'Second paragraph, one footnote.[^1]')).toEqual({ asWritten: true })
  })

  it('will not drop a footnote call whose words on both sides are replaced', () => {
    expect(takeIn('Read', 'Read the rules every year.')).toEqual({ lost: true })
    // Words elsewhere in the paragraph are no trouble.
    expect(takeIn('Read', 'Read the code of conduct each year.')).toEqual({
      markdown: 'Read the code[^1] of conduct each year.',
    })
  })

  it('refuses rather than write plain words over a block that does not read as it does in its guide', () => {
    // Without the document's definitions the call reads as brackets: what it is cannot be known.
    expect(wordingInPlace('Call us[^1] now.', 'Call us now.', 'Call them now.', '')).toEqual({ lost: true })
  })
})
