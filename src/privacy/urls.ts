/** A guide's privacy notice: who runs it, what is kept and published, for how long, and how to ask for erasure. */
export const privacyPath = (slug: string) => `/g/${encodeURIComponent(slug)}/privacy`

/**
 * The same notice for the holder of an invitation, read from the invitation page before joining: the
 * guide's own address is not found while it has nothing they may read.
 */
export const invitedPrivacyPath = (token: string) => `/invitations/${token}/privacy`
