import type { Config } from '../config.ts'
import type { Db } from '../platform/db/database.ts'
import { DomainError, forbidden, notFound, unauthenticated } from '../kernel/errors.ts'
import { takesComments } from '../editions/transition.service.ts'
import { editionById } from '../editions/edition.repository.ts'
import { findGuideById } from '../guides/guide.repository.ts'
import { announceEvents } from '../live/announce.ts'
import { signUpOpen } from '../people/account.service.ts'
import { may, maySeeComment } from '../people/policy.ts'
import type { Viewer } from '../people/viewer.ts'
import { withTransaction } from '../platform/db/transaction.ts'
import { deleteAgreement, editionsCarryingComment, insertAgreement } from './agreement.repository.ts'
import { countCommentWrite } from './comment-limits.ts'
import { findComment, recordEvent } from './comment.repository.ts'
import { viewOf } from './comment.service.ts'

/**
 * Agreeing is taking part: it needs what commenting needs (signed in, invited or open sign-up, the
 * consultation open) and a published comment by someone else, since agreeing with yourself says nothing.
 */
async function agreeable(db: Db, config: Config, viewer: Viewer, id: number) {
  const person = viewer.person
  if (!person) throw unauthenticated('Sign in to agree with a comment.')
  const row = await findComment(db, id)
  if (!row || row.state !== 'published') throw notFound('That comment')
  const guide = await findGuideById(db, row.guideId)
  if (!maySeeComment(viewer, guide, row)) throw notFound('That comment')
  const edition = await editionById(db, row.editionId)
  if (edition.state === 'draft' && !may(viewer, 'read-drafts', guide)) throw notFound('That comment')
  if (!may(viewer, 'comment', { id: guide.id, openSignUp: await signUpOpen(db) }))
    throw forbidden('Only people taking part in this consultation can agree with its comments.')
  if (row.authorId === person.id)
    throw new DomainError('own-comment', 'This is your own comment: others can agree with it.')
  const open =
    takesComments(edition) || (await editionsCarryingComment(db, id)).some((later) => takesComments(later))
  if (!open)
    throw new DomainError(
      'consultation-closed',
      'The consultation is closed, so agreements stay as they are.',
    )
  await countCommentWrite(db, config, { ...viewer, person }, 'agree')
  return { row, guide, person, moderator: may(viewer, 'moderate', guide) }
}

/**
 * `PUT` and `DELETE /api/comments/:id/agreement`: once per person however often asked. A change and
 * its event commit together, so every open page's count moves; asking again changes nothing and sends
 * nothing.
 */
export async function setAgreement(db: Db, config: Config, viewer: Viewer, id: number, agree: boolean) {
  const { row, guide, person, moderator } = await agreeable(db, config, viewer, id)
  const changed = await withTransaction(db, async (tx) => {
    const done = agree ? await insertAgreement(tx, id, person.id) : await deleteAgreement(tx, id, person.id)
    if (done) await recordEvent(tx, row.editionId, 'comment.agreed', id)
    return done
  })
  if (changed) announceEvents(db, row.editionId)
  return viewOf(db, id, guide, viewer, moderator)
}
