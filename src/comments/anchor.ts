import type { PlacedBy, QuoteStatus } from '../kernel/words.ts'
import type { Quote } from '../platform/db/schema.ts'
import type { PlacementView } from './anchor.repository.ts'

/** Where a carried comment shows in a later edition, and where its quoted words were found there (SPEC.md). */
export interface Anchor {
  blockKey: string | null
  placedBy: PlacedBy
  quote: (Quote & { status: QuoteStatus }) | null
}

/** A placement as the comment's view shows it; a withdrawn comment shows no words, so no quote. */
export function anchorView(placement: PlacementView, withdrawn: boolean): Anchor {
  const { quote, quoteStatus } = placement
  return {
    blockKey: placement.blockKey,
    placedBy: placement.placedBy,
    quote: quote && quoteStatus && !withdrawn ? { ...quote, status: quoteStatus } : null,
  }
}
