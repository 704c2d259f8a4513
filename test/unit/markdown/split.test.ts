import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { DomainError } from '../../../src/kernel/errors.ts'
import { decodeSource, MAX_SOURCE_BYTES } from '../../../src/platform/markdown/limits.ts'
import { splitDocument, type SplitBlock, type SplitDocument } from '../../../src/platform/markdown/split.ts'
import { brokenInPageLinks, normalisePage } from '../../support/invariant.ts'

/** Every fixture below is also checked against the splitting invariant at the end of this file. */
const FIXTURES = {
  kinds: [
    '# Guide title',
    '',
    'A paragraph.',
    '',
    '- first item',
    '  - nested one',
    '  - nested two',
    '- second item',
    '',
    '> A quotation.',
    '',
    '```js',
    'const x = 1',
    '```',
    '',
    '| a | b |',
    '| - | - |',
    '| 1 | 2 |',
    '',
    'Cites a later note[^later] and then an early one[^early].',
    '',
    '[^early]: Early definition.',
    '[^later]: Later definition.',
    '[^unused]: Never cited.',
    '',
    '<div class="note">Raw <b>HTML</b> block</div>',
    '',
  ].join('\n'),
  titled: '# The guide\n\nIntroduction.\n\n## Scope\n\nWhat it covers.\n',
  sections: '## A\n\nFirst.\n\n### B\n\nSecond.\n\n## C\n',
  plainText: '## A **bold** heading\n\nSome *emphasis*, [a link](https://example.org) and `code`.\n',
  referenceLinks: [
    'Read [the guide][guide] first.',
    '',
    '- a list item also uses [the guide][guide]',
    '',
    'Another paragraph.',
    '',
    '[guide]: https://example.org/guide "The guide"',
    '',
  ].join('\n'),
  footnotes: [
    '- a list item with a note[^a]',
    '',
    '> A quotation with a note[^b].',
    '',
    'A paragraph citing the first note again[^a].',
    '',
    '[^a]: Note A.',
    '[^b]: Note B, citing A too[^a].',
    '',
  ].join('\n'),
  unclosedDiv: '<div class="box">\nOpened and never closed\n\nThe next paragraph.\n\nAnd a third.\n',
  dangerous: [
    '<script>alert(1)</script>',
    '',
    '<SCRIPT>alert(2)</SCRIPT>',
    '',
    '<p onclick="steal()">Click me</p>',
    '',
    '<img src="cat.png" onerror="steal()">',
    '',
    '[bad link](javascript:alert(3)) and [bad reference][evil] and <a href="JaVaScRiPt:alert(4)">raw</a>',
    '',
    '![bad image](javascript:alert(5))',
    '',
    '<iframe src="https://evil.example/"></iframe>',
    '',
    '<IFRAME SRC="https://evil.example/"></IFRAME>',
    '',
    'A safe paragraph after all that.',
    '',
    '[evil]: javascript:alert(6)',
    '',
  ].join('\n'),
  namedAnchor: '<a name="x"></a>The target paragraph.\n\nPlease [go](#x), but not [there](#nowhere).\n',
  scripts: [
    'Привет, мир. Это абзац на русском.',
    '',
    'Γειά σου κόσμε. Αυτή είναι μια παράγραφος.',
    '',
    'مرحبا بالعالم. هذه فقرة عربية.',
    '',
    '你好，世界。这是一个中文段落。',
    '',
    '🎉🚀✨ 👩‍👩‍👧‍👦',
    '',
  ].join('\n'),
  frontMatter: [
    '---',
    'title: My Guide',
    'slug: my-guide',
    'summary: A guide to things',
    'lang: fr',
    'state: open',
    '---',
    '',
    '# A heading that is not the title',
    '',
    'Text.',
    '',
  ].join('\n'),
  nestedFive: '> > > > > Deep quote.\n\n- one\n  - two\n    - three\n      - four\n        - five\n',
}

const NON_LATIN = [
  ['Cyrillic', 'Привет, мир. Это абзац на русском.'],
  ['Greek', 'Γειά σου κόσμε. Αυτή είναι μια παράγραφος.'],
  ['Arabic', 'مرحبا بالعالم. هذه فقرة عربية.'],
  ['Chinese', '你好，世界。这是一个中文段落。'],
  ['emoji', '🎉🚀✨ 👩‍👩‍👧‍👦'],
] as const

