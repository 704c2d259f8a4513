import type { Assets } from '../../platform/http/assets.ts'
import { Layout } from '../../site/layout.tsx'
import { AdminNav } from './admin-nav.tsx'
import { ButtonForm, Time } from '../../site/form.tsx'
import type { Lang } from '../../platform/i18n/languages.ts'
import { translator } from '../../platform/i18n/messages.ts'
import { requestLanguage } from '../../platform/http/language.tsx'

export interface PersonRow {
  id: string
  email: string | null
  displayName: string
  organisation: string
  isAdmin: boolean
  createdAt: Date
}

export const AdminPeoplePage = (p: {
  assets: Assets
  people: PersonRow[]
  selfId: number
  /** The interface language; the request's where the route does not say. */
  language?: Lang | undefined
}) => {
  const language = p.language ?? requestLanguage()
  const t = translator(language)
  return (
    <Layout title={t('people.admin.title')} assets={p.assets} language={language}>
      <AdminNav current="/admin/people" language={language} />
      <h1>{t('people.admin.heading')}</h1>
      <p>{t('people.admin.intro')}</p>
      <div class="table-scroll">
        <table class="data-table">
          <caption class="visually-hidden">{t('people.admin.caption')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('people.admin.name')}</th>
              <th scope="col">{t('people.admin.email')}</th>
              <th scope="col">{t('people.admin.admin')}</th>
              <th scope="col">{t('people.admin.joined')}</th>
              <th scope="col">{t('people.admin.actions')}</th>
            </tr>
          </thead>
          <tbody>
            {p.people.map((person) => (
              <tr>
                <th scope="row" id={`person-${person.id}`}>
                  {person.displayName}
                  {String(p.selfId) === person.id ? ` ${t('people.admin.you')}` : ''}
                  {person.organisation ? <span class="muted"> · {person.organisation}</span> : null}
                </th>
                <td>{person.email ?? ''}</td>
                <td>{t('people.admin.isAdmin', { admin: person.isAdmin ? 'yes' : 'no' })}</td>
                <td>
                  <Time at={person.createdAt} language={language} />
                </td>
                <td class="actions">
                  <ButtonForm
                    action={`/admin/people/${person.id}/admin`}
                    hidden={{ isAdmin: person.isAdmin ? 'false' : 'true' }}
                    label={t(person.isAdmin ? 'people.admin.removeAdmin' : 'people.admin.makeAdmin')}
                    variant="secondary"
                    describedBy={`person-${person.id}`}
                  />
                  <ButtonForm
                    action={`/admin/people/${person.id}/reset-link`}
                    label={t('people.admin.makeResetLink')}
                    variant="secondary"
                    describedBy={`person-${person.id}`}
                  />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </Layout>
  )
}
