import type { Assets } from '../../platform/http/assets.ts'
import { Layout } from '../../site/layout.tsx'
import { AdminNav } from './admin-nav.tsx'
import { Time } from '../../site/form.tsx'
import { auditSentence } from './audit-sentence.ts'

export interface AuditRow {
  id: string
  at: Date
  action: string
  subject: string
  detail: Record<string, unknown>
  address: string
  actorName: string | null
  guideSlug: string | null
  commentAuthorName?: string | null
  subjectPersonName?: string | null
}

/** The audit log, newest first, a hundred entries a page. */
export const AuditPage = (p: { assets: Assets; items: AuditRow[]; next: string | null; older: boolean }) => (
  <Layout title="Audit log · Gloss" assets={p.assets}>
    <AdminNav current="/admin/audit" />
    <h1>Audit log</h1>
    {p.items.length === 0 ? (
      <p class="notice">Nothing has been recorded{p.older ? ' before these entries' : ''}.</p>
    ) : (
      <ol class="audit-log">
        {p.items.map((row) => {
          const { who, did, why } = auditSentence(row)
          return (
            <li>
              {who} {did} on <Time at={row.at} />
              {why ? `: ${why}` : ''}.{row.address ? <span class="muted"> From {row.address}.</span> : null}
            </li>
          )
        })}
      </ol>
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
