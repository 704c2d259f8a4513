import type { Db } from '../platform/db/database.ts'
import { findComment } from './comment.repository.ts'
import { findBlock } from './thread.repository.ts'
import { flagsByComment } from '../moderation/flag.repository.ts'
import { findPersonById } from '../people/people.repository.ts'

/**
 * What a thread's page reads beside the thread itself: the block it is on, who flagged its comments and
 * why (for the guide's moderators alone: the page asks only for them), and which guide a comment is in.
 */
export const threadBlock = (db: Db, editionId: number, key: string) => findBlock(db, editionId, key)

export const flagsOnComments = (db: Db, commentIds: readonly number[]) => flagsByComment(db, commentIds)

/** The guide a comment belongs to, to refuse an action sent through another guide's address; none if no such comment. */
export const guideOfComment = async (db: Db, id: number) => (await findComment(db, id))?.guideId

/** The organisation on a person's profile, which their comment forms offer to respond for. */
export const profileOrganisation = async (db: Db, personId: number) =>
  (await findPersonById(db, personId))?.organisation ?? ''
