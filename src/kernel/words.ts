/**
 * The product's words: what editions, roles, comments, decisions and lineage changes can be. Stored as
 * text in the database (platform/db/schema.ts types its columns with them) and shown through the labels
 * beside this file.
 */

export const EDITION_STATES = ['draft', 'open', 'closed', 'published'] as const
export type EditionState = (typeof EDITION_STATES)[number]

export const MODERATION_MODES = ['post', 'pre'] as const
export type ModerationMode = (typeof MODERATION_MODES)[number]
/** How a guide shows reviewers' names to the public: their own, a pseudonym per guide, or none. */
export const NAMES_SHOWN = ['full', 'pseudonym', 'none'] as const
export type NamesShown = (typeof NAMES_SHOWN)[number]

export const GUIDE_ROLES = ['editor', 'reviewer'] as const
export type GuideRole = (typeof GUIDE_ROLES)[number]

/** `suggestion` carries new wording for its paragraph, or for the phrase it quotes (its `proposal`). */
export const COMMENT_KINDS = ['comment', 'reflection', 'example', 'suggestion'] as const
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

/** What a notice tells a person about (SPEC.md, "Following and notifications"). */
export const NOTICE_TYPES = [
  'comment.replied',
  'comment.decided',
  'block.revised',
  'consultation.opened',
  'consultation.closing',
  'edition.published',
] as const
export type NoticeType = (typeof NOTICE_TYPES)[number]

/** How a person's notices reach them by email: each at once, in a daily or weekly digest, or not at all. */
export const EMAIL_CHOICES = ['immediate', 'daily', 'weekly', 'off'] as const
export type EmailChoice = (typeof EMAIL_CHOICES)[number]

/** Where a notice's email is: waiting for its message or digest, handed to the job mailing it, sent, or not to be mailed. */
export const MAIL_STATES = ['waiting', 'queued', 'sent', 'skipped'] as const
export type MailState = (typeof MAIL_STATES)[number]

/** Why a moderator hid a comment: the code the public moderation log and the report count by. */
export const HIDE_REASONS = ['off-topic', 'abusive', 'personal-data', 'spam', 'duplicate', 'other'] as const
export type HideReason = (typeof HIDE_REASONS)[number]
