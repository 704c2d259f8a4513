import type { Assets } from '../../platform/http/assets.ts'
import { Layout } from '../../site/layout.tsx'
import { AdminNav } from './admin-nav.tsx'
import { ButtonForm, Time } from '../../site/form.tsx'

export interface PersonRow {
  id: string
  email: string | null
  displayName: string
  organisation: string
  isAdmin: boolean
  createdAt: Date
}

export const AdminPeoplePage = (p: { assets: Assets; people: PersonRow[]; selfId: number }) => (
  <Layout title="People · Gloss" assets={p.assets}>
    <AdminNav current="/admin/people" />
    <h1>People</h1>
    <p>
      Everyone with an account. A reset link lets someone who forgot their password choose a new one; it is
      shown once, for you to hand over.
    </p>
    <div class="table-scroll">
      <table class="data-table">
        <caption class="visually-hidden">People with an account</caption>
        <thead>
          <tr>
            <th scope="col">Name</th>
            <th scope="col">Email</th>
            <th scope="col">Admin</th>
            <th scope="col">Joined</th>
            <th scope="col">Actions</th>
          </tr>
        </thead>
        <tbody>
          {p.people.map((person) => (
            <tr>
              <th scope="row" id={`person-${person.id}`}>
                {person.displayName}
                {String(p.selfId) === person.id ? ' (you)' : ''}
                {person.organisation ? <span class="muted"> · {person.organisation}</span> : null}
              </th>
              <td>{person.email ?? ''}</td>
              <td>{person.isAdmin ? 'Yes' : 'No'}</td>
              <td>
                <Time at={person.createdAt} />
              </td>
              <td class="actions">
                <ButtonForm
                  action={`/admin/people/${person.id}/admin`}
                  hidden={{ isAdmin: person.isAdmin ? 'false' : 'true' }}
                  label={person.isAdmin ? 'Remove admin' : 'Make admin'}
                  variant="secondary"
                  describedBy={`person-${person.id}`}
                />
                <ButtonForm
                  action={`/admin/people/${person.id}/reset-link`}
                  label="Make a reset link"
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