const only = (doc: SplitDocument, predicate: (block: SplitBlock) => boolean): SplitBlock => {
  const found = doc.blocks.filter(predicate)
  expect(found).toHaveLength(1)
  return found[0] as SplitBlock
}
const withText = (doc: SplitDocument, text: string) => only(doc, (b) => b.text === text)
const hashOf = (source: string) => {
  const [block, ...rest] = splitDocument(source).blocks
  expect(rest).toHaveLength(0)
  return block?.hash
}

/** The error a refused source gives, or a failure if it was not refused. */
function refusal(run: () => unknown): DomainError {
  try {
    run()
  } catch (error) {
    expect(error).toBeInstanceOf(DomainError)
    return error as DomainError
  }
  return expect.fail('the source was accepted')
}

describe('blocks: what a reader comments on', () => {
  const doc = splitDocument(FIXTURES.kinds)

  it('makes a block of each heading, paragraph, list item, quote, code, table, HTML and footnote', () => {
    expect(doc.blocks.map((b) => b.kind)).toEqual([
      'heading',
      'paragraph',
      'listItem',
      'listItem',
      'blockquote',
      'code',
      'table',
      'paragraph',
      'html',
      'footnoteDefinition',
      'footnoteDefinition',
    ])
  })

  it('numbers ordinals 0..n-1 in page order', () => {
    expect(doc.blocks.map((b) => b.ordinal)).toEqual(doc.blocks.map((_, i) => i))
    const marks = [...doc.page.matchAll(/ data-block="(\d+)"/g)].map((m) => Number(m[1]))
    expect(marks).toEqual(doc.blocks.map((b) => b.ordinal))
  })

  it('keeps a nested list inside its item instead of making blocks of it', () => {
    const item = only(doc, (b) => b.text.startsWith('first item'))
    expect(item.kind).toBe('listItem')
    expect(item.html).toContain('nested one')
    expect(item.html).toContain('nested two')
    expect(doc.blocks.some((b) => b.text === 'nested one' || b.text === 'nested two')).toBe(false)
    expect(withText(doc, 'second item').kind).toBe('listItem')
  })

  it('puts footnotes last, in the order they are first cited, numbered fn1, fn2', () => {
    const footnotes = doc.blocks.filter((b) => b.kind === 'footnoteDefinition')
    expect(footnotes.map((b) => [b.text, b.number])).toEqual([
      ['Later definition.', 'fn1'],
      ['Early definition.', 'fn2'],
    ])
    expect(doc.blocks.slice(-2)).toEqual(footnotes)
  })

  it('leaves out a footnote definition nobody cites', () => {
    expect(doc.blocks.some((b) => b.text.includes('Never cited'))).toBe(false)
  })

  it('renders each block as the reader sees it', () => {
    expect(withText(doc, 'A quotation.').html).toMatch(
      /^<blockquote>\s*<p>A quotation\.<\/p>\s*<\/blockquote>$/,
    )
    expect(only(doc, (b) => b.kind === 'code').html).toContain('const x = 1')
    expect(only(doc, (b) => b.kind === 'table').html).toMatch(/^<table>[\s\S]*<td>2<\/td>[\s\S]*<\/table>$/)
    expect(only(doc, (b) => b.kind === 'html').html).toContain('Raw <b>HTML</b> block')
  })
})

