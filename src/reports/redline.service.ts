import type { Db } from '../platform/db/database.ts'
import type { CommentState, EditionState, LineageChange } from '../kernel/words.ts'
import { notFound } from '../kernel/errors.ts'
import { editionsOfGuide, findGuideBySlug, pageHtmlOf } from '../guides/guide.repository.ts'
import { editionPath } from '../guides/urls.ts'
import { PUBLIC_STATES } from '../guides/reading.service.ts'
import { redlineParts, type RedlinePart } from '../lineage/redline.ts'
import { normaliseText } from '../platform/markdown/text.ts'
import { may } from '../people/policy.ts'
import type { Viewer } from '../people/viewer.ts'
import { blocksForLineage } from '../editions/edition.repository.ts'
import { lineageBetween, topLevelCountsByBlock } from './redline.repository.ts'
import { blocksAsRead } from './redline-html.ts'

/** Top-level comments written on one block of one edition, for a link to that block's thread. */
export interface CommentsOn {
  edition: number
  key: string
  /** The block's number where it is known (blocks of the first edition compared). */
  number: string | null
  count: number
}

/** One block of the later edition, or a removed block of the earlier one shown where it was. */
export interface RedlineEntry {
  change: LineageChange
  key: string
  number: string
  kind: string
  text: string
  /** The blocks of the earlier edition it came from, in their order. */
  from: { key: string; number: string }[]
  /** The word-level redline; null where the words are the same (shown as the guide shows them). */
  parts: RedlinePart[] | null
  /**
   * Where the words are the same, the block's sanitised HTML as the reading page of the later edition
   * shows it (a heading, a table, a list item), its links made to work on the redline page; else null.
   */
  html: string | null
  /** Comments written on this block's predecessors in the earlier editions, for changed blocks. */
  comments: CommentsOn[]
}

export interface EditionRedline {
  guide: { slug: string; title: string; lang: string }
  from: { number: number; title: string; state: EditionState }
  to: { number: number; title: string; state: EditionState }
  entries: RedlineEntry[]
  counts: Partial<Record<LineageChange, number>>
  /** Nothing in it depends on who asked, so a shared cache may keep it. */
  sameForEveryone: boolean
}

interface Step {
  change: LineageChange
  fromKeys: string[]
}

const TEXT_CHANGES: readonly LineageChange[] = ['edited', 'moved-edited', 'split', 'merged']
const unique = <T>(items: readonly T[]) => [...new Set(items)]

/** How many pairs of editions keep their blocks as read. */
const AS_READ_KEPT = 16
const asReadKept = new Map<string, { page: string; wanted: string; html: Map<string, string> }>()

/**
 * The blocks as read for a pair of editions, kept: parsing a long guide's stored page takes a tenth of
 * a second or more, and every reader of a redline asks for the same. What is kept is used only for the
 * same page (compared whole, so a page replaced is parsed again) and the same blocks.
 */
function keptAsRead(
  pair: string,
  page: string,
  blocks: { key: string; ordinal: number }[],
  reading: string,
): Map<string, string> {
  const wanted = `${reading} ${blocks.map((b) => `${b.key}@${String(b.ordinal)}`).join(' ')}`
  const kept = asReadKept.get(pair)
  if (kept && kept.page === page && kept.wanted === wanted) return kept.html
  const html = blocksAsRead(page, blocks, reading)
  asReadKept.delete(pair)
  asReadKept.set(pair, { page, wanted, html })
  if (asReadKept.size > AS_READ_KEPT) asReadKept.delete(asReadKept.keys().next().value ?? pair)
  return html
}

/**
 * The text of edition `b` marked against edition `a`: each block with its change, edited blocks as a
 * word-level redline, removed blocks where they stood. Consecutive editions use the stored lineage as
 * it is; across a gap the lineage of each edition between is composed by keys. Five queries for the
 * blocks, lineage, comment counts and the later edition's page, whatever the size of the guide.
 */
