import type { EditionState } from '../../kernel/words.ts'
import { ALLOWED } from '../transition.service.ts'
import type { Assets } from '../../platform/http/assets.ts'
import { stateLabel } from '../../guides/pages/home.page.tsx'
import { Layout } from '../../site/layout.tsx'
import { ErrorSummary, StatusMessage, Time, errorFor, type FormProblems } from '../../site/form.tsx'
import { EditorNav } from './editor-nav.tsx'
import { shownTimeZone } from '../../site/time-zone.ts'
import { editionPath, guideSettingsPath } from '../../guides/urls.ts'
import { editorPaths, transitionPath } from '../urls.ts'
import { invitationsPath } from '../../people/urls.ts'
import { redlinePath, reportPath } from '../../reports/urls.ts'
import { triagePath } from '../../decisions/urls.ts'

export interface ManagedEdition {
  number: number
  state: EditionState
  title: string
  opensAt: Date | null
  closesAt: Date | null
  createdAt: Date
  publishedAt: Date | null
  blockCount: number
}

/** A transition form refused: which edition's, what was typed, and why. */
export interface FailedTransition {
  number: number
  values: Record<string, string>
  problems: FormProblems
}

export interface ManagePageProps {
  assets: Assets
  guide: { slug: string; title: string }
  editions: ManagedEdition[]
  draft?: { updatedAt: Date; outdated: boolean } | undefined
  notice?: string | undefined
  failed?: FailedTransition | undefined
}

/** What each transition is called on its button, and what it means. */
const TRANSITION: Record<
  EditionState,
  Partial<Record<'open' | 'closed' | 'published', { label: string; hint: string }>>
> = {
  draft: {
    open: { label: 'Open for consultation', hint: 'Anyone can read it; reviewers can comment.' },
    published: {
      label: 'Publish without consultation',
      hint: 'The final text, for everyone. This cannot be undone.',
    },
  },
  open: { closed: { label: 'Close the consultation now', hint: 'Feedback becomes read-only.' } },
  closed: {
    open: { label: 'Reopen the consultation', hint: 'Reviewers can comment again.' },
    published: { label: 'Publish as the final text', hint: 'This cannot be undone.' },
  },
  published: {},
}

export const ManagePage = (p: ManagePageProps) => {
  const newest = p.editions[p.editions.length - 1]
  const next = (newest?.number ?? 0) + 1
  return (
    <Layout
      title={`${p.failed ? 'Error: ' : ''}Editions: ${p.guide.title} · Gloss`}
      assets={p.assets}
      guide={p.guide}
    >
      <ErrorSummary problems={p.failed?.problems} prefix={p.failed ? `e${String(p.failed.number)}-` : ''} />
      <h1>Editions of “{p.guide.title}”</h1>
      <EditorNav slug={p.guide.slug} current="manage" />
      <p>
        <a href={guideSettingsPath(p.guide.slug)}>Settings</a>: the title, reviewers’ names, moderation.
      </p>
      <StatusMessage>{p.notice}</StatusMessage>
      {p.editions.length === 1 && newest?.state === 'draft' ? (
        <FirstSteps slug={p.guide.slug} number={newest.number} />
      ) : null}

      <section aria-labelledby="revise-title" class="editor-panel">
        <h2 id="revise-title">The next edition</h2>
        {p.draft?.outdated ? (
          <p class="warning">
            The working draft began before edition {newest?.number ?? ''} was created. Open it to discard it
            and start again from edition {newest?.number ?? ''}.
          </p>
        ) : p.draft ? (
          <p>
            A working draft of edition {next} is under way, last changed <Time at={p.draft.updatedAt} />.
          </p>
        ) : (
          <p>Revise the newest edition paragraph by paragraph, or upload a revised text.</p>
        )}
        <p>
          <a class="button" href={editorPaths(p.guide.slug).revise}>
            {p.draft && !p.draft.outdated
              ? `Go on revising into edition ${next}`
              : `Revise into edition ${next}`}
          </a>
        </p>
      </section>

      <h2>Editions, newest first</h2>
      <ol class="edition-list" reversed>
        {[...p.editions].reverse().map((e) => (
          <EditionCard
            slug={p.guide.slug}
            edition={e}
            previous={p.editions.some((o) => o.number === e.number - 1)}
            failed={p.failed?.number === e.number ? p.failed : undefined}
          />
        ))}
      </ol>
    </Layout>
  )
}

/** A guide just imported has one edition, a draft nobody else can read: what it needs before anyone comments. */
const FirstSteps = (p: { slug: string; number: number }) => {
  const n = String(p.number)
  return (
    <section aria-labelledby="first-steps-title" class="editor-panel first-steps">
      <h2 id="first-steps-title">Before anyone can comment</h2>
      <p>Edition {n} is a draft: only its editors can read it.</p>
      <ol>
        <li>
          <a href={invitationsPath(p.slug)}>Make an invitation link for your reviewers</a>, and send it to
          them yourself.
        </li>
        <li>
          <a href={`#edition-${n}`}>Open edition {n} for consultation</a>, now or from a time you choose.
        </li>
      </ol>
    </section>
  )
}

