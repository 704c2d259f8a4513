import type { EditionState } from './words.ts'

/**
 * How an edition stands for a reader at a moment. An open edition stays `open` in the database while its
 * window passes, so it reads as `upcoming` before the window opens and `closed` once it has closed:
 * a page kept from before then must not go on saying it is open.
 */
export type ShownState = EditionState | 'upcoming'

export function shownState(
  edition: { state: EditionState; opensAt: Date | null; closesAt: Date | null },
  now = new Date(),
): ShownState {
  if (edition.state !== 'open') return edition.state
  if (edition.opensAt && now < edition.opensAt) return 'upcoming'
  if (edition.closesAt && edition.closesAt <= now) return 'closed'
  return 'open'
}
