/**
 * The product's words: what editions, roles, comments, decisions and lineage changes can be. Stored as
 * text in the database (platform/db/schema.ts types its columns with them) and shown through the labels
 * beside this file.
 */

export type EditionState = 'draft' | 'open' | 'closed' | 'published'

export type ModerationMode = 'post' | 'pre'

export type GuideRole = 'editor' | 'reviewer'

export const COMMENT_KINDS = ['comment', 'reflection', 'example'] as const
export type CommentKind = (typeof COMMENT_KINDS)[number]

export type CommentState = 'published' | 'pending' | 'hidden' | 'withdrawn'

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

export type LineageChange =
  'unchanged' | 'moved' | 'edited' | 'moved-edited' | 'split' | 'merged' | 'new' | 'removed'
