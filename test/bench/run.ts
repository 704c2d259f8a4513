import type { Figure } from './figure.ts'
import { benchGrowth } from './growth.ts'
import { benchImport } from './import.ts'
import { benchReadPage } from './read-page.ts'
import { benchLineage } from './lineage.ts'
import { benchLineageAccuracy } from './lineage-accuracy.ts'
import { benchLive } from './live.ts'
import { benchWrite } from './write.ts'
import { benchObservability } from './observability.ts'
import { benchCampaigns } from './campaigns.ts'
import { benchLikeness } from './likeness.ts'

const benches: { name: string; run: () => Promise<Figure[]> }[] = [
  { name: 'read', run: () => benchReadPage({ database: 'postgres' }) },
  { name: 'read-embedded', run: () => benchReadPage({ database: 'embedded' }) },
  { name: 'write', run: benchWrite },
  { name: 'observability', run: benchObservability },
  { name: 'live', run: benchLive },
  { name: 'growth', run: benchGrowth },
  { name: 'import', run: benchImport },
  { name: 'lineage', run: benchLineage },
  { name: 'lineage-accuracy', run: benchLineageAccuracy },
  { name: 'campaigns', run: benchCampaigns },
  { name: 'likeness', run: benchLikeness },
]

// `npm run bench -- read write` runs those figures only; no names runs them all.
const wanted = process.argv.slice(2)
const unknown = wanted.filter((name) => !benches.some((bench) => bench.name === name))
if (unknown.length > 0) {
  console.error(
    `No benchmark named ${unknown.join(', ')}; there are ${benches.map((b) => b.name).join(', ')}.`,
  )
  process.exit(2)
}
const chosen = wanted.length === 0 ? benches : benches.filter((bench) => wanted.includes(bench.name))

const figures: Figure[] = []
let failed = false
for (const bench of chosen) {
  const start = Date.now()
  console.error(`running ${bench.name}…`)
  try {
    figures.push(...(await bench.run()))
  } catch (error) {
    failed = true
    console.error(error)
    const message = error instanceof Error ? error.message : String(error)
    figures.push({
      figure: bench.name,
      gloss: 'failed',
      reference: '—',
      ratio: '—',
      note: message.split('\n')[0],
    })
  }
  console.error(`${bench.name}: ${((Date.now() - start) / 1000).toFixed(0)} s`)
}

console.log(table(figures))
process.exitCode = failed ? 1 : 0

function table(rows: Figure[]): string {
  const header = ['figure', 'Gloss', 'reference', 'ratio', 'notes']
  const cells = rows.map((f) => [f.figure, f.gloss, f.reference, f.ratio, f.note ?? ''])
  const widths = header.map((h, i) => Math.max(h.length, ...cells.map((row) => (row[i] ?? '').length)))
  const line = (row: string[]) => `| ${row.map((cell, i) => cell.padEnd(widths[i] ?? 0)).join(' | ')} |`
  return [line(header), line(widths.map((w) => '-'.repeat(w))), ...cells.map(line)].join('\n')
}
