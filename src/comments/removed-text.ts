/**
 * Where a comment shows when the paragraph it was on is gone from an edition: under "comments on removed
 * text". A symbol rather than a string, so no block key can ever be taken for it.
 */
export const REMOVED = Symbol('comments on removed text')
