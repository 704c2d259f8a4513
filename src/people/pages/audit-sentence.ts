import { decisionLabelIn, type Translate } from '../../platform/i18n/messages.ts'
import type { Lang } from '../../platform/i18n/languages.ts'

/** What an audit entry needs to be read as a sentence. */
export interface AuditFacts {
  action: string
  subject: string
  detail: Record<string, unknown>
  actorName: string | null
  /** The actor erased their account since: said as a former participant, in the reader's language. */
  actorErased?: boolean | undefined
  guideSlug: string | null
  commentAuthorName?: string | null | undefined
  subjectPersonName?: string | null | undefined
  subjectPersonErased?: boolean | undefined
}

const text = (value: unknown) => (typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined)
const count = (value: unknown) => (typeof value === 'number' ? value : undefined)

/** Actions whose sentence takes only who did it (and the guide, where there is one). */
const PLAIN = new Set([
  'comment.hidden',
  'comment.restored',
  'comment.approved',
  'comment.flags-dismissed',
  'comment.decision-drafted',
  'edition.created',
  'invitation.revoked',
  'sign-in',
  'password.changed',
  'password.check-failed',
  'password.reset-link',
  'password.reset',
  'account.erased',
  'instance.setup',
  'instance.settings',
  'instance.exported',
  'instance.restored',
  'feed-address.created',
])

/** A setting's value as the log says it: its code, yes or no, or "none" for null. */
const settingValue = (t: Translate, value: unknown) =>
  t('auditSettings.value', {
    value:
      typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean'
        ? String(value)
        : 'null',
  })

/**
 * A guide's settings change, saying which settings changed and from what to what ("moderation: post →
 * pre"); entries from before `was` was recorded say only what each became. A setting saved unchanged
 * is left out, and an entry that changed nothing says only that the settings were saved.
 */
function settingsSentence(
  detail: Record<string, unknown>,
  t: Translate,
  values: Record<string, string | number>,
) {
  const was =
    typeof detail.was === 'object' && detail.was !== null
      ? (detail.was as Record<string, unknown>)
      : undefined
  const changes = Object.entries(detail)
    .filter(
      ([setting, to]) => setting !== 'was' && !(was && Object.hasOwn(was, setting) && was[setting] === to),
    )
    .map(([setting, to]) =>
      t('auditSettings.setting', {
        setting,
        // A policy is paragraphs of text: that it changed is what the log can say in a line.
        shown: setting === 'policy' ? 'none' : was && Object.hasOwn(was, setting) ? 'both' : 'to',
        from: settingValue(t, was?.[setting]),
        to: settingValue(t, to),
      }),
    )
  return changes.length > 0
    ? t('auditSettings.changed', { ...values, changes: changes.join('; ') })
    : t('audit.guide.settings', values)
}

/**
 * An audit entry as a sentence in the reader's language, without its time ("Ada hid a comment by
 * Bea"; in Welsh the verb comes first, so the whole sentence is one message with `who` in it), and the
 * words that go after the time (the reason), so an admin reads the log instead of decoding action
 * codes. An action with no sentence yet is said with its code, so nothing recorded is ever left out.
 */
