import type { Assets } from '../../platform/http/assets.ts'
import { Layout } from '../../site/layout.tsx'
import type { Lang } from '../../platform/i18n/languages.ts'
import { translator, type Translate } from '../../platform/i18n/messages.ts'
import { deviceOf } from '../user-agent.ts'
import { rich, slot } from '../../site/rich-message.tsx'
import { FeedSection } from '../../feeds/pages/feed-address.page.tsx'
import {
  ButtonForm,
  ErrorSummary,
  Field,
  StatusMessage,
  TextArea,
  Time,
  type FormProblems,
} from '../../site/form.tsx'
import { guidePath } from '../../guides/urls.ts'
import { invitationsPath, participantsPath } from '../urls.ts'

export type AccountForm = 'profile' | 'password' | 'erase'

export interface AccountPageProps {
  assets: Assets
  me: {
    email: string | null
    displayName: string
    organisation: string
    description: string
    isAdmin: boolean
    roles: { guide: string; title: string; role: string }[]
  }
  sessions: { id: string; userAgent: string; createdAt: Date; lastSeenAt: Date; current: boolean }[]
  saved?: string | undefined
  /** The form that was refused, what was typed in it (never passwords) and why. */
  failed?: { form: AccountForm; values: Record<string, string>; problems: FormProblems } | undefined
  language: Lang
}

/** A session's browser as a person knows it ("Firefox on Windows"), else its header as sent. */
const deviceWords = (userAgent: string, t: Translate) => {
  const device = deviceOf(userAgent)
  if (device)
    return t('account.device', { browser: device.browser ?? 'unknown', system: device.system ?? 'unknown' })
  return userAgent || t('account.unknownBrowser')
}

