/**
 * The event recorded when an author stops letting their comment be published: streams tell the viewers
 * who saw it to drop it, which an ordinary update of a comment they may no longer see must not do (that
 * would tell them a comment kept for the editors exists).
 */
export const UNPUBLISHED = 'comment.unpublished'

/**
 * Sent to an edition's streams when it opens, closes or is published (announceEditionMoved): the page
 * asks for its counts again, which say whether it takes comments now.
 */
export const EDITION_MOVED = 'edition.moved'
