import { align } from '../../src/lineage/align.ts'
import { splitDocument } from '../../src/platform/markdown/split.ts'
import { fmt, median, type Figure } from './figure.ts'

const WORDS = [
  'council',
  'ward',
  'resident',
  'planning',
  'social',
  'media',
  'post',
  'reply',
  'officer',
  'policy',
  'code',
  'conduct',
  'safe',
  'voice',
  'example',
  'meeting',
  'surgery',
  'library',
  'budget',
  'housing',
]

/** A 5,000-block edition and its revision: every tenth paragraph edited, some removed, some added. */
export function generatedPair(): [string, string] {
  let seed = 1
  const random = () => (seed = (seed * 16807) % 2147483647) / 2147483647
  const paragraph = (i: number) =>
    `P${String(i)} ${Array.from({ length: 30 }, () => WORDS[Math.floor(random() * WORDS.length)] ?? '').join(' ')} tag${String(i)}x.`
  const before = Array.from({ length: 5000 }, (_, i) =>
    i % 50 === 0 ? `## Section ${String(i)}` : paragraph(i),
  )
  const after = before.flatMap((p, i) =>
    i % 10 === 3 ? [`${p} Amended.`] : i % 97 === 5 ? [] : i % 101 === 7 ? [p, paragraph(100_000 + i)] : [p],
  )
  return [before.join('\n\n'), after.join('\n\n')]
}

/** `gloss diff` on a 5,000-block pair: the alignment's own time beside parsing the two sources. */
export function benchLineage(): Promise<Figure[]> {
  const [before, after] = generatedPair()
  const parses: number[] = []
  const alignments: number[] = []
  for (let run = 0; run < 3; run++) {
    let start = performance.now()
    const a = splitDocument(before)
    const b = splitDocument(after)
    parses.push(performance.now() - start)
    start = performance.now()
    align(a.blocks, b.blocks)
    alignments.push(performance.now() - start)
  }
  const parse = median(parses)
  const lineage = median(alignments)
  return Promise.resolve([
    {
      figure: 'lineage of a 5,000-block pair (ms, median of 3)',
      gloss: fmt(parse + lineage),
      reference: `${fmt(parse)} (parsing both)`,
      ratio: `+${fmt(lineage)} ms`,
      note: 'target: under 1,000 ms more than parsing',
    },
  ])
}