export const AccountPage = (p: AccountPageProps) => {
  const problemsIn = (form: AccountForm) => (p.failed?.form === form ? p.failed.problems : undefined)
  const profile = p.failed?.form === 'profile' ? p.failed.values : p.me
  const language = p.language
  const t = translator(language)
  return (
    <Layout
      title={t(p.failed ? 'account.titleError' : 'account.title')}
      assets={p.assets}
      language={language}
    >
      <ErrorSummary
        problems={p.failed?.problems}
        prefix={p.failed ? `${p.failed.form}-` : ''}
        language={language}
      />
      <h1>{t('account.heading')}</h1>
      <StatusMessage>{p.saved}</StatusMessage>
      <p>{t('account.signedInAs', { name: p.me.displayName, email: p.me.email ?? '' })}</p>
      <p>
        {rich(t('account.myComments', { link: slot('link') }), {
          link: <a href="/me/comments">{t('account.myCommentsLink')}</a>,
        })}
      </p>
      <form method="post" action="/sign-out" class="inline-form">
        <button type="submit" class="button button-secondary">
          {t('account.signOut')}
        </button>
      </form>

      {p.me.isAdmin || p.me.roles.length > 0 ? (
        <section aria-labelledby="roles-title">
          <h2 id="roles-title">{t('account.rolesHeading')}</h2>
          <ul class="plain-list">
            {p.me.isAdmin ? (
              <li>
                {rich(
                  t('account.administrator', {
                    people: slot('people'),
                    settings: slot('settings'),
                    audit: slot('audit'),
                  }),
                  {
                    people: <a href="/admin/people">{t('account.adminPeople')}</a>,
                    settings: <a href="/admin/settings">{t('account.adminSettings')}</a>,
                    audit: <a href="/admin/audit">{t('account.adminAudit')}</a>,
                  },
                )}
              </li>
            ) : null}
            {p.me.roles.map((r) => (
              <li>
                <a href={guidePath(r.guide)}>{r.title}</a> — {t('account.role', { role: r.role })} (
                <a href={participantsPath(r.guide)}>{t('account.participants')}</a>
                {r.role === 'editor' ? (
                  <>
                    , <a href={invitationsPath(r.guide)}>{t('account.invitations')}</a>
                  </>
                ) : null}
                )
              </li>
            ))}
          </ul>
        </section>
      ) : null}

      <FeedSection language={language} />

      <section aria-labelledby="profile-title">
        <h2 id="profile-title">{t('account.profileHeading')}</h2>
        <form method="post" action="/account/profile" class="form">
          <Field
            prefix="profile-"
            name="displayName"
            label={t('account.name')}
            hint={t('account.nameHint')}
            value={profile.displayName}
            autocomplete="name"
            required
            maxlength={80}
            problems={problemsIn('profile')}
            language={language}
          />
          <Field
            prefix="profile-"
            name="organisation"
            label={t('account.organisation')}
            value={profile.organisation}
            autocomplete="organization"
            maxlength={120}
            problems={problemsIn('profile')}
            language={language}
          />
          <TextArea
            prefix="profile-"
            name="description"
            label={t('account.about')}
            hint={t('account.aboutHint')}
            value={profile.description}
            maxlength={500}
            problems={problemsIn('profile')}
            language={language}
          />
          <button type="submit" class="button">
            {t('account.saveProfile')}
          </button>
        </form>
      </section>

      <section aria-labelledby="password-title">
        <h2 id="password-title">{t('account.passwordHeading')}</h2>
        <form method="post" action="/account/password" class="form">
          <Field
            prefix="password-"
            name="currentPassword"
            label={t('account.currentPassword')}
            type="password"
            autocomplete="current-password"
            required
            maxlength={200}
            problems={problemsIn('password')}
            language={language}
          />
          <Field
            prefix="password-"
            name="newPassword"
            label={t('account.newPassword')}
            type="password"
            hint={t('account.newPasswordHint')}
            autocomplete="new-password"
            required
            maxlength={200}
            problems={problemsIn('password')}
            language={language}
          />
          <button type="submit" class="button">
            {t('account.changePassword')}
          </button>
        </form>
      </section>

      <section aria-labelledby="sessions-title">
        <h2 id="sessions-title">{t('account.sessionsHeading')}</h2>
        <div class="table-scroll">
          <table class="data-table stacks">
            <thead>
              <tr>
                <th scope="col">{t('account.browser')}</th>
                <th scope="col">{t('account.signedIn')}</th>
                <th scope="col">{t('account.lastSeen')}</th>
                <th scope="col">
                  <span class="visually-hidden">{t('account.actions')}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {p.sessions.map((s) => (
                <tr>
                  <th scope="row" id={`session-${s.id}`}>
                    {deviceWords(s.userAgent, t)}
                    {s.current ? <strong>{` ${t('account.thisOne')}`}</strong> : null}
                  </th>
                  <td data-label={t('account.signedIn')}>
                    <Time at={s.createdAt} language={language} />
                  </td>
                  <td data-label={t('account.lastSeen')}>
                    <Time at={s.lastSeenAt} language={language} />
                  </td>
                  <td>
                    <ButtonForm
                      action={`/account/sessions/${s.id}/revoke`}
                      label={t('account.revoke')}
                      variant="secondary"
                      describedBy={`session-${s.id}`}
                    />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>

      <section aria-labelledby="erase-title" class="danger-zone">
        <h2 id="erase-title">{t('account.eraseHeading')}</h2>
        <p id="erase-warning" class="warning">
          <strong>{t('account.eraseCannot')}</strong> {t('account.eraseWarning')}
        </p>
        <form method="post" action="/account/erase" class="form">
          <Field
            prefix="erase-"
            name="password"
            label={t('account.erasePassword')}
            type="password"
            autocomplete="current-password"
            required
            maxlength={200}
            problems={problemsIn('erase')}
            language={language}
          />
          <button type="submit" class="button button-danger" aria-describedby="erase-warning">
            {t('account.eraseButton')}
          </button>
        </form>
      </section>
    </Layout>
  )
}
