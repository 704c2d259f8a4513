import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { commentHtml, plainCommentHtml } from '../../../src/comments/comment-markdown.ts'

/** Words, the punctuation of prose, and every character Markdown or GFM gives a meaning to. */
const pieces = [
  'word',
  'Ünïcödé',
  'ymgynghoriad',
  '42',
  '1',
  ' ',
  '  ',
  '\n',
  '\n\n',
  '.',
  ',',
  ':',
  ')',
  '(',
  "'",
  '"',
  '’',
  '—',
  '%',
  '/',
  '!',
  '?',
  '*',
  '_',
  '~',
  '`',
  '[',
  ']',
  '<',
  '>',
  '&',
  '#',
  '|',
  '=',
  '+',
  '-',
  '---',
  'well-known',
  '\\',
  '\t',
  'http://x.org',
  'www.example.org',
  'a@b.org',
  '&amp;',
  '\r',
  '^',
  '[3]',
  '[^2]',
  '![',
  '](',
  ']:',
  ' & ',
  '&copy;',
  '&#169;',
  '&#x26;',
  'AT&T',
  'M&Ms',
  'Q&A',
  '&Mu',
  '&amp',
  '&#38',
  ';',
  'x',
  '&1',
  '×',
  '©',
  '→',
  '😀',
  '$',
  '€',
]
const anyBody = fc.array(fc.constantFrom(...pieces), { maxLength: 40 }).map((parts) => parts.join(''))

/** Sentences and paragraphs of prose, the bodies most reviewers write. */
const prose = fc
  .array(
    fc.array(
      fc.constantFrom(
        'The',
        'second',
        'sentence',
        'reads',
        '50%',
        'ambiguously',
        '(see 3.2)',
        'well-known',
        '2024-25',
        '—',
      ),
      {
        minLength: 1,
        maxLength: 12,
      },
    ),
    { minLength: 1, maxLength: 4 },
  )
  .map((paragraphs) => paragraphs.map((words) => `${words.join(' ')}.`).join('\n\n'))

describe('comment bodies with no Markdown in them skip the Markdown pipeline', () => {
  it('gives exactly the HTML the pipeline gives, whenever it takes a body', () => {
    fc.assert(
      fc.property(anyBody, (body) => {
        const plain = plainCommentHtml(body)
        if (plain !== undefined) expect(plain).toBe(commentHtml(body))
      }),
      { numRuns: 5000 },
    )
  })

  it('takes prose, as most comments are written', () => {
    fc.assert(
      fc.property(prose, (body) => {
        expect(plainCommentHtml(body)).toBe(commentHtml(body))
      }),
      { numRuns: 500 },
    )
    expect(plainCommentHtml('It’s “fine”: 50% of it (really)…\n\nSecond paragraph!')).toBe(
      '<p>It’s “fine”: 50% of it (really)…</p>\n<p>Second paragraph!</p>',
    )
    // An ampersand that cannot start a character reference (those end with `;`) is prose too.
    expect(plainCommentHtml('Our Q&A and the M&Ms, AT&T&copy it.')).toBe(
      '<p>Our Q&#x26;A and the M&#x26;Ms, AT&#x26;T&#x26;copy it.</p>',
    )
    expect(plainCommentHtml('Fish &amp; chips')).toBeUndefined()
    expect(plainCommentHtml('A well-known, two-sided 2024-25 plan - for now.')).toBe(
      '<p>A well-known, two-sided 2024-25 plan - for now.</p>',
    )
    // Citations, symbols and an ampersand, as reviewers write them; the pipeline escapes `&` the same way.
    expect(plainCommentHtml('As [3] and [^2] say, R & D costs × 2 → less.')).toBe(
      '<p>As [3] and [^2] say, R &#x26; D costs × 2 → less.</p>',
    )
  })

  it('leaves markup, lists, links and code to the pipeline', () => {
    for (const body of [
      'Use *emphasis* here',
      '1. a list',
      'text\n2) another list',
      'see https://example.org',
      'www.example.org',
      'write to a@b.org',
      '    indented code',
      'hard  \nbreak',
      'Tom &amp; Jerry',
      'AT&T;',
      'the &#38; sign',
      'see [the guide](https://example.org)',
      'see [the guide][1]\n\n[1]: /guide',
      'a ![picture](p.png)',
      // A one-column GFM table: its delimiter row needs no pipe.
      'word\n:---',
      'a <b> tag',
      '- a list',
      'text\n- a list',
      'a heading\n---',
      'a heading\n-',
      '---',
    ])
      expect(plainCommentHtml(body), body).toBeUndefined()
  })
})
