import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { align } from '../../../src/lineage/align.ts'
import { splitDocument } from '../../../src/platform/markdown/split.ts'

const blocksOf = (paragraphs: readonly string[]) => splitDocument(paragraphs.join('\n\n')).blocks

/** Distinct paragraphs of 6 to 14 words each; the first word makes each one unlike the others. */
const paragraphs = fc
  .array(fc.array(fc.stringMatching(/^[a-z]{3,9}$/), { minLength: 5, maxLength: 13 }), {
    minLength: 2,
    maxLength: 25,
  })
  .map((list) => list.map((words, i) => [`para${String(i)}marker`, ...words].join(' ')))

describe('lineage between two editions', () => {
  it('calls every block of identical sources unchanged', () => {
    fc.assert(
      fc.property(paragraphs, (list) => {
        const lineage = align(blocksOf(list), blocksOf(list))
        expect(
          lineage.blocks.every((b, i) => b.change === 'unchanged' && b.from[0] === i && b.similarity === 1),
        ).toBe(true)
        expect(lineage.removed).toEqual([])
      }),
    )
  })

  it('traces every block of a shuffled source to its original', () => {
    fc.assert(
      fc.property(paragraphs, fc.integer(), (list, seed) => {
        const order = list
          .map((_, i) => i)
          .sort((a, b) => ((a * 7919 + seed) % 101) - ((b * 7919 + seed) % 101) || a - b)
        const lineage = align(blocksOf(list), blocksOf(order.map((i) => list[i] ?? '')))
        lineage.blocks.forEach((b, j) => {
          expect(b.from).toEqual([order[j]])
          expect(['unchanged', 'moved']).toContain(b.change)
        })
      }),
    )
  })

  it('sees re-wrapped and re-spaced paragraphs as unchanged', () => {
    fc.assert(
      fc.property(paragraphs, (list) => {
        const rewrapped = list.map((p) =>
          p
            .split(' ')
            .map((w, i) => (i % 3 === 2 ? `${w}\n` : `${w}  `))
            .join('')
            .trim(),
        )
        expect(align(blocksOf(list), blocksOf(rewrapped)).blocks.every((b) => b.change === 'unchanged')).toBe(
          true,
        )
      }),
    )
  })

  it('calls a change of case an edit, not unchanged', () => {
    fc.assert(
      fc.property(paragraphs, fc.nat(), (list, n) => {
        const at = n % list.length
        const changed = list.map((p, i) => (i === at ? p.toUpperCase() : p))
        const entry = align(blocksOf(list), blocksOf(changed)).blocks[at]
        expect(entry?.change).toBe('edited')
        expect(entry?.from).toEqual([at])
      }),
    )
  })

  it('finds exactly k removed blocks after deleting k', () => {
    fc.assert(
      fc.property(paragraphs, fc.array(fc.nat(), { maxLength: 5 }), (list, picks) => {
        const gone = new Set(picks.map((p) => p % list.length))
        const lineage = align(blocksOf(list), blocksOf(list.filter((_, i) => !gone.has(i))))
        expect(lineage.removed.map((r) => r.ordinal)).toEqual([...gone].sort((a, b) => a - b))
        expect(lineage.blocks.every((b) => b.change === 'unchanged')).toBe(true)
      }),
    )
  })

  it('finds a paragraph split in two, and two paragraphs merged into one', () => {
    const long =
      'Councillors should answer residents promptly and politely. They should also keep a record of every promise made online.'
    const split = align(
      blocksOf(['Intro words here today.', long, 'Closing words here today.']),
      blocksOf([
        'Intro words here today.',
        'Councillors should answer residents promptly and politely.',
        'They should also keep a record of every promise made online.',
        'Closing words here today.',
      ]),
    )
    expect(split.blocks.map((b) => b.change)).toEqual(['unchanged', 'split', 'split', 'unchanged'])
    expect(split.blocks[1]?.from).toEqual([1])
    expect(split.blocks[2]?.from).toEqual([1])
    expect(split.removed).toEqual([])

    const merged = align(
      blocksOf([
        'Intro words here today.',
        'Councillors should answer residents promptly and politely.',
        'They should also keep a record of every promise made online.',
      ]),
      blocksOf(['Intro words here today.', long]),
    )
    expect(merged.blocks[1]).toMatchObject({ change: 'merged', from: [1, 2] })
    expect(merged.removed).toEqual([])
  })

  it('does not merge a glossary term into a paragraph that happens to use its words', () => {
    const paragraph =
      'The service SHALL protect against cross-site request forgery by embedding a session token in every form, and SHALL check it on every request.'
    const lineage = align(
      blocksOf(['Cross-site Request Forgery (CSRF)', paragraph]),
      blocksOf([`${paragraph} CSRF attacks are common.`]),
    )
    expect(lineage.blocks[0]).toMatchObject({ change: 'edited', from: [1] })
    expect(lineage.removed).toEqual([{ ordinal: 0 }])
  })

  it('is deterministic and Unicode-aware', () => {
    const old = [
      'Привет, соседи! Встреча в библиотеке во вторник.',
      '你好，邻居们。我们周二在图书馆见面。',
      'Γειά σας, γείτονες.',
    ]
    const next = [
      'Привет, соседи! Встреча в библиотеке в среду.',
      '你好，邻居们。我们周二在图书馆见面。',
      'Γειά σας, γείτονες.',
    ]
    const first = align(blocksOf(old), blocksOf(next))
    expect(first.blocks.map((b) => b.change)).toEqual(['edited', 'unchanged', 'unchanged'])
    expect(align(blocksOf(old), blocksOf(next))).toEqual(first)
  })
})

