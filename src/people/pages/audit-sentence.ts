import { DECISION_LABELS } from '../../kernel/decision-label.ts'
import type { Decision } from '../../kernel/words.ts'

/** What an audit entry needs to be read as a sentence. */
export interface AuditFacts {
  action: string
  subject: string
  detail: Record<string, unknown>
  actorName: string | null
  guideSlug: string | null
  commentAuthorName?: string | null | undefined
  subjectPersonName?: string | null | undefined
}

const text = (value: unknown) => (typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined)
const count = (value: unknown) => (typeof value === 'number' ? value : undefined)
const many = (n: number | undefined, one: string, several: string) =>
  n === undefined ? several : n === 1 ? `1 ${one}` : `${n.toLocaleString('en-GB')} ${several}`

/**
 * An audit entry as a sentence without its time ("Ada hid a comment by Bea"), and the words that go
 * after the time ("reason"), so an admin reads the log instead of decoding action codes. An action with
 * no sentence yet falls back to its code, so nothing recorded is ever left out.
 */
export function auditSentence(f: AuditFacts): { who: string; did: string; why?: string | undefined } {
  const who = f.actorName ?? (f.action.startsWith('sign-in.failed') ? 'Someone' : 'Gloss')
  const comment = `a comment by ${f.commentAuthorName ?? 'a former participant'}`
  const person = f.subjectPersonName ?? 'someone no longer here'
  const guide = f.guideSlug ? ` on “${f.guideSlug}”` : ''
  const decision = text(f.detail.decision)
  const label: string | undefined = decision ? DECISION_LABELS[decision as Decision] : undefined
  const decided = (label ?? decision ?? 'a decision').toLowerCase()
  switch (f.action) {
    case 'comment.hidden':
      return { who, did: `hid ${comment}`, why: text(f.detail.reason) }
    case 'comment.restored':
      return { who, did: `restored ${comment}`, why: text(f.detail.reason) }
    case 'comment.approved':
      return { who, did: `approved ${comment}` }
    case 'comment.flags-dismissed':
      return { who, did: `dismissed the flags on ${comment}` }
    case 'comment.decided':
      return f.commentAuthorName !== undefined && f.commentAuthorName !== null
        ? { who, did: `decided “${decided}” on ${comment}` }
        : { who, did: `decided “${decided}” on ${many(count(f.detail.count), 'comment', 'comments')}` }
    case 'comment.placed': {
      const edition = count(f.detail.edition)
      const to = text(f.detail.toNumber)
      return {
        who,
        did: `placed ${comment} ${to ? `on paragraph ${to}` : 'under “comments on removed text”'} of edition ${String(edition ?? '')}${guide}`,
      }
    }
    case 'comment.decision-drafted':
      return { who, did: `drafted the decision “${decided}” on ${comment}` }
    case 'comment.decisions-released':
      return {
        who,
        did: `released ${many(count(f.detail.count), 'draft decision', 'draft decisions')}${guide}`,
      }
    case 'campaign.decided':
      return {
        who,
        did: `decided “${decided}” on campaign ${f.subject}, ${many(count(f.detail.count), 'comment', 'comments')} at once${guide}`,
      }
    case 'campaign.decision-drafted':
      return {
        who,
        did: `drafted the decision “${decided}” on campaign ${f.subject}, ${many(count(f.detail.count), 'comment', 'comments')} at once${guide}`,
      }
    case 'campaign.split-out':
      return {
        who,
        did: `took comment ${f.subject} out of campaign ${String(count(f.detail.campaign) ?? text(f.detail.campaign) ?? '')}${guide}`,
      }
    case 'theme.created': {
      const gathered = count(f.detail.comments)
      return {
        who,
        did: `created the theme “${text(f.detail.name) ?? f.subject}”${gathered ? ` with ${many(gathered, 'comment', 'comments')}` : ''}${guide}`,
      }
    }
    case 'theme.changed': {
      const was = text(f.detail.was)
      return {
        who,
        did: was
          ? `renamed the theme “${was}” to “${text(f.detail.name) ?? ''}”${guide}`
          : `changed the theme “${text(f.detail.name) ?? f.subject}”${guide}`,
      }
    }
    case 'theme.answered':
      return { who, did: `wrote the response to the theme “${text(f.detail.name) ?? f.subject}”${guide}` }
    case 'theme.tagged': {
      return {
        who,
        did: `put ${many(count(f.detail.count) ?? 0, 'comment', 'comments')} under the theme “${text(f.detail.name) ?? f.subject}”${guide}`,
      }
    }
    case 'theme.untagged':
      return {
        who,
        did: `took comment ${String(count(f.detail.commentId) ?? '?')} out of the theme “${text(f.detail.name) ?? f.subject}”${guide}`,
      }
    case 'theme.deleted':
      return { who, did: `deleted the theme “${text(f.detail.name) ?? f.subject}”${guide}` }
    case 'edition.transition':
      return { who, did: `moved edition ${f.subject}${guide}` }
    case 'edition.created':
      return { who, did: `created the next edition${guide}` }
    case 'guide.imported':
      return { who, did: `imported the guide “${f.subject}”` }
    case 'guide.settings':
      return { who, did: `changed the settings${guide}` }
    case 'invitation.created':
      return { who, did: `made an invitation link for a ${f.subject}${guide}` }
    case 'invitation.revoked':
      return { who, did: `withdrew an invitation link${guide}` }
    case 'invitation.accepted':
      return { who, did: `joined as a ${f.subject}${guide}` }
    case 'role.changed':
      return {
        who,
        did: text(f.detail.role)
          ? `made ${person} a ${String(f.detail.role)}${guide}`
          : `took ${person}’s role${guide}`,
      }
    case 'role.admin-granted':
      return { who, did: `made ${person} an administrator` }
    case 'role.admin-removed':
      return { who, did: `took the administrator role from ${person}` }
    case 'sign-in':
      return { who, did: 'signed in' }
    case 'sign-in.failed':
      return { who, did: `failed to sign in as ${f.subject}` }
    case 'password.changed':
      return { who, did: 'changed their password' }
    case 'password.check-failed':
      return { who, did: 'typed a wrong password when asked for it' }
    case 'password.reset-link':
      return { who, did: 'made a password reset link' }
    case 'password.reset':
      return { who, did: 'reset their password' }
    case 'account.created':
      return { who, did: `made an account (${f.subject})` }
    case 'account.erased':
      return { who, did: 'erased their account' }
    case 'instance.setup':
      return { who, did: 'set up this instance' }
    case 'instance.settings':
      return { who, did: 'changed the instance’s settings' }
    case 'instance.exported':
      return { who, did: 'exported the whole instance' }
    case 'instance.restored':
      return { who, did: 'restored the instance from a file' }
    case 'feed-address.created':
      return { who, did: 'made a new personal feed address' }
    default:
      return { who, did: `recorded “${f.action}”${f.subject ? ` (${f.subject})` : ''}` }
  }
}
