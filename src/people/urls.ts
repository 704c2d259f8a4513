/** Where a guide's people are managed, and where an invitation is taken up. */
export const invitationsPath = (slug: string) => `/g/${slug}/invitations`

export const revokeInvitationPath = (slug: string, id: string) => `${invitationsPath(slug)}/${id}/revoke`

export const participantsPath = (slug: string) => `/g/${slug}/participants`

/** The link an invitation hands out (relative; the service prefixes the site's origin). */
export const invitationPath = (token: string) => `/invitations/${token}`

/** Where a participant introduces themselves to the others. */
export const introductionPath = (slug: string) => `${participantsPath(slug)}/me`
