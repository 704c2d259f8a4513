import type { Figure } from './figure.ts'
import { benchImport } from './import.ts'
import { benchReadPage } from './read-page.ts'
import { benchLineage } from './lineage.ts'

const benches: { name: string; run: () => Promise<Figure[]> }[] = [
  { name: 'read page (postgres)', run: () => benchReadPage({ database: 'postgres' }) },
  { name: 'read page (embedded)', run: () => benchReadPage({ database: 'embedded' }) },
  { name: 'import', run: benchImport },
  { name: 'lineage', run: benchLineage },
]

const figures: Figure[] = []
let failed = false
for (const bench of benches) {
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
