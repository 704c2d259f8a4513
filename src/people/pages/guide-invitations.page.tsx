import { z } from 'zod'
import type { Assets } from '../../platform/http/assets.ts'
import { Layout } from '../../site/layout.tsx'
import { storableText } from '../../kernel/storable-text.ts'
import { roleLabel } from './admin-nav.tsx'
import {
  ButtonForm,
  CopyField,
  ErrorSummary,
  Field,
  TextArea,
  Time,
  type FormProblems,
} from '../../site/form.tsx'
import { guidePath } from '../../guides/urls.ts'
import { invitationsPath, participantsPath, revokeInvitationPath } from '../urls.ts'
import { LANGUAGES, type Lang } from '../../platform/i18n/languages.ts'
import { translator } from '../../platform/i18n/messages.ts'
import { requestLanguage } from '../../platform/http/language.tsx'
import { rich, slot } from '../../site/rich-message.tsx'

export interface InvitationRow {
  id: string
  role: string
  expiresAt: Date
  maxUses: number
  uses: number
  revokedAt: Date | null
  createdAt: Date
  createdBy: string
  note: string
}

/** The form's note of whom a link is for: the pages' own field, kept out of the API's invitation. */
const invitationNoteIn = (lang: Lang) =>
  z.strictObject({
    // Its message is read when a form is refused, so in the language of that request.
    note: storableText()
      .trim()
      .max(200, { error: () => translator(lang)('people.invitations.noteTooLong') }),
  })

/** The note's schema in each language, made once. */
export const INVITATION_NOTE = Object.fromEntries(
  LANGUAGES.map((lang) => [lang, invitationNoteIn(lang)]),
) as Record<Lang, ReturnType<typeof invitationNoteIn>>

export interface GuideInvitationsPageProps {
  assets: Assets
  guide: { slug: string; title: string }
  invitations: InvitationRow[]
  /** The link just made: shown this once, never again. */
  created?:
    | {
        url: string
        role: string
        expiresAt: Date
        maxUses: number
        note: string
        emailed?: string[] | undefined
      }
    | undefined
  /** Whether the instance sends mail: then the link can also go to a list of addresses. */
  mailEnabled?: boolean
  values?: Record<string, string>
  problems?: FormProblems | undefined
  /** The interface language; the request's where the route does not say. */
  language?: Lang | undefined
}

/** Where an invitation stands, as `people.invitations.state` names it. */
const stateOf = (i: InvitationRow, now: Date) =>
  i.revokedAt ? 'withdrawn' : i.expiresAt <= now ? 'expired' : i.uses >= i.maxUses ? 'usedUp' : 'open'