export function auditSentence(
  f: AuditFacts,
  t: Translate,
  lang: Lang,
): { said: string; why?: string | undefined } {
  const who = f.actorErased
    ? t('audit.formerParticipant')
    : (f.actorName ?? (f.action.startsWith('sign-in.failed') ? t('audit.someone') : 'Gloss'))
  const comment = t('audit.commentBy', { name: f.commentAuthorName ?? t('audit.formerParticipant') })
  const person = f.subjectPersonErased
    ? t('audit.formerParticipant')
    : (f.subjectPersonName ?? t('audit.nobodyHere'))
  const guide = f.guideSlug ? ` ${t('audit.onGuide', { slug: f.guideSlug })}` : ''
  const decision = text(f.detail.decision)
  const decided = decision ? decisionLabelIn(lang, decision).toLowerCase() : t('audit.aDecision')
  const name = text(f.detail.name) ?? f.subject
  const n = count(f.detail.count) ?? 0
  const values = { who, comment, person, guide, decision: decided, name, count: n }
  // The entry ends its own sentence, so a reason's full stop is not doubled.
  const why =
    f.action === 'comment.hidden' || f.action === 'comment.restored'
      ? text(f.detail.reason)?.replace(/\.+$/, '')
      : undefined
  if (PLAIN.has(f.action)) return { said: t(`audit.${f.action}` as 'audit.sign-in', values), why }
  switch (f.action) {
    case 'comment.decided':
      return {
        said:
          f.commentAuthorName !== undefined && f.commentAuthorName !== null
            ? t('audit.comment.decided', values)
            : t('audit.comment.decidedMany', values),
      }
    case 'comment.placed':
      return {
        said: t('audit.comment.placed', {
          ...values,
          to: text(f.detail.toNumber) ?? 'removed',
          edition: String(count(f.detail.edition) ?? ''),
        }),
      }
    case 'comment.suggestion-accepted':
      return {
        said: t('audit.comment.suggestion-accepted', {
          ...values,
          draft: f.detail.draft === true ? 'yes' : 'no',
          block: text(f.detail.block) ?? 'none',
        }),
      }
    case 'guide.settings':
      return { said: settingsSentence(f.detail, t, values) }
    case 'guide.retention-applied':
      return {
        said: t('audit.guide.retention-applied', { ...values, days: count(f.detail.retentionDays) ?? 0 }),
      }
    case 'comment.decisions-released':
      return { said: t('audit.comment.decisions-released', values) }
    case 'campaign.decided':
    case 'campaign.decision-drafted':
      return { said: t(`audit.${f.action}`, { ...values, campaign: f.subject }) }
    case 'campaign.split-out':
      return {
        said: t('audit.campaign.split-out', {
          ...values,
          comment: f.subject,
          campaign: String(count(f.detail.campaign) ?? text(f.detail.campaign) ?? ''),
        }),
      }
    case 'theme.created':
      return { said: t('audit.theme.created', { ...values, count: count(f.detail.comments) ?? 0 }) }
    case 'theme.changed': {
      const was = text(f.detail.was)
      return {
        said: was
          ? t('audit.theme.renamed', { ...values, was, name: text(f.detail.name) ?? '' })
          : t('audit.theme.changed', values),
      }
    }
    case 'theme.answered':
    case 'theme.tagged':
    case 'theme.deleted':
      return { said: t(`audit.${f.action}`, values) }
    case 'theme.untagged':
      return {
        said: t('audit.theme.untagged', { ...values, comment: String(count(f.detail.commentId) ?? '?') }),
      }
    case 'edition.transition': {
      // Recorded as "2: draft → published"; the states are said in the reader's words.
      const [, edition, from, to] = /^(\d+): (\S+) → (\S+)$/.exec(f.subject) ?? []
      return {
        said:
          edition && from && to
            ? t('audit.edition.moved', { ...values, edition, from, to })
            : t('audit.edition.transition', { ...values, edition: f.subject }),
      }
    }
    case 'edition.translated': {
      const [edition, lang] = f.subject.split(': ')
      return { said: t('audit.edition.translated', { ...values, edition: edition ?? '', lang: lang ?? '' }) }
    }
    case 'guide.imported':
      return { said: t('audit.guide.imported', { ...values, slug: f.subject }) }
    case 'invitation.created':
    case 'invitation.accepted':
      return { said: t(`audit.${f.action}`, { ...values, role: f.subject }) }
    case 'role.changed': {
      const role = text(f.detail.role)
      return {
        said: role ? t('audit.role.changed', { ...values, role }) : t('audit.role.removed', values),
      }
    }
    case 'role.admin-granted':
    case 'role.admin-removed':
      return { said: t(`audit.${f.action}`, values) }
    case 'sign-in.failed':
      if (f.subject === '') return { said: t('auditSignIn.failedUnknown', values) }
      return { said: t(`audit.${f.action}`, { ...values, email: f.subject }) }
    case 'account.created':
      return { said: t(`audit.${f.action}`, { ...values, email: f.subject }) }
    default:
      return { said: t('audit.recorded', { ...values, action: f.action, subject: f.subject || 'none' }) }
  }
}
