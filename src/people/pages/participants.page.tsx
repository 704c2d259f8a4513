import type { Assets } from '../../platform/http/assets.ts'
import { Layout } from '../../site/layout.tsx'
import { roleLabel } from './admin-nav.tsx'
import { ErrorSummary, StatusMessage, TextArea, type FormProblems } from '../../site/form.tsx'
import { guidePath } from '../../guides/urls.ts'
import { introductionPath } from '../urls.ts'
import type { NamesShown } from '../../kernel/words.ts'
import { translator } from '../../platform/i18n/messages.ts'
import { requestLanguage } from '../../platform/http/language.ts'

export interface Participant {
  id: string | null
  displayName: string
  organisation: string
  description: string
  role: string
  introduction: string
}

export interface ParticipantsPageProps {
  assets: Assets
  guide: { slug: string; title: string; names?: NamesShown | undefined }
  /** Whether this viewer sees everyone's names (else only their own). */
  named: boolean
  items: Participant[]
  /** The viewer, when they take part in this guide: they may introduce themselves. */
  me?: Participant | undefined
  saved?: boolean
  values?: Record<string, string>
  problems?: FormProblems | undefined
}

export const ParticipantsPage = (p: ParticipantsPageProps) => (
  <Layout
    title={`${p.problems ? 'Error: ' : ''}Participants: ${p.guide.title} · Gloss`}
    assets={p.assets}
    guide={p.guide}
  >
    <ErrorSummary problems={p.problems} />
    <h1>Who takes part in “{p.guide.title}”</h1>
    <p>
      <a href={guidePath(p.guide.slug)}>Read the guide</a>
    </p>
    <StatusMessage>{p.saved ? 'Your introduction is saved.' : undefined}</StatusMessage>
    {p.named ? null : p.guide.names === 'pseudonym' ? (
      <p class="notice">{translator(requestLanguage())('participants.pseudonyms')}</p>
    ) : (
      <p class="notice">
        The editors keep participants’ names to themselves for this guide: you see how many take part and in
        which role.
      </p>
    )}
    {p.items.length === 0 ? (
      <p>Nobody has joined yet.</p>
    ) : (
      <ul class="participant-list">
        {p.items.map((person) => (
          <li>
            <p class="participant-name">
              <strong>{person.displayName}</strong>
              {person.organisation ? <> · {person.organisation}</> : null}{' '}
              <span class="badge">{roleLabel(person.role)}</span>
            </p>
            {person.description ? <p>{person.description}</p> : null}
            {person.introduction ? <p class="introduction">{person.introduction}</p> : null}
          </li>
        ))}
      </ul>
    )}
    {p.me ? (
      <section aria-labelledby="introduce-title">
        <h2 id="introduce-title">Introduce yourself</h2>
        <form method="post" action={introductionPath(p.guide.slug)} class="form">
          <TextArea
            name="introduction"
            label="Your introduction"
            hint="Why you take part in this guide, in a few lines. At most 1,000 characters."
            value={p.values?.introduction ?? p.me.introduction}
            maxlength={1000}
            rows={5}
            problems={p.problems}
          />
          <button type="submit" class="button">
            Save introduction
          </button>
        </form>
      </section>
    ) : null}
  </Layout>
)
