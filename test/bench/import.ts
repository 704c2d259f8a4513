import { existsSync } from 'node:fs'
import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { performance } from 'node:perf_hooks'
import { openDatabase } from '../../src/platform/db/database.ts'
import { migrateToLatest } from '../../src/platform/db/migrator.ts'
import { importGuide } from '../../src/guides/guide.service.ts'
import { splitDocument } from '../../src/platform/markdown/split.ts'
import { ROOT } from '../support/process.ts'
import { fmt, median, megabytes, ratio, type Figure } from './figure.ts'

const LARGEST = join(ROOT, '../shared/corpus/nist-sp800-63b/sp800-63b-4.ipd.9464bb6.md')

/**
 * Importing a guide (split off the main thread, then one transaction into a fresh in-memory PGlite)
 * against rendering the same source with the same pipeline and storing nothing.
 */
export async function benchImport(): Promise<Figure[]> {
  const figures: Figure[] = []
  if (existsSync(LARGEST)) {
    const source = await readFile(LARGEST, 'utf8')
    figures.push(await compare('NIST SP 800-63B-4 ipd', source, 5))
  } else {
    figures.push({
      figure: 'import NIST SP 800-63B-4 ipd',
      gloss: 'skipped',
      reference: 'skipped',
      ratio: '—',
      note: '../shared/corpus is missing',
    })
  }
  figures.push(await compare('generated 5 MB, 20,000 blocks', generatedSource(), 3))
  return figures
}

async function compare(what: string, source: string, runs: number): Promise<Figure> {
  const database = await openDatabase({ dataDir: 'memory://' })
  try {
    await migrateToLatest(database.db)
    const imports: number[] = []
    const splits: number[] = []
    const stores: number[] = []
    let blocks = 0
    for (let i = 0; i < runs; i++) {
      let storing = 0
      const start = performance.now()
      const imported = await importGuide(database.db, source, {
        slug: `x${i}`,
        onProgress: (stage, done) => {
          if (stage === 'storing' && done === 0) storing = performance.now()
        },
      })
      const end = performance.now()
      imports.push(end - start)
      splits.push(storing - start)
      stores.push(end - storing)
      blocks = imported.blockCount
    }

    const renders: number[] = []
    for (let i = 0; i < runs; i++) {
      const start = performance.now()
      const document = splitDocument(source)
      renders.push(performance.now() - start)
      if (document.blocks.length !== blocks)
        throw new Error(`render gave ${document.blocks.length} blocks, import ${blocks}`)
    }

    const importMs = median(imports)
    const renderMs = median(renders)
    const bytes = Buffer.byteLength(source, 'utf8')
    return {
      figure: `import ${what} (ms, median of ${runs})`,
      gloss: fmt(importMs, 0),
      reference: `${fmt(renderMs, 0)} (splitDocument)`,
      ratio: ratio(importMs, renderMs),
      note:
        `${megabytes(bytes)}, ${blocks.toLocaleString('en-GB')} blocks; ` +
        `import = split in a worker ${fmt(median(splits), 0)} ms + store ${fmt(median(stores), 0)} ms (medians); ` +
        `import runs ${imports.map((ms) => fmt(ms, 0)).join(', ')}; render runs ${renders.map((ms) => fmt(ms, 0)).join(', ')}`,
    }
  } finally {
    await database.close()
  }
}

const BLOCKS = 20_000
const HEADING_EVERY = 50
const TARGET_BYTES = 5 * 1024 * 1024

/** A deterministic 5 MB source: a heading every 50 blocks, the rest paragraphs of about 250 characters. */
export function generatedSource(): string {
  const random = mulberry32(63)
  const words = [
    'authenticator',
    'verifier',
    'subscriber',
    'session',
    'credential',
    'password',
    'token',
    'binding',
    'assurance',
    'level',
    'the',
    'a',
    'of',
    'and',
    'to',
    'in',
    'is',
    'shall',
    'should',
    'may',
    'not',
    'be',
    'with',
    'for',
    'that',
    'each',
    'reviewer',
    'comment',
    'paragraph',
    'edition',
    'guide',
    'council',
  ]
  const headings = Math.ceil(BLOCKS / HEADING_EVERY)
  const paragraphs = BLOCKS - headings
  // Every paragraph is followed by a blank line; headings are short, so nearly all bytes are paragraphs.
  const paragraphLength = Math.round((TARGET_BYTES - headings * 24) / paragraphs) - 2
  const parts: string[] = []
  for (let block = 0; block < BLOCKS; block++) {
    if (block % HEADING_EVERY === 0) {
      const n = block / HEADING_EVERY + 1
      parts.push(n === 1 ? '# A generated guide' : `## Section ${n}`)
      continue
    }
    let paragraph = ''
    while (paragraph.length < paragraphLength) {
      const word = words[Math.floor(random() * words.length)] ?? 'word'
      const roll = random()
      const styled = roll < 0.03 ? `*${word}*` : roll < 0.05 ? `\`${word}\`` : word
      paragraph += (paragraph ? ' ' : '') + styled
    }
    parts.push(`${paragraph.slice(0, paragraphLength - 1).trimEnd()}.`)
  }
  return `${parts.join('\n\n')}\n`
}

function mulberry32(seed: number): () => number {
  let a = seed
  return () => {
    a = (a + 0x6d2b79f5) | 0
    let t = Math.imul(a ^ (a >>> 15), 1 | a)
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}
