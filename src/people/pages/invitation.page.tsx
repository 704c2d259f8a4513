import type { Assets } from '../../platform/http/assets.ts'
import type { Lang } from '../../platform/i18n/languages.ts'
import { translator } from '../../platform/i18n/messages.ts'
import { Layout } from '../../site/layout.tsx'
import { rich, slot } from '../../site/rich-message.tsx'
import { signInUrl } from '../../site/sign-in.ts'
import { invitationPath } from '../urls.ts'
import { roleLabel } from './admin-nav.tsx'
import { ErrorSummary, NewAccountFields, type FormProblems } from '../../site/form.tsx'
import type { NamesShown } from '../../kernel/words.ts'
import { invitedPrivacyPath } from '../../privacy/urls.ts'

export interface InvitationPageProps {
  assets: Assets
  token: string
  /** `namesPublic`: whether the guide shows its reviewers' names to the public with their comments. */
  invitation: {
    guide: string
    title: string
    role: string
    namesPublic: boolean
    names?: NamesShown
    /** Whether the guide has an edition anyone may read; if not, its own pages are not found by invitees. */
    guideReadable: boolean
  }
  /** The signed-in person's name; they join with one button. */
  signedInAs?: string | undefined
  values?: Record<string, string>
  problems?: FormProblems | undefined
  /** The interface language. */
  language: Lang
}

/**
 * Joining a guide through an invitation link: as the signed-in person, or with a new account. Someone
 * with an account signs in first; the form never takes an existing account's password.
 */
export const InvitationPage = (p: InvitationPageProps) => {
  const t = translator(p.language)
  const names = p.invitation.namesPublic
    ? 'public'
    : p.invitation.names === 'pseudonym'
      ? 'pseudonym'
      : 'hidden'
  return (
    <Layout
      title={`${p.problems ? `${t('form.errorPrefix')} ` : ''}${t('invitation.title', { title: p.invitation.title })}`}
      assets={p.assets}
      language={p.language}
      guide={p.invitation.guideReadable ? { slug: p.invitation.guide, title: p.invitation.title } : undefined}
    >
      <ErrorSummary
        problems={p.problems}
        fallback={{ name: 'email', message: t('signUp.check') }}
        language={p.language}
      />
      <h1>{t('invitation.heading', { title: p.invitation.title })}</h1>
      <p>
        {rich(t('invitation.role', { role: slot('role') }), {
          role: <strong>{roleLabel(p.invitation.role, p.language).toLowerCase()}</strong>,
        })}
      </p>
      <p>
        {t(
          names === 'public'
            ? 'invitation.namesPublic'
            : names === 'pseudonym'
              ? 'invitation.namesPseudonym'
              : 'invitation.namesHidden',
        )}{' '}
        {/* Read through the token: a guide held in draft has no notice at its own address for them yet. */}
        <a href={invitedPrivacyPath(p.token)}>{t('invitation.privacyNotice')}</a>
      </p>
      {p.signedInAs ? (
        <form method="post" action={`/invitations/${p.token}`} class="form">
          <p>{t('invitation.signedInAs', { name: p.signedInAs })}</p>
          <button type="submit" class="button">
            {t('invitation.accept')}
          </button>
        </form>
      ) : (
        <>
          <h2>{t('invitation.haveAccount')}</h2>
          <p>{t('invitation.signInFirst')}</p>
          <p>
            <a class="button" href={signInUrl(invitationPath(p.token))}>
              {t('invitation.signInToAccept')}
            </a>
          </p>
          <h2>{t('invitation.newToGloss')}</h2>
          <form method="post" action={`/invitations/${p.token}`} class="form">
            <p>{t('invitation.makeAccount')}</p>
            <NewAccountFields
              values={p.values ?? {}}
              problems={p.problems}
              language={p.language}
              nameHint={t(
                names === 'public'
                  ? 'invitation.nameHintPublic'
                  : names === 'pseudonym'
                    ? 'invitation.nameHintPseudonym'
                    : 'invitation.nameHintHidden',
              )}
            />
            <button type="submit" class="button">
              {t('invitation.acceptAndJoin')}
            </button>
          </form>
        </>
      )}
    </Layout>
  )
}
