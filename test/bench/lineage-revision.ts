import { words } from '../../src/lineage/similarity.ts'
import {
  edit,
  editHeading,
  joiner,
  nearAny,
  pick,
  rewrap,
  splitSentences,
  wordCount,
  MIN_WORDS,
  type GroundTruthPair,
  type Item,
  type Truth,
} from './lineage-ground-truth.ts'

/** How often each thing happens to an old paragraph; the rest stay unchanged. */
const PARAGRAPH_EDITS = { rewrap: 0.1, edit: 0.12, move: 0.04, split: 0.06, merge: 0.06, remove: 0.06 }
/** How often a heading is reworded or removed. */
const HEADING_EDITS = { edit: 0.25, remove: 0.05 }
/** After each old block, the chance of a new paragraph and of a new heading. */
const INSERT = { paragraph: 0.05, heading: 0.02 }
/** A moved block lands at least this far from where it was, so that it is plainly out of order. */
const MOVE_DISTANCE = 10

/**
 * An old document of about `size` blocks: runs of consecutive blocks from the corpus guides, and one
 * whole section in a non-Latin script (`script` chooses which), in an order drawn from `random`. The
 * corpus holds under 1,000 usable blocks, so a larger document (for timing) must `repeat` them.
 */
export function oldDocument(
  random: () => number,
  sources: readonly Item[][],
  size: number,
  script: number,
  repeat = false,
): Item[] {
  const latin = sources.filter((s) => s[0]?.lang === 'en')
  const others = sources.filter((s) => s[0]?.lang !== 'en')
  const runs: Item[][] = [others[script % others.length] ?? []]
  const used = new Set<string>()
  let total = runs[0]?.length ?? 0
  for (let tries = 0; total < size; tries++) {
    if (tries > 10_000) throw new Error(`the corpus has too few blocks for ${String(size)} without repeats`)
    const source = pick(random, latin)
    const length = Math.min(size - total, 15 + Math.floor(random() * 40))
    const start = Math.floor(random() * Math.max(1, source.length - length))
    const run = source.slice(start, start + length).filter((item) => repeat || !used.has(item.text))
    for (const item of run) used.add(item.text)
    runs.push(run)
    total += run.length
  }
  for (const item of runs[0] ?? []) used.add(item.text)
  // The non-Latin section goes between two of the runs.
  const [section, ...rest] = runs
  rest.splice(Math.floor(random() * (rest.length + 1)), 0, section ?? [])
  return rest.flat()
}

interface Placed {
  item: Item
  truth: Truth
}

/**
 * The next edition of `old` with random edits whose effect is known. New paragraphs and headings come
 * from the same sources but never from the old document, nor near-copies of one of its blocks; a split
 * is cut between real sentences; a merge joins two neighbouring paragraphs.
 */
export function revise(
  random: () => number,
  old: readonly Item[],
  sources: readonly Item[][],
): GroundTruthPair {
  const inOld = new Set(old.map((item) => item.text))
  const oldWords = [...inOld].map((text) => new Set(words(text)))
  const spare = sources.flat().filter((item) => !inOld.has(item.text))
  const donorsOf = (item: Item) => sources[item.source] ?? []
  const out: Placed[] = []
  const moving: { placed: Placed; at: number }[] = []
  const removed: number[] = []
  const fresh = (kind: Item['kind']) => {
    for (let tries = 0; tries < 30 && spare.length > 0; tries++) {
      const item = pick(random, spare)
      if (item.kind !== kind || nearAny(item.text, oldWords) || out.some((p) => p.item.text === item.text))
        continue
      return item
    }
    return undefined
  }

  for (let i = 0; i < old.length; i++) {
    const item = old[i] as Item
    const r = random()
    const keep = (kind: Truth['kind'], text = item.text) =>
      out.push({ item: { ...item, text }, truth: { kind, from: [i] } })
    if (item.kind === 'heading') {
      if (r < HEADING_EDITS.edit) keep('heading edited', editHeading(random, item, donorsOf(item)))
      else if (r < HEADING_EDITS.edit + HEADING_EDITS.remove) removed.push(i)
      else keep('unchanged')
    } else {
      let at = 0
      const next = old[i + 1]
      if (r < (at += PARAGRAPH_EDITS.rewrap)) {
        const text = rewrap(random, item.text)
        keep(text === null ? 'unchanged' : 're-wrapped', text ?? item.text)
      } else if (r < (at += PARAGRAPH_EDITS.edit)) keep('edited', edit(random, item, donorsOf(item)))
      else if (r < (at += PARAGRAPH_EDITS.move))
        moving.push({ placed: { item, truth: { kind: 'moved', from: [i] } }, at: out.length })
      else if (r < (at += PARAGRAPH_EDITS.split)) {
        const pieces = splitSentences(random, item)
        if (pieces === null) keep('unchanged')
        else for (const piece of pieces) keep('split', piece)
      } else if (r < (at += PARAGRAPH_EDITS.merge)) {
        if (next?.kind === 'paragraph' && next.lang === item.lang && wordCount(item.text) >= MIN_WORDS) {
          out.push({
            item: { ...item, text: `${item.text}${joiner(item.lang)}${next.text}` },
            truth: { kind: 'merged', from: [i, i + 1] },
          })
          i++
        } else keep('unchanged')
      } else if (r < (at += PARAGRAPH_EDITS.remove)) removed.push(i)
      else keep('unchanged')
    }
    if (random() < INSERT.paragraph) {
      const item = fresh('paragraph')
      if (item) out.push({ item, truth: { kind: 'new', from: [] } })
    }
    if (random() < INSERT.heading) {
      const item = fresh('heading')
      if (item) out.push({ item, truth: { kind: 'heading new', from: [] } })
    }
  }
  for (const { placed, at } of moving) {
    const choices = [...Array(out.length + 1).keys()].filter((k) => Math.abs(k - at) >= MOVE_DISTANCE)
    out.splice(choices.length > 0 ? pick(random, choices) : out.length, 0, placed)
  }
  return {
    old: old.map(markdown).join('\n\n'),
    next: out.map((p) => markdown(p.item)).join('\n\n'),
    truths: out.map((p) => p.truth),
    removed,
  }
}

const markdown = (item: Item) => (item.kind === 'heading' ? `## ${item.text}` : item.text)