describe('numbers', () => {
  it('numbers a lone # title 0 and the blocks after it from 1', () => {
    const doc = splitDocument(FIXTURES.titled)
    expect(doc.blocks.map((b) => b.number)).toEqual(['0', '1', '2', '2.1'])
    expect(doc.blocks.map((b) => b.sectionPath)).toEqual([[], [], [], ['Scope']])
  })

  it('numbers sections like a legal document and lists the headings above each block', () => {
    const doc = splitDocument(FIXTURES.sections)
    expect(doc.blocks.map((b) => [b.text, b.number, b.sectionPath])).toEqual([
      ['A', '1', []],
      ['First.', '1.1', ['A']],
      ['B', '1.2', ['A']],
      ['Second.', '1.2.1', ['A', 'B']],
      ['C', '2', []],
    ])
  })

  it('never gives two blocks the same number, whatever the headings', () => {
    const piece = fc.oneof(
      fc.integer({ min: 1, max: 6 }).map((depth) => `${'#'.repeat(depth)} Heading`),
      fc.constantFrom(
        'A paragraph.',
        '- one\n- two',
        '> A quote.',
        'Cites[^n].',
        '[^n]: A note.',
        '<div>raw',
      ),
    )
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 14 }), (pieces) => {
        const doc = splitDocument(pieces.join('\n\n'))
        const numbers = doc.blocks.map((b) => b.number)
        expect(new Set(numbers).size).toBe(numbers.length)
        expect(doc.blocks.map((b) => b.ordinal)).toEqual(doc.blocks.map((_, i) => i))
      }),
      { numRuns: 200 },
    )
  })
})

describe('markdown and text', () => {
  it('keeps the exact source of each block', () => {
    const doc = splitDocument(FIXTURES.kinds)
    expect(doc.blocks.map((b) => b.markdown)).toEqual([
      '# Guide title',
      'A paragraph.',
      '- first item\n  - nested one\n  - nested two',
      '- second item',
      '> A quotation.',
      '```js\nconst x = 1\n```',
      '| a | b |\n| - | - |\n| 1 | 2 |',
      'Cites a later note[^later] and then an early one[^early].',
      '<div class="note">Raw <b>HTML</b> block</div>',
      '[^later]: Later definition.',
      '[^early]: Early definition.',
    ])
  })

  it('slices the source after front matter at the right place', () => {
    const doc = splitDocument(FIXTURES.frontMatter)
    expect(doc.blocks.map((b) => b.markdown)).toEqual(['# A heading that is not the title', 'Text.'])
  })

  it('gives the plain text without Markdown syntax', () => {
    const doc = splitDocument(FIXTURES.plainText)
    expect(doc.blocks.map((b) => b.text)).toEqual(['A bold heading', 'Some emphasis, a link and code.'])
  })
})

describe('splitting never changes the text', () => {
  it.each(Object.entries(FIXTURES))('%s: the page is the document rendered whole', (_, source) => {
    const doc = splitDocument(source)
    expect(doc.blocks.length).toBeGreaterThan(0)
    expect(normalisePage(doc.page)).toBe(normalisePage(doc.html))
    expect(brokenInPageLinks(doc.page)).toEqual([])
  })

  it('resolves a reference link defined at the end in every block that uses it', () => {
    const doc = splitDocument(FIXTURES.referenceLinks)
    const link = '<a href="https://example.org/guide" title="The guide">'
    expect(withText(doc, 'Read the guide first.').html).toContain(`${link}the guide</a>`)
    expect(withText(doc, 'a list item also uses the guide').html).toContain(`${link}the guide</a>`)
    expect(doc.blocks.some((b) => b.text.includes('example.org'))).toBe(false)
  })

  it('links footnote references and back-references to ids on the page', () => {
    const doc = splitDocument(FIXTURES.footnotes)
    const inPage = [...doc.page.matchAll(/ href="#([^"]+)"/g)].map((m) => m[1])
    // Four calls (one inside a footnote) and a back-reference for each.
    expect(inPage).toHaveLength(8)
    expect(brokenInPageLinks(doc.page)).toEqual([])
    expect(doc.blocks.filter((b) => b.kind === 'footnoteDefinition').map((b) => b.number)).toEqual([
      'fn1',
      'fn2',
    ])
  })
})

