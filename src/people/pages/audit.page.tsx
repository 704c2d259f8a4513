import type { Assets } from '../../platform/http/assets.ts'
import { Layout } from '../../site/layout.tsx'
import { AdminNav } from './admin-nav.tsx'
import { Time } from '../../site/form.tsx'

export interface AuditRow {
  id: string
  at: Date
  action: string
  subject: string
  detail: Record<string, unknown>
  address: string
  actorName: string | null
  guideSlug: string | null
}

/** The audit log, newest first, a hundred entries a page. */
export const AuditPage = (p: { assets: Assets; items: AuditRow[]; next: string | null; older: boolean }) => (
  <Layout title="Audit log · Gloss" assets={p.assets}>
    <AdminNav current="/admin/audit" />
    <h1>Audit log</h1>
    {p.items.length === 0 ? (
      <p class="notice">Nothing has been recorded{p.older ? ' before these entries' : ''}.</p>
    ) : (
      <div class="table-scroll">
        <table class="data-table">
          <caption class="visually-hidden">What happened, newest first</caption>
          <thead>
            <tr>
              <th scope="col">When</th>
              <th scope="col">Who</th>
              <th scope="col">What</th>
              <th scope="col">Guide</th>
              <th scope="col">Subject</th>
              <th scope="col">Details</th>
              <th scope="col">Address</th>
            </tr>
          </thead>
          <tbody>
            {p.items.map((row) => (
              <tr>
                <td>
                  <Time at={row.at} />
                </td>
                <td>{row.actorName ?? '—'}</td>
                <td>
                  <code class="audit-action">{row.action}</code>
                </td>
                <td>{row.guideSlug ? <a href={`/g/${row.guideSlug}`}>{row.guideSlug}</a> : ''}</td>
                <td>{row.subject}</td>
                <td>{Object.keys(row.detail).length > 0 ? <code>{JSON.stringify(row.detail)}</code> : ''}</td>
                <td>{row.address}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    )}
    <nav class="pager" aria-label="Audit log pages">
      {p.older ? <a href="/admin/audit">Newest</a> : null}
      {p.next ? (
        <a href={`/admin/audit?cursor=${p.next}`} rel="next">
          Older
        </a>
      ) : null}
    </nav>
  </Layout>
)
