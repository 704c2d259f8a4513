/**
 * The product's words: what editions, roles, comments, decisions and lineage changes can be. Stored as
 * text in the database (platform/db/schema.ts types its columns with them) and shown through the labels
 * beside this file.
 */

export const EDITION_STATES = ['draft', 'open', 'closed', 'published'] as const
export type EditionState = (typeof EDITION_STATES)[number]

export const MODERATION_MODES = ['post', 'pre'] as const
export type ModerationMode = (typeof MODERATION_MODES)[number]

export const GUIDE_ROLES = ['editor', 'reviewer'] as const
export type GuideRole = (typeof GUIDE_ROLES)[number]

export const COMMENT_KINDS = ['comment', 'reflection', 'example'] as const
export type CommentKind = (typeof COMMENT_KINDS)[number]

export const COMMENT_STATES = ['published', 'pending', 'hidden', 'withdrawn'] as const
export type CommentState = (typeof COMMENT_STATES)[number]

export const DECISIONS = [
  'open',
  'accepted',
  'partly-accepted',
  'not-accepted',
  'noted',
  'out-of-scope',
  'duplicate',
] as const
export type Decision = (typeof DECISIONS)[number]

export const LINEAGE_CHANGES = [
  'unchanged',
  'moved',
  'edited',
  'moved-edited',
  'split',
  'merged',
  'new',
  'removed',
] as const
export type LineageChange = (typeof LINEAGE_CHANGES)[number]

/** How a carried comment's quote was found again in a later edition (SPEC.md, "Quotes that stay anchored"). */
export const QUOTE_STATUSES = ['exact', 'fuzzy', 'gone'] as const
export type QuoteStatus = (typeof QUOTE_STATUSES)[number]

/** Who put a carried comment where it shows in a later edition: lineage, or an editor who moved it. */
export const PLACED_BY = ['lineage', 'editor'] as const
export type PlacedBy = (typeof PLACED_BY)[number]
