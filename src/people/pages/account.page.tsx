import type { Assets } from '../../platform/http/assets.ts'
import { Layout } from '../../site/layout.tsx'
import { roleLabel } from './admin-nav.tsx'
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
}

export const AccountPage = (p: AccountPageProps) => {
  const problemsIn = (form: AccountForm) => (p.failed?.form === form ? p.failed.problems : undefined)
  const profile = p.failed?.form === 'profile' ? p.failed.values : p.me
  return (
    <Layout title={`${p.failed ? 'Error: ' : ''}Your account · Gloss`} assets={p.assets}>
      <ErrorSummary problems={p.failed?.problems} prefix={p.failed ? `${p.failed.form}-` : ''} />
      <h1>Your account</h1>
      <StatusMessage>{p.saved}</StatusMessage>
      <p>
        Signed in as {p.me.displayName} ({p.me.email ?? ''}).
      </p>
      <p>
        <a href="/me/comments">My comments</a>: everything you wrote, and what happened to it.
      </p>
      <form method="post" action="/sign-out" class="inline-form">
        <button type="submit" class="button button-secondary">
          Sign out
        </button>
      </form>

      {p.me.isAdmin || p.me.roles.length > 0 ? (
        <section aria-labelledby="roles-title">
          <h2 id="roles-title">Where you take part</h2>
          <ul class="plain-list">
            {p.me.isAdmin ? (
              <li>
                Administrator of this instance: <a href="/admin/people">people</a>,{' '}
                <a href="/admin/settings">settings</a>, <a href="/admin/audit">audit log</a>
              </li>
            ) : null}
            {p.me.roles.map((r) => (
              <li>
                <a href={guidePath(r.guide)}>{r.title}</a> — {roleLabel(r.role).toLowerCase()} (
                <a href={participantsPath(r.guide)}>participants</a>
                {r.role === 'editor' ? (
                  <>
                    , <a href={invitationsPath(r.guide)}>invitations</a>
                  </>
                ) : null}
                )
              </li>
            ))}
          </ul>
        </section>
      ) : null}

      <FeedSection />

      <section aria-labelledby="profile-title">
        <h2 id="profile-title">Profile</h2>
        <form method="post" action="/account/profile" class="form">
          <Field
            prefix="profile-"
            name="displayName"
            label="Name"
            hint="Shown beside what you write."
            value={profile.displayName}
            autocomplete="name"
            required
            maxlength={80}
            problems={problemsIn('profile')}
          />
          <Field
            prefix="profile-"
            name="organisation"
            label="Organisation (optional)"
            value={profile.organisation}
            autocomplete="organization"
            maxlength={120}
            problems={problemsIn('profile')}
          />
          <TextArea
            prefix="profile-"
            name="description"
            label="About you (optional)"
            hint="A line or two on why you take part. At most 500 characters."
            value={profile.description}
            maxlength={500}
            problems={problemsIn('profile')}
          />
          <button type="submit" class="button">
            Save profile
          </button>
        </form>
      </section>

      <section aria-labelledby="password-title">
        <h2 id="password-title">Password</h2>
        <form method="post" action="/account/password" class="form">
          <Field
            prefix="password-"
            name="currentPassword"
            label="Current password"
            type="password"
            autocomplete="current-password"
            required
            maxlength={200}
            problems={problemsIn('password')}
          />
          <Field
            prefix="password-"
            name="newPassword"
            label="New password"
            type="password"
            hint="At least 10 characters. Changing it signs you out everywhere else."
            autocomplete="new-password"
            required
            maxlength={200}
            problems={problemsIn('password')}
          />
          <button type="submit" class="button">
            Change password
          </button>
        </form>
      </section>

      <section aria-labelledby="sessions-title">
        <h2 id="sessions-title">Where you are signed in</h2>
        <div class="table-scroll">
          <table class="data-table">
            <thead>
              <tr>
                <th scope="col">Browser</th>
                <th scope="col">Signed in</th>
                <th scope="col">Last seen</th>
                <th scope="col">
                  <span class="visually-hidden">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {p.sessions.map((s) => (
                <tr>
                  <th scope="row" id={`session-${s.id}`}>
                    {s.userAgent || 'Unknown browser'}
                    {s.current ? <strong> (this one)</strong> : null}
                  </th>
                  <td>
                    <Time at={s.createdAt} />
                  </td>
                  <td>
                    <Time at={s.lastSeenAt} />
                  </td>
                  <td>
                    <ButtonForm
                      action={`/account/sessions/${s.id}/revoke`}
                      label="Sign out this session"
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
        <h2 id="erase-title">Erase your account</h2>
        <p id="erase-warning" class="warning">
          <strong>This cannot be undone.</strong> Your name, email, organisation and password are removed and
          you are signed out everywhere. What you wrote stays, shown as written by “a former participant”.
        </p>
        <form method="post" action="/account/erase" class="form">
          <Field
            prefix="erase-"
            name="password"
            label="Your password, to confirm"
            type="password"
            autocomplete="current-password"
            required
            maxlength={200}
            problems={problemsIn('erase')}
          />
          <button type="submit" class="button button-danger" aria-describedby="erase-warning">
            Erase my account
          </button>
        </form>
      </section>
    </Layout>
  )
}
