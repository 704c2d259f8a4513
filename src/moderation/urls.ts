/** The moderation queue of a guide, for its editors. */
export const moderationPath = (slug: string) => `/g/${encodeURIComponent(slug)}/moderation`

/** What a moderator does to one comment from the queue, each its own form. */
export type QueueAction = 'hide' | 'restore' | 'approve' | 'dismiss'

export const queueActionPath = (slug: string, id: string, action: QueueAction) =>
  `${moderationPath(slug)}/${id}/${action}`

/** A guide's public record of moderation, and its policy. */
export const moderationLogPath = (slug: string, cursor?: string) =>
  `/g/${encodeURIComponent(slug)}/moderation-log${cursor === undefined ? '' : `?cursor=${cursor}`}`