describe('raw HTML', () => {
  it('closes an unclosed <div> at the end of its own block', () => {
    const doc = splitDocument(FIXTURES.unclosedDiv)
    expect(doc.blocks.map((b) => b.kind)).toEqual(['html', 'paragraph', 'paragraph'])
    const next = withText(doc, 'The next paragraph.')
    expect(next.html).toBe('<p>The next paragraph.</p>')
    expect(only(doc, (b) => b.kind === 'html').html).not.toContain('The next paragraph.')
    expect(withText(doc, 'And a third.').html).toBe('<p>And a third.</p>')
  })

  it('never lets scripts, event handlers, javascript: URLs or iframes through', () => {
    const doc = splitDocument(FIXTURES.dangerous)
    for (const html of [doc.html, doc.page, ...doc.blocks.map((b) => b.html)]) {
      expect(html).not.toMatch(/<script/i)
      expect(html).not.toMatch(/alert\(/)
      expect(html).not.toMatch(/\son[a-z]+\s*=/i)
      expect(html).not.toMatch(/javascript:/i)
      expect(html).not.toMatch(/<iframe/i)
    }
  })

  it('keeps the harmless words around dangerous markup', () => {
    const doc = splitDocument(FIXTURES.dangerous)
    expect(doc.html).toContain('Click me')
    expect(doc.html).toContain('bad link')
    expect(doc.html).toContain('<img src="cat.png"')
    expect(withText(doc, 'A safe paragraph after all that.').html).toBe(
      '<p>A safe paragraph after all that.</p>',
    )
  })

  it('makes <a name> a target that a Markdown link reaches', () => {
    const doc = splitDocument(FIXTURES.namedAnchor)
    const links = only(doc, (b) => b.text.startsWith('Please go'))
    const href = /<a href="#([^"]+)">go<\/a>/.exec(links.html)?.[1]
    expect(href).toBeDefined()
    expect(doc.page).toContain(`id="${href ?? ''}"`)
    expect(brokenInPageLinks(doc.page)).toEqual([])
  })

  it('stops a link to a missing #nowhere from being a link, keeping its words', () => {
    const doc = splitDocument(FIXTURES.namedAnchor)
    const links = only(doc, (b) => b.text.startsWith('Please go'))
    expect(links.html).toContain('there')
    expect(links.html).not.toMatch(/href="#[^"]*nowhere/)
    expect(doc.page).not.toMatch(/href="#[^"]*nowhere/)
  })
})

describe('any script', () => {
  const doc = splitDocument(FIXTURES.scripts)

  it.each(NON_LATIN)('keeps a %s paragraph intact as its own block', (_, text) => {
    const block = withText(doc, text)
    expect(block.kind).toBe('paragraph')
    expect(block.html).toBe(`<p>${text}</p>`)
    expect(block.hash).not.toBe('')
  })

  it('gives different texts different hashes', () => {
    expect(new Set(doc.blocks.map((b) => b.hash)).size).toBe(NON_LATIN.length)
  })

  it('gives the same hash to the same words wrapped differently', () => {
    expect(hashOf('one two\nthree\n   four')).toBe(hashOf('one two three four'))
    expect(hashOf('Привет,\nмир.   Это абзац\nна русском.')).toBe(hashOf(NON_LATIN[0][1]))
  })

  it('gives the same hash to composed and decomposed accents', () => {
    expect(hashOf('caf\u00e9 au lait')).toBe(hashOf('cafe\u0301 au lait'))
  })

  it('gives a different hash when only the case changes', () => {
    expect(hashOf('one two three four')).not.toBe(hashOf('One two three four'))
    expect(hashOf('Γειά σου κόσμε')).not.toBe(hashOf('ΓΕΙΆ ΣΟΥ ΚΌΣΜΕ'))
  })

  it('gives a heading and a paragraph with the same words different hashes', () => {
    expect(hashOf('# Same words')).not.toBe(hashOf('Same words'))
  })
})

describe('front matter', () => {
  it('reads title, slug, summary, lang and state, and is not a block', () => {
    const doc = splitDocument(FIXTURES.frontMatter)
    expect(doc.frontMatter).toEqual({
      title: 'My Guide',
      slug: 'my-guide',
      summary: 'A guide to things',
      lang: 'fr',
      state: 'open',
    })
    expect(doc.title).toBe('My Guide')
    expect(doc.blocks.map((b) => b.text)).toEqual(['A heading that is not the title', 'Text.'])
  })

  it('refuses front matter that is not valid YAML', () => {
    const error = refusal(() => splitDocument('---\ntitle: [unclosed\n---\n\nText.\n'))
    expect([error.status, error.code]).toEqual([422, 'invalid-front-matter'])
  })

  it('refuses a state other than draft, open or published', () => {
    const error = refusal(() => splitDocument('---\nstate: archived\n---\n\nText.\n'))
    expect([error.status, error.code]).toEqual([422, 'invalid-front-matter'])
    expect(error.message).toMatch(/state/)
  })

  it('takes the title from the first heading when front matter has none', () => {
    expect(splitDocument('---\nslug: s\n---\n\nIntro.\n\n## First heading\n\nText.\n').title).toBe(
      'First heading',
    )
    expect(splitDocument('# Heading title\n\nText.\n').title).toBe('Heading title')
  })
})

