/**
 * The event recorded when an author stops letting their comment be published: streams tell the viewers
 * who saw it to drop it, which an ordinary update of a comment they may no longer see must not do (that
 * would tell them a comment kept for the editors exists).
 */
export const UNPUBLISHED = 'comment.unpublished'