const Window = ({ e }: { e: ManagedEdition }) =>
  e.opensAt === null && e.closesAt === null ? (
    <>not opened yet</>
  ) : e.opensAt === null ? (
    <>until {e.closesAt ? <Time at={e.closesAt} /> : null}</>
  ) : (
    <>
      <Time at={e.opensAt} /> to {e.closesAt ? <Time at={e.closesAt} /> : 'when you close it'}
    </>
  )

const EditionCard = (p: {
  slug: string
  edition: ManagedEdition
  previous: boolean
  failed?: FailedTransition | undefined
}) => {
  const e = p.edition
  const n = String(e.number)
  return (
    <li class="edition-card" id={`edition-${n}`}>
      <h3>
        Edition {n} <span class={`badge state-${e.state}`}>{stateLabel(e.state)}</span>
      </h3>
      <dl class="edition-facts">
        <div>
          <dt>Consultation</dt>
          <dd>
            <Window e={e} />
          </dd>
        </div>
        <div>
          <dt>Blocks</dt>
          <dd>{e.blockCount.toLocaleString('en')}</dd>
        </div>
        <div>
          <dt>Created</dt>
          <dd>
            <Time at={e.createdAt} />
          </dd>
        </div>
        {e.publishedAt ? (
          <div>
            <dt>Published</dt>
            <dd>
              <Time at={e.publishedAt} />
            </dd>
          </div>
        ) : null}
      </dl>
      <ul class="edition-links">
        <li>
          <a href={editionPath(p.slug, e.number)}>Read edition {n}</a>
        </li>
        <li>
          <a href={triagePath(p.slug, e.number)}>Triage its feedback</a>
        </li>
        {e.state === 'published' ? (
          <li>
            <a href={reportPath(p.slug, e.number)}>“You said, we did” report</a>
          </li>
        ) : null}
        {p.previous ? (
          <li>
            <a href={redlinePath(p.slug, e.number - 1, e.number)}>
              Redline from edition {String(e.number - 1)}
            </a>
          </li>
        ) : null}
      </ul>
      {ALLOWED[e.state].length > 0 ? (
        <div class="transitions">
          {ALLOWED[e.state].map((to) => (
            <TransitionForm slug={p.slug} edition={e} to={to} failed={p.failed} />
          ))}
        </div>
      ) : null}
    </li>
  )
}

/** One end of the consultation window: a UTC date and time, with the reason it was refused if it was. */
const WindowField = (p: {
  id: string
  name: 'opensAt' | 'closesAt'
  label: string
  hint: string
  failed?: FailedTransition | undefined
}) => {
  const error = errorFor(p.failed?.problems, p.name)
  return (
    <div class={error ? 'field field-invalid' : 'field'}>
      <label for={p.id}>{p.label}</label>
      <p class="field-hint" id={`${p.id}-hint`}>
        {p.hint}
      </p>
      {error ? (
        <p class="field-error" id={`${p.id}-error`}>
          <span class="visually-hidden">Error: </span>
          {error}
        </p>
      ) : null}
      <input
        type="datetime-local"
        id={p.id}
        name={p.name}
        value={p.failed?.values[p.name]}
        aria-describedby={`${p.id}-hint${error ? ` ${p.id}-error` : ''}`}
        aria-invalid={error ? 'true' : undefined}
      />
    </div>
  )
}

const TransitionForm = (p: {
  slug: string
  edition: ManagedEdition
  to: EditionState
  failed?: FailedTransition | undefined
}) => {
  const what = TRANSITION[p.edition.state][p.to as 'open' | 'closed' | 'published']
  if (!what) return null
  const n = String(p.edition.number)
  const id = `e${n}-${p.to}`
  const zone = shownTimeZone()
  return (
    <form method="post" action={transitionPath(p.slug, p.edition.number)} class="form transition-form">
      <input type="hidden" name="to" value={p.to} />
      {p.to === 'open' ? (
        <>
          <WindowField
            id={`e${n}-opensAt`}
            name="opensAt"
            label="Comments open at (optional)"
            hint={`The time in ${zone}, as its clocks show it, summer time included. Leave it empty to open now.`}
            failed={p.failed}
          />
          <WindowField
            id={`e${n}-closesAt`}
            name="closesAt"
            label="Comments close at (optional)"
            hint={`In ${zone} too. Leave it empty to keep the consultation open until you close it.`}
            failed={p.failed}
          />
        </>
      ) : null}
      <p class="field-hint" id={`${id}-hint`}>
        {what.hint}
      </p>
      <button
        type="submit"
        class={p.to === 'published' ? 'button button-secondary' : 'button'}
        aria-describedby={`${id}-hint`}
      >
        {what.label}
        <span class="visually-hidden"> (edition {n})</span>
      </button>
    </form>
  )
}
