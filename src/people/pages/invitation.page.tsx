import type { Assets } from '../../platform/http/assets.ts'
import { Layout } from '../../site/layout.tsx'
import { signInUrl } from '../../site/sign-in.ts'
import { invitationPath } from '../urls.ts'
import { roleLabel } from './admin-nav.tsx'
import { ErrorSummary, NewAccountFields, type FormProblems } from '../../site/form.tsx'
import type { NamesShown } from '../../kernel/words.ts'
import { privacyPath } from '../../privacy/urls.ts'
import { translator } from '../../platform/i18n/messages.ts'
import { requestLanguage } from '../../platform/http/language.ts'

export interface InvitationPageProps {
  assets: Assets
  token: string
  /** `namesPublic`: whether the guide shows its reviewers' names to the public with their comments. */
  invitation: { guide: string; title: string; role: string; namesPublic: boolean; names?: NamesShown }
  /** The signed-in person's name; they join with one button. */
  signedInAs?: string | undefined
  values?: Record<string, string>
  problems?: FormProblems | undefined
}

/**
 * Joining a guide through an invitation link: as the signed-in person, or with a new account. Someone
 * with an account signs in first; the form never takes an existing account's password.
 */
export const InvitationPage = (p: InvitationPageProps) => (
  <Layout title={`${p.problems ? 'Error: ' : ''}Join ${p.invitation.title} · Gloss`} assets={p.assets}>
    <ErrorSummary problems={p.problems} fallback={{ name: 'email', message: 'Check your email address.' }} />
    <h1>Join “{p.invitation.title}”</h1>
    <p>
      You are invited to take part as <strong>{roleLabel(p.invitation.role).toLowerCase()}</strong>.
    </p>
    <p>
      {p.invitation.namesPublic
        ? 'Your name will be published with your comments: anyone who reads the guide, signed in or not, sees who wrote them.'
        : p.invitation.names === 'pseudonym'
          ? translator(requestLanguage())('invitation.namesPseudonym')
          : 'Your name will not be published with your comments: others read them as by “A participant”, and only the guide’s editors see who wrote them.'}{' '}
      <a href={privacyPath(p.invitation.guide)}>
        {translator(requestLanguage())('invitation.privacyNotice')}
      </a>
    </p>
    {p.signedInAs ? (
      <form method="post" action={`/invitations/${p.token}`} class="form">
        <p>You are signed in as {p.signedInAs}. Accepting adds this role to your account.</p>
        <button type="submit" class="button">
          Accept
        </button>
      </form>
    ) : (
      <>
        <h2>Already have an account?</h2>
        <p>Sign in first; you come back here to accept with one button.</p>
        <p>
          <a class="button" href={signInUrl(invitationPath(p.token))}>
            Sign in to accept
          </a>
        </p>
        <h2>New to Gloss?</h2>
        <form method="post" action={`/invitations/${p.token}`} class="form">
          <p>Make an account to join.</p>
          <NewAccountFields
            values={p.values ?? {}}
            problems={p.problems}
            nameHint={
              p.invitation.namesPublic
                ? 'Published with your comments, for anyone to read.'
                : p.invitation.names === 'pseudonym'
                  ? translator(requestLanguage())('invitation.nameHintPseudonym')
                  : 'Seen by the guide’s editors, not published with your comments.'
            }
          />
          <button type="submit" class="button">
            Accept and join
          </button>
        </form>
      </>
    )}
  </Layout>
)
