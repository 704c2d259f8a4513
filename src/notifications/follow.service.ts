import type { Db } from '../platform/db/database.ts'
import type { Tx } from '../platform/db/transaction.ts'
import { notFound, unauthenticated } from '../kernel/errors.ts'
import { findKnownGuide, readableStates } from '../guides/reading.service.ts'
import { newestEditionWithKey } from '../guides/guide.repository.ts'
import type { Viewer } from '../people/viewer.ts'
import { deleteFollow, followAlongLineage, followsOf, insertFollow } from './follow.repository.ts'

/** What a follow route answers: whether the viewer now follows it. */
export interface FollowState {
  following: boolean
  blockKey: string | null
}

/**
 * The guide, and the paragraph when a key is given, as this viewer may know them: a guide or key they
 * may not read is not found, in the words used for one that does not exist.
 */
async function followable(db: Db, viewer: Viewer, slug: string, blockKey: string | null) {
  if (!viewer.person) throw unauthenticated('Sign in to follow a guide or a paragraph.')
  const guide = await findKnownGuide(db, viewer, slug)
  if (
    blockKey !== null &&
    !(await newestEditionWithKey(db, guide.id, blockKey, readableStates(viewer, guide.id)))
  )
    throw notFound(`The paragraph "${blockKey}"`)
  return { person: viewer.person, guide }
}

/** `PUT`/`DELETE …/follow`: follows or stops following a guide or a paragraph by its key; either twice is once. */
export async function setFollow(
  db: Db,
  viewer: Viewer,
  place: { slug: string; blockKey: string | null },
  following: boolean,
): Promise<FollowState> {
  const { person, guide } = await followable(db, viewer, place.slug, place.blockKey)
  if (following) await insertFollow(db, person.id, guide.id, place.blockKey)
  else await deleteFollow(db, person.id, guide.id, place.blockKey)
  return { following, blockKey: place.blockKey }
}

/** `GET …/follow`: whether the viewer follows a guide or a paragraph they may read. */
export async function followState(
  db: Db,
  viewer: Viewer,
  place: { slug: string; blockKey: string | null },
): Promise<FollowState> {
  const { person, guide } = await followable(db, viewer, place.slug, place.blockKey)
  const rows = await followsOf(db, person.id, guide.id)
  return { following: rows.some((row) => row.blockKey === place.blockKey), blockKey: place.blockKey }
}

/** What the viewer follows of a guide: the guide itself, and paragraphs by key. */
export async function followingOf(db: Db, viewer: Viewer, guideId: number) {
  if (!viewer.person) return { guide: false, keys: new Set<string>() }
  const rows = await followsOf(db, viewer.person.id, guideId)
  return {
    guide: rows.some((row) => row.blockKey === null),
    keys: new Set(rows.flatMap((row) => (row.blockKey === null ? [] : [row.blockKey]))),
  }
}

/** A new edition's pieces of a followed paragraph (split, merged under a new key) are followed too. */
export const carryFollows = (tx: Tx, guideId: number, editionId: number) =>
  followAlongLineage(tx, guideId, editionId)