describe('lineage in scripts written without spaces', () => {
  it('sees a small edit to a Chinese paragraph as an edit of it', () => {
    const lineage = align(
      blocksOf(['我们周二在图书馆见面，讨论社区的安全问题。']),
      blocksOf(['我们周三在图书馆见面，讨论社区的安全问题。']),
    )
    expect(lineage.blocks[0]).toMatchObject({ change: 'edited', from: [0] })
  })
})

describe('lineage tells a removed paragraph from a merge', () => {
  const kept =
    'Residents may comment on any paragraph of the guide during the consultation, and editors answer each comment before the next edition.'
  const overlapping = 'Residents may comment on any paragraph of the guide.'

  it('calls a block unchanged from its twin alone, never a merge, when a paragraph sharing its words goes', () => {
    const lineage = align(blocksOf([kept, overlapping]), blocksOf([kept]))
    expect(lineage.blocks[0]).toMatchObject({ change: 'unchanged', from: [0], similarity: 1 })
    expect(lineage.removed).toEqual([{ ordinal: 1 }])
  })

  it('calls a removed paragraph removed when its words are all explained by the one kept beside it', () => {
    const lineage = align(blocksOf([kept, overlapping]), blocksOf([`${kept} Late replies are listed.`]))
    expect(lineage.blocks[0]).toMatchObject({ change: 'edited', from: [0] })
    expect(lineage.removed).toEqual([{ ordinal: 1 }])
  })

  it('finds a short paragraph merged into a long one', () => {
    const long =
      'This section provides general usability considerations and possible implementations, but does not recommend specific solutions. The implementations mentioned are examples to encourage innovative technological approaches to address specific usability needs, and agencies should weigh the costs of each against what their users gain from it.'
    const short = 'In this section, the term users means claimants or subscribers.'
    const lineage = align(blocksOf([long, short]), blocksOf([`${long} ${short}`]))
    expect(lineage.blocks[0]).toMatchObject({ change: 'merged', from: [0, 1] })
    expect(lineage.removed).toEqual([])
  })

  it('does not make a new paragraph a piece of a split from a paragraph kept unchanged', () => {
    const lineage = align(blocksOf(['Opening words.', kept]), blocksOf(['Opening words.', kept, overlapping]))
    expect(lineage.blocks.map((b) => b.change)).toEqual(['unchanged', 'unchanged', 'new'])
  })
})

describe('lineage compares HTML blocks by their text', () => {
  const wrapped = (text: string) => `<div class="text-center" markdown="1">\n${text}\n</div>`

  it('does not pair two wrappers around different words', () => {
    const lineage = align(
      blocksOf([wrapped('Fees are reviewed every spring')]),
      blocksOf([wrapped('Parking permits come by post')]),
    )
    expect(lineage.blocks[0]).toMatchObject({ change: 'new', from: [] })
    expect(lineage.removed).toEqual([{ ordinal: 0 }])
  })

  it('does not make a new wrapped heading a piece of a split from the wrapped address before it', () => {
    const address = wrapped(
      '**Comments may be sent to:** the Standards Office, 100 Bureau Drive, Gaithersburg',
    )
    const lineage = align(
      blocksOf([address, 'Body text.']),
      blocksOf([address, 'Body text.', wrapped('## Errata')]),
    )
    expect(lineage.blocks.map((b) => b.change)).toEqual(['unchanged', 'unchanged', 'new'])
  })

  it('pairs a wrapper whose words were edited with its old self', () => {
    const lineage = align(
      blocksOf([wrapped('Fees are reviewed every spring by the council')]),
      blocksOf([wrapped('Fees are reviewed every autumn by the council')]),
    )
    expect(lineage.blocks[0]).toMatchObject({ change: 'edited', from: [0] })
  })
})

describe('lineage prefers order when two old blocks are nearly equally alike', () => {
  it('pairs an edited paragraph with the copy in its place rather than a slightly closer one elsewhere', () => {
    const base =
      'Each ward holds a surgery on the first Saturday of the month in the library where residents meet their councillor'
    const lineage = align(
      blocksOf([
        'Opening words.',
        `${base} beta.`,
        'Middle words.',
        'Closing words.',
        `${base} alpha gamma.`,
      ]),
      blocksOf(['Opening words.', `${base} alpha.`, 'Middle words.', 'Closing words.']),
    )
    expect(lineage.blocks[1]).toMatchObject({ change: 'edited', from: [1] })
    expect(lineage.removed).toEqual([{ ordinal: 4 }])
  })
})
