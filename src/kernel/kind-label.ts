import type { CommentKind } from './words.ts'

/** How a comment's kind reads to people, on every page, in feeds and in the thread panel. */
export const KIND_LABELS: Record<CommentKind, string> = {
  comment: 'Comment',
  reflection: 'Reflection',
  example: 'Example',
  suggestion: 'Suggested wording',
}

/** What each kind is for, as the forms explain it to a first-time reviewer. */
export const KIND_HINTS: Record<CommentKind, string> = {
  comment: 'a point about the text',
  reflection: 'what it makes you think, or how it reads to you',
  example: 'something from your own experience that shows it',
  suggestion: 'new words for the phrase you selected, or for the whole paragraph',
}
