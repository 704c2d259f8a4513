/** One row of the benchmark table: what Gloss did, what the reference did, and how they compare. */
export interface Figure {
  figure: string
  gloss: string
  reference: string
  ratio: string
  note?: string
}

export const median = (values: readonly number[]): number => {
  const sorted = [...values].sort((a, b) => a - b)
  const middle = Math.floor(sorted.length / 2)
  if (sorted.length === 0) return Number.NaN
  return sorted.length % 2 === 1
    ? (sorted[middle] ?? Number.NaN)
    : ((sorted[middle - 1] ?? Number.NaN) + (sorted[middle] ?? Number.NaN)) / 2
}

/** A number with a sensible count of digits for a table cell. */
export const fmt = (value: number, digits?: number): string => {
  if (!Number.isFinite(value)) return '—'
  const d = digits ?? (Math.abs(value) >= 100 ? 0 : Math.abs(value) >= 10 ? 1 : 2)
  return value.toLocaleString('en-GB', { minimumFractionDigits: d, maximumFractionDigits: d })
}

export const ratio = (gloss: number, reference: number): string =>
  reference > 0 && Number.isFinite(gloss) ? `${fmt(gloss / reference, gloss / reference < 10 ? 2 : 1)}×` : '—'

export const megabytes = (bytes: number): string => `${fmt(bytes / 1024 / 1024, 1)} MB`