export const GuideInvitationsPage = (p: GuideInvitationsPageProps) => {
  const language = p.language ?? requestLanguage()
  const t = translator(language)
  const now = new Date()
  const role = p.values?.role ?? 'reviewer'
  const roleError = p.problems?.fields.find((f) => f.name === 'role')?.message
  const created = p.created
  const link =
    created &&
    t('people.invitations.linkFor', {
      role: created.role,
      label: roleLabel(created.role, language).toLowerCase(),
    })
  return (
    <Layout
      title={t(p.problems ? 'people.invitations.titleError' : 'people.invitations.title', {
        title: p.guide.title,
      })}
      assets={p.assets}
      guide={p.guide}
      language={language}
    >
      <ErrorSummary problems={p.problems} language={language} />
      <h1>{t('people.invitations.heading', { title: p.guide.title })}</h1>
      <p>
        <a href={guidePath(p.guide.slug)}>{t('people.invitations.readGuide')}</a> ·{' '}
        <a href={participantsPath(p.guide.slug)}>{t('people.invitations.participants')}</a>
      </p>

      {created && link ? (
        <section aria-labelledby="created-title" class="notice">
          <h2 id="created-title">{t('people.invitations.created')}</h2>
          <CopyField
            id="invitation-link"
            label={created.note ? t('people.invitations.linkForNote', { link, note: created.note }) : link}
            value={created.url}
            copy={t('people.invitations.copy')}
            hint={
              <>
                {rich(t('people.invitations.createdHint', { count: created.maxUses, time: slot('time') }), {
                  time: <Time at={created.expiresAt} language={language} />,
                })}
              </>
            }
          />
          {created.emailed ? (
            <p>
              {t('people.invitations.emailed', {
                count: created.emailed.length,
                addresses: created.emailed.join(', '),
              })}
            </p>
          ) : null}
        </section>
      ) : null}

      <section aria-labelledby="new-title">
        <h2 id="new-title">{t('people.invitations.make')}</h2>
        <form method="post" action={invitationsPath(p.guide.slug)} class="form">
          <fieldset
            class={roleError ? 'field field-invalid' : 'field'}
            aria-describedby={roleError ? 'role-error' : undefined}
          >
            <legend>{t('people.invitations.role')}</legend>
            {roleError ? (
              <p class="field-error" id="role-error">
                <span class="visually-hidden">{t('form.errorPrefix')} </span>
                {roleError}
              </p>
            ) : null}
            <div class="choice">
              <input type="radio" id="role" name="role" value="reviewer" checked={role !== 'editor'} />
              <label for="role">{t('people.invitations.reviewer')}</label>
            </div>
            <div class="choice">
              <input type="radio" id="role-editor" name="role" value="editor" checked={role === 'editor'} />
              <label for="role-editor">{t('people.invitations.editor')}</label>
            </div>
          </fieldset>
          <Field
            name="note"
            label={t('people.invitations.note')}
            hint={t('people.invitations.noteHint')}
            value={p.values?.note}
            maxlength={200}
            problems={p.problems}
            language={language}
          />
          {p.mailEnabled ? (
            <TextArea
              name="emails"
              label={t('people.invitations.emails')}
              hint={t('people.invitations.emailsHint')}
              value={p.values?.emails}
              maxlength={15_000}
              problems={p.problems}
              language={language}
            />
          ) : null}
          <Field
            name="expiresInDays"
            label={t('people.invitations.days')}
            type="number"
            hint={t('people.invitations.daysHint')}
            value={p.values?.expiresInDays ?? '14'}
            min={1}
            max={90}
            required
            problems={p.problems}
            language={language}
          />
          <Field
            name="maxUses"
            label={t('people.invitations.maxUses')}
            type="number"
            hint={t('people.invitations.maxUsesHint')}
            value={p.values?.maxUses ?? ''}
            min={1}
            max={10000}
            problems={p.problems}
            language={language}
          />
          <button type="submit" class="button">
            {t('people.invitations.submit')}
          </button>
        </form>
      </section>

      <section aria-labelledby="list-title">
        <h2 id="list-title">{t('people.invitations.list')}</h2>
        {p.invitations.length === 0 ? (
          <p>{t('people.invitations.none')}</p>
        ) : (
          <div class="table-scroll">
            <table class="data-table stacks">
              <thead>
                <tr>
                  <th scope="col">{t('people.invitations.colRole')}</th>
                  <th scope="col">{t('people.invitations.colFor')}</th>
                  <th scope="col">{t('people.invitations.colState')}</th>
                  <th scope="col">{t('people.invitations.colUsed')}</th>
                  <th scope="col">{t('people.invitations.colExpires')}</th>
                  <th scope="col">{t('people.invitations.colMadeBy')}</th>
                  <th scope="col">
                    <span class="visually-hidden">{t('people.invitations.colActions')}</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {p.invitations.map((i) => (
                  <tr>
                    <th scope="row" id={`invitation-${i.id}`}>
                      {rich(
                        t('people.invitations.rowTitle', {
                          role: i.role,
                          label: roleLabel(i.role, language),
                          time: slot('time'),
                        }),
                        { time: <Time at={i.createdAt} language={language} /> },
                      )}
                    </th>
                    <td data-label={t('people.invitations.colFor')}>{i.note}</td>
                    <td data-label={t('people.invitations.colState')}>
                      {t('people.invitations.state', { state: stateOf(i, now) })}
                    </td>
                    <td data-label={t('people.invitations.colUsed')}>
                      {t('people.invitations.used', { uses: String(i.uses), max: String(i.maxUses) })}
                    </td>
                    <td data-label={t('people.invitations.colExpires')}>
                      <Time at={i.expiresAt} language={language} />
                    </td>
                    <td data-label={t('people.invitations.colMadeBy')}>{i.createdBy}</td>
                    <td>
                      {i.revokedAt ? null : (
                        <ButtonForm
                          action={revokeInvitationPath(p.guide.slug, i.id)}
                          label={t('people.invitations.withdraw')}
                          variant="danger"
                          describedBy={`invitation-${i.id}`}
                        />
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
    </Layout>
  )
}