describe('limits', () => {
  it('refuses a source with a NUL byte', () => {
    const error = refusal(() => splitDocument('Some text\u0000more text'))
    expect([error.status, error.code]).toEqual([422, 'source-not-text'])
  })

  it('refuses bytes that are not UTF-8', () => {
    const error = refusal(() => decodeSource(new Uint8Array([0xff, 0xfe, 0x41])))
    expect([error.status, error.code]).toEqual([422, 'source-not-text'])
  })

  it('decodes UTF-8 in any script', () => {
    const text = NON_LATIN.map(([, t]) => t).join('\n\n')
    expect(decodeSource(new TextEncoder().encode(text))).toBe(text)
  })

  it('refuses a source over MAX_SOURCE_BYTES as too large', () => {
    const error = refusal(() => decodeSource(new Uint8Array(MAX_SOURCE_BYTES + 1).fill(0x61)))
    expect(error.status).toBe(413)
  })

  it.each([
    ['block quotes', '>'.repeat(10_000) + ' deep\n'],
    ['spaced block quotes', '> '.repeat(10_000) + 'deep\n'],
    ['lists', '- '.repeat(10_000) + 'deep\n'],
    ['ordered lists', '1. '.repeat(10_000) + 'deep\n'],
  ])('refuses 10,000 levels of nested %s, quickly', (_, source) => {
    const started = performance.now()
    const error = refusal(() => splitDocument(source))
    expect(performance.now() - started).toBeLessThan(1000)
    expect([error.status, error.code]).toEqual([422, 'source-too-deep'])
  })

  it('accepts five levels of nesting', () => {
    const doc = splitDocument(FIXTURES.nestedFive)
    expect(doc.blocks.map((b) => [b.kind, b.text])).toEqual([
      ['blockquote', 'Deep quote.'],
      ['listItem', 'onetwothreefourfive'],
    ])
    expect(doc.blocks[0]?.html.match(/<blockquote>/g)).toHaveLength(5)
    expect(doc.blocks[1]?.html.match(/<li>/g)).toHaveLength(4)
  })
})

describe('raw HTML written inline and in odd places', () => {
  it('keeps an inline link, subscript or emphasis written in HTML around its words', () => {
    const { blocks, page, html } = splitDocument(
      'See <a href="https://example.org">the site</a> now. H<sub>2</sub>O is <em>wet</em>.\n',
    )
    expect(blocks[0]?.html).toBe(
      '<p>See <a href="https://example.org">the site</a> now. H<sub>2</sub>O is <em>wet</em>.</p>',
    )
    expect(normalisePage(page)).toBe(normalisePage(html))
  })

  it('keeps footnote calls working in a paragraph that also holds inline HTML', () => {
    const { page } = splitDocument('A <b>bold</b> claim.[^1]\n\n[^1]: The note.\n')
    expect(page).toContain('aria-describedby="footnote-label"')
    expect(brokenInPageLinks(page)).toEqual([])
  })

  it('drops a style sheet with its contents instead of showing it as text', () => {
    const { blocks, page } = splitDocument('<style>body{color:red}</style>\n\nA paragraph.\n')
    expect(page).not.toContain('color:red')
    expect(blocks.map((b) => b.kind)).toEqual(['paragraph'])
  })

  it('makes a footnote written inside a quote a block of its own, at the end', () => {
    const { blocks } = splitDocument('Text[^y]\n\n> [^y]: in quote\n')
    expect(blocks.at(-1)).toMatchObject({ kind: 'footnoteDefinition', number: 'fn1', text: 'in quote' })
  })
})
