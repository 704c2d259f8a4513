import type { LineageChange } from './words.ts'

/** How a paragraph's change between editions reads to people: the preview, the report and the redline. */
export const CHANGE_LABELS: Record<LineageChange | 'not traced', string> = {
  unchanged: 'Unchanged',
  moved: 'Moved',
  edited: 'Edited',
  'moved-edited': 'Moved and edited',
  split: 'Split',
  merged: 'Merged',
  new: 'New',
  removed: 'Removed',
  'not traced': 'Not traced',
}

/** Every change lineage names, in the order a summary lists them. */
export const LINEAGE_CHANGES: readonly LineageChange[] = [
  'unchanged',
  'moved',
  'edited',
  'moved-edited',
  'split',
  'merged',
  'new',
  'removed',
]

/** A count with its noun, in the singular for one. */
export const counted = (count: number, one: string, many = `${one}s`) =>
  `${String(count)} ${count === 1 ? one : many}`