export async function editionRedline(
  db: Db,
  viewer: Viewer,
  slug: string,
  a: number,
  b: number,
): Promise<EditionRedline> {
  const guide = await findGuideBySlug(db, slug)
  if (!guide || a >= b) throw notFound(`The changes from edition ${String(a)} to ${String(b)} of "${slug}"`)
  const readable: readonly EditionState[] = may(viewer, 'read-drafts', guide)
    ? ['draft', ...PUBLIC_STATES]
    : PUBLIC_STATES
  const editions = await editionsOfGuide(db, guide.id)
  const from = editions.find((e) => e.number === a)
  const to = editions.find((e) => e.number === b)
  if (!from || !to || !readable.includes(from.state) || !readable.includes(to.state))
    throw notFound(`The changes from edition ${String(a)} to ${String(b)} of "${slug}"`)
  const moderator = may(viewer, 'moderate', guide)
  const commented = editions.filter((e) => e.number >= a && e.number < b && readable.includes(e.state))
  const visible: readonly CommentState[] = moderator ? ['published', 'pending', 'hidden'] : ['published']
  const [before, after, rows, countRows, page] = await Promise.all([
    blocksForLineage(db, from.id),
    blocksForLineage(db, to.id),
    lineageBetween(db, guide.id, a, b),
    topLevelCountsByBlock(
      db,
      commented.map((e) => e.id),
      visible,
      moderator,
    ),
    pageHtmlOf(db, to.id),
  ])

  // Per edition after `a`: each block's step from the edition before, and each old key's successors.
  const steps = new Map<number, Map<string, Step>>()
  const successors = new Map<number, Map<string, string[]>>()
  for (let n = a + 1; n <= b; n++) {
    steps.set(n, new Map())
    successors.set(n, new Map())
  }
  for (const row of rows) {
    if (row.change === 'removed') continue
    steps.get(row.number)?.set(row.blockKey, { change: row.change, fromKeys: row.fromKeys })
    const next = successors.get(row.number)
    for (const key of row.fromKeys) next?.set(key, [...(next.get(key) ?? []), row.blockKey])
  }
  const numberOf = new Map(commented.map((e) => [e.id, e.number]))
  const counts = new Map(
    countRows.map((r) => [`${String(numberOf.get(r.editionId))}:${r.blockKey ?? ''}`, r.count]),
  )
  const beforeByKey = new Map(before.map((block) => [block.key, block]))
  const commentsOn = (edition: number, keys: readonly string[]): CommentsOn[] =>
    keys.flatMap((key) => {
      const count = counts.get(`${String(edition)}:${key}`) ?? 0
      const number = edition === a ? (beforeByKey.get(key)?.number ?? null) : null
      return count > 0 ? [{ edition, key, number, count }] : []
    })

  // Walking back from a block of `b` to its predecessors in each earlier edition down to `a`.
  const predecessors = (key: string) => {
    const found: CommentsOn[] = []
    let keys = [key]
    for (let n = b; n > a; n--) {
      const step = steps.get(n)
      keys = unique(keys.flatMap((k) => step?.get(k)?.fromKeys ?? []))
      found.unshift(...commentsOn(n - 1, keys))
    }
    return { ancestors: keys, comments: found }
  }
  // Walking forward from a removed block of `a` through the editions where it still lived.
  const descendantsComments = (key: string) => {
    const found = commentsOn(a, [key])
    let keys = [key]
    for (let n = a + 1; n < b; n++) {
      const next = successors.get(n)
      keys = unique(keys.flatMap((k) => next?.get(k) ?? []))
      // One by one: spread into arguments, a paragraph with a very long history would overflow the stack.
      for (const comment of commentsOn(n, keys)) found.push(comment)
    }
    return found
  }

  const traced = after.map((block) => ({ block, ...predecessors(block.key) }))
  const heirs = new Map<string, number>()
  for (const t of traced) for (const key of t.ancestors) heirs.set(key, (heirs.get(key) ?? 0) + 1)
  const consecutive = b === a + 1
  const wasMoved = movedKeys(steps, a, b)

  const changeOf = (t: (typeof traced)[number], sourceText: string): LineageChange => {
    const stored = steps.get(b)?.get(t.block.key)?.change
    if (consecutive) return stored ?? 'new'
    if (t.ancestors.length === 0) return 'new'
    if (t.ancestors.length > 1) return 'merged'
    if ((heirs.get(t.ancestors[0] ?? '') ?? 0) > 1) return 'split'
    const moved = wasMoved.has(t.block.key)
    if (normaliseText(sourceText) === normaliseText(t.block.text)) return moved ? 'moved' : 'unchanged'
    return moved ? 'moved-edited' : 'edited'
  }

  const entries: RedlineEntry[] = traced.map((t) => {
    const sources = t.ancestors
      .flatMap((key) => {
        const block = beforeByKey.get(key)
        return block ? [block] : []
      })
      .sort((x, y) => x.ordinal - y.ordinal)
    const sourceText = sources.map((s) => s.text).join(' ')
    const change = changeOf(t, sourceText)
    const same = normaliseText(sourceText) === normaliseText(t.block.text)
    return {
      change,
      key: t.block.key,
      number: t.block.number,
      kind: t.block.kind,
      text: t.block.text,
      from: sources.map((s) => ({ key: s.key, number: s.number })),
      parts:
        change === 'new'
          ? [{ text: t.block.text, change: 'ins' }]
          : TEXT_CHANGES.includes(change) && !same
            ? redlineParts(sourceText, t.block.text)
            : null,
      html: null,
      comments: change === 'unchanged' ? [] : t.comments,
    }
  })
  // The blocks whose words stayed take their HTML from the later edition's page, all at once: a link
  // from one of them may point at another (a footnote call at its footnote).
  const ordinalOf = new Map(after.map((block) => [block.key, block.ordinal]))
  const asRead = keptAsRead(
    `${String(from.id)}:${String(to.id)}`,
    page,
    entries.flatMap((e) => (e.parts === null ? [{ key: e.key, ordinal: ordinalOf.get(e.key) ?? -1 }] : [])),
    editionPath(guide.slug, to.number),
  )
  for (const entry of entries) entry.html = asRead.get(entry.key) ?? null

  // A removed block stands after the block that now holds what came just before it.
  const lastPlace = new Map<string, number>()
  traced.forEach((t, index) => {
    for (const key of t.ancestors) lastPlace.set(key, index)
  })
  const removedAfter = new Map<number, RedlineEntry[]>()
  let anchor = -1
  for (const block of before) {
    const place = lastPlace.get(block.key)
    if (place !== undefined) {
      anchor = place
      continue
    }
    removedAfter.set(anchor, [
      ...(removedAfter.get(anchor) ?? []),
      {
        change: 'removed',
        key: block.key,
        number: block.number,
        kind: block.kind,
        text: block.text,
        from: [{ key: block.key, number: block.number }],
        parts: [{ text: block.text, change: 'del' }],
        html: null,
        comments: descendantsComments(block.key),
      },
    ])
  }
  const ordered = [
    ...(removedAfter.get(-1) ?? []),
    ...entries.flatMap((entry, index) => [entry, ...(removedAfter.get(index) ?? [])]),
  ]
  const tally: Partial<Record<LineageChange, number>> = {}
  for (const entry of ordered) tally[entry.change] = (tally[entry.change] ?? 0) + 1

  return {
    guide: { slug: guide.slug, title: guide.title, lang: guide.lang },
    from: { number: from.number, title: from.title, state: from.state },
    to: { number: to.number, title: to.title, state: to.state },
    entries: ordered,
    counts: tally,
    sameForEveryone: !moderator && from.state !== 'draft' && to.state !== 'draft',
  }
}

/** Keys of edition `b` whose paragraph moved out of order at some step since `a`. */
function movedKeys(steps: ReadonlyMap<number, ReadonlyMap<string, Step>>, a: number, b: number) {
  let moved = new Set<string>()
  for (let n = a + 1; n <= b; n++) {
    const next = new Set<string>()
    for (const [key, step] of steps.get(n) ?? []) {
      if (
        step.change === 'moved' ||
        step.change === 'moved-edited' ||
        step.fromKeys.some((k) => moved.has(k))
      )
        next.add(key)
    }
    moved = next
  }
  return moved
}
