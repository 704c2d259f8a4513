import type { EditionState } from '../../kernel/words.ts'
import { ALLOWED, scheduled } from '../transition.service.ts'
import type { Assets } from '../../platform/http/assets.ts'
import { stateLabel } from '../../guides/pages/home.page.tsx'
import { Layout } from '../../site/layout.tsx'
import { ErrorSummary, StatusMessage, Time, errorFor, type FormProblems } from '../../site/form.tsx'
import { EditorNav } from './editor-nav.tsx'
import {
  TextLanguages,
  TranslationForm,
  translationPrefix,
  type FailedTranslation,
} from './translation-form.tsx'
import { shownTimeZone } from '../../site/time-zone.ts'
import { editionPath, guideSettingsPath } from '../../guides/urls.ts'
import { editorPaths, transitionPath } from '../urls.ts'
import { invitationsPath } from '../../people/urls.ts'
import { redlinePath, reportPath } from '../../reports/urls.ts'
import { triagePath } from '../../decisions/urls.ts'
import type { Lang } from '../../platform/i18n/languages.ts'
import { formatNumber, translator, type MessageKey, type Translate } from '../../platform/i18n/messages.ts'
import { Passage, rich, slot } from '../../site/rich-message.tsx'

export interface ManagedEdition {
  number: number
  state: EditionState
  title: string
  opensAt: Date | null
  closesAt: Date | null
  createdAt: Date
  publishedAt: Date | null
  blockCount: number
  /** The languages its text is in, its own first. */
  texts: string[]
  /** Paragraphs changed since the edition before in its own text or a translation but not both. */
  oneSided: { lang: string; blockNumber: string; changed: 'edition' | 'translation' }[]
  /** The edition before's texts in languages this one lacks, offered in its translation form. */
  carried: { lang: string; source: string }[]
}

/**
 * Each language's paragraphs changed on one side only, flagged to the editor: a translation left as
 * it was where the text moved on, or the reverse. Languages named in the editor's language.
 */
const OneSidedChanges = (p: { e: ManagedEdition; language: Lang }) => {
  if (p.e.oneSided.length === 0) return null
  const t = translator(p.language)
  const names = new Intl.DisplayNames([p.language], { type: 'language' })
  const groups = new Map<string, string[]>()
  for (const c of p.e.oneSided) {
    const group = `${c.lang} ${c.changed}`
    groups.set(group, [...(groups.get(group) ?? []), c.blockNumber])
  }
  return (
    <>
      {[...groups].map(([group, numbers]) => {
        const [lang = '', changed] = group.split(' ')
        return (
          <p class="warning">
            {t(changed === 'edition' ? 'editor.oneSided.edition' : 'editor.oneSided.translation', {
              original: names.of(p.e.texts[0] ?? '') ?? '',
              translation: names.of(lang) ?? lang,
              before: p.e.number - 1,
              count: numbers.length,
              numbers: numbers.join(', '),
            })}
          </p>
        )
      })}
    </>
  )
}

/** A transition form refused: which edition's, what was typed, and why. */
export interface FailedTransition {
  number: number
  values: Record<string, string>
  problems: FormProblems
}

export interface ManagePageProps {
  assets: Assets
  guide: { slug: string; title: string; lang: string }
  editions: ManagedEdition[]
  draft?: { updatedAt: Date; outdated: boolean } | undefined
  notice?: string | undefined
  failed?: FailedTransition | undefined
  /** A translation form refused, shown open again on its edition. */
  failedTranslation?: FailedTranslation | undefined
  /** The interface language; the guide's title keeps its own (`guide.lang`). */
  language: Lang
}

type Move = 'open' | 'closed' | 'published'

/** What each transition is called on its button, and what it means. */
const TRANSITION: Record<EditionState, Partial<Record<Move, { label: MessageKey; hint: MessageKey }>>> = {
  draft: {
    open: { label: 'editor.transition.open', hint: 'editor.transition.openHint' },
    published: { label: 'editor.transition.publishNow', hint: 'editor.transition.publishNowHint' },
  },
  open: { closed: { label: 'editor.transition.close', hint: 'editor.transition.closeHint' } },
  closed: {
    open: { label: 'editor.transition.reopen', hint: 'editor.transition.reopenHint' },
    published: { label: 'editor.transition.publish', hint: 'editor.transition.publishHint' },
  },
  published: {},
}

/** A consultation not yet begun: it may be given new dates, or cancelled with no one's say taken away. */
const SCHEDULED: Partial<Record<Move, { label: MessageKey; hint: MessageKey }>> = {
  open: { label: 'editor.transition.reschedule', hint: 'editor.transition.rescheduleHint' },
  closed: { label: 'editor.transition.cancel', hint: 'editor.transition.cancelHint' },
}

export const ManagePage = (p: ManagePageProps) => {
  const newest = p.editions[p.editions.length - 1]
  const next = (newest?.number ?? 0) + 1
  const language = p.language
  const t = translator(language)
  const refused = p.failed
    ? { problems: p.failed.problems, prefix: `e${String(p.failed.number)}-` }
    : p.failedTranslation
      ? { problems: p.failedTranslation.problems, prefix: translationPrefix(p.failedTranslation.number) }
      : undefined
  return (
    <Layout
      title={t(refused ? 'editor.manage.titleError' : 'editor.manage.title', { title: p.guide.title })}
      assets={p.assets}
      guide={p.guide}
      language={language}
    >
      <ErrorSummary problems={refused?.problems} prefix={refused?.prefix ?? ''} language={language} />
      <h1>
        {rich(t('editor.manage.heading', { title: slot('title') }), {
          title: <Passage text={p.guide.title} lang={p.guide.lang} reader={language} />,
        })}
      </h1>
      <EditorNav slug={p.guide.slug} current="manage" language={language} />
      <p>
        {rich(t('editor.manage.settings', { link: slot('link') }), {
          link: <a href={guideSettingsPath(p.guide.slug)}>{t('editor.manage.settingsLink')}</a>,
        })}
      </p>
      <StatusMessage>{p.notice}</StatusMessage>
      {p.editions.length === 1 && newest?.state === 'draft' ? (
        <FirstSteps slug={p.guide.slug} number={newest.number} t={t} />
      ) : null}

      <section aria-labelledby="revise-title" class="editor-panel">
        <h2 id="revise-title">{t('editor.manage.nextTitle')}</h2>
        {p.draft?.outdated ? (
          <p class="warning">{t('editor.manage.outdated', { number: newest?.number ?? '' })}</p>
        ) : p.draft ? (
          <p>
            {rich(t('editor.manage.underWay', { number: next, time: slot('time') }), {
              time: <Time at={p.draft.updatedAt} language={language} />,
            })}
          </p>
        ) : (
          <p>{t('editor.manage.reviseIntro')}</p>
        )}
        <p>
          <a class="button" href={editorPaths(p.guide.slug).revise}>
            {t(p.draft && !p.draft.outdated ? 'editor.manage.goOn' : 'editor.manage.revise', {
              number: next,
            })}
          </a>
        </p>
      </section>

      <h2>{t('editor.manage.editionsTitle')}</h2>
      <ol class="edition-list" reversed>
        {[...p.editions].reverse().map((e) => (
          <EditionCard
            slug={p.guide.slug}
            edition={e}
            previous={p.editions.some((o) => o.number === e.number - 1)}
            superseded={p.editions.some(
              (o) => o.number > e.number && (o.state === 'open' || o.state === 'published'),
            )}
            newerPublished={p.editions.some((o) => o.number > e.number && o.state === 'published')}
            guideLang={p.guide.lang}
            failed={p.failed?.number === e.number ? p.failed : undefined}
            failedTranslation={p.failedTranslation?.number === e.number ? p.failedTranslation : undefined}
            language={language}
          />
        ))}
      </ol>
    </Layout>
  )
}

/** A guide just imported has one edition, a draft nobody else can read: what it needs before anyone comments. */
const FirstSteps = (p: { slug: string; number: number; t: Translate }) => {
  const { t } = p
  return (
    <section aria-labelledby="first-steps-title" class="editor-panel first-steps">
      <h2 id="first-steps-title">{t('editor.firstSteps.title')}</h2>
      <p>{t('editor.firstSteps.draft', { number: p.number })}</p>
      <ol>
        <li>
          {rich(t('editor.firstSteps.invite', { link: slot('link') }), {
            link: <a href={invitationsPath(p.slug)}>{t('editor.firstSteps.inviteLink')}</a>,
          })}
        </li>
        <li>
          {rich(t('editor.firstSteps.open', { link: slot('link') }), {
            link: (
              <a href={`#edition-${String(p.number)}`}>
                {t('editor.firstSteps.openLink', { number: p.number })}
              </a>
            ),
          })}
        </li>
      </ol>
    </section>
  )
}

const Window = ({ e, language }: { e: ManagedEdition; language: Lang }) => {
  const t = translator(language)
  const time = (at: Date) => <Time at={at} language={language} />
  // Published straight from draft: there was no consultation, and none will come.
  if (e.opensAt === null && e.state === 'published') return <>{t('editor.window.none')}</>
  if (e.opensAt === null)
    return e.closesAt === null ? (
      <>{t('editor.window.notOpened')}</>
    ) : (
      <>{rich(t('editor.window.until', { close: slot('close') }), { close: time(e.closesAt) })}</>
    )
  return e.closesAt === null ? (
    <>{rich(t('editor.window.openEnded', { open: slot('open') }), { open: time(e.opensAt) })}</>
  ) : (
    <>
      {rich(t('editor.window.between', { open: slot('open'), close: slot('close') }), {
        open: time(e.opensAt),
        close: time(e.closesAt),
      })}
    </>
  )
}

const EditionCard = (p: {
  slug: string
  edition: ManagedEdition
  previous: boolean
  /** A later edition is open or published: this one is not offered to open again (transition.service.ts). */
  superseded: boolean
  /** A later edition is published: this one is not offered to publish (transition.service.ts refuses it). */
  newerPublished: boolean
  guideLang: string
  failed?: FailedTransition | undefined
  failedTranslation?: FailedTranslation | undefined
  language: Lang
}) => {
  const e = p.edition
  const n = String(e.number)
  // Only the moves the server would make: it refuses to open (or reschedule) an edition a later one
  // superseded, and to publish one older than a published edition.
  const transitions = (scheduled(e) ? (['open', 'closed'] as const) : ALLOWED[e.state]).filter(
    (to) => (to !== 'open' || !p.superseded) && (to !== 'published' || !p.newerPublished),
  )
  const language = p.language
  const t = translator(language)
  return (
    <li class="edition-card" id={`edition-${n}`}>
      <h3>
        {t('reading.edition', { number: e.number })}{' '}
        <span class={`badge state-${e.state}`}>{stateLabel(e.state, language)}</span>
      </h3>
      <dl class="edition-facts">
        <div>
          <dt>{t('editor.edition.consultation')}</dt>
          <dd>
            <Window e={e} language={language} />
          </dd>
        </div>
        <div>
          <dt>{t('editor.edition.blocks')}</dt>
          <dd>{formatNumber(language, e.blockCount)}</dd>
        </div>
        <div>
          <dt>{t('editor.edition.texts')}</dt>
          <dd>
            <TextLanguages texts={e.texts} />
            <OneSidedChanges e={e} language={language} />
          </dd>
        </div>
        <div>
          <dt>{t('editor.edition.created')}</dt>
          <dd>
            <Time at={e.createdAt} language={language} />
          </dd>
        </div>
        {e.publishedAt ? (
          <div>
            <dt>{t('editor.edition.published')}</dt>
            <dd>
              <Time at={e.publishedAt} language={language} />
            </dd>
          </div>
        ) : null}
      </dl>
      <ul class="edition-links">
        <li>
          <a href={editionPath(p.slug, e.number)}>{t('editor.edition.read', { number: e.number })}</a>
        </li>
        <li>
          <a href={triagePath(p.slug, e.number)}>{t('editor.edition.triage')}</a>
        </li>
        {e.state === 'published' ? (
          <li>
            <a href={reportPath(p.slug, e.number)}>{t('editor.edition.report')}</a>
          </li>
        ) : null}
        {p.previous ? (
          <li>
            <a href={redlinePath(p.slug, e.number - 1, e.number)}>
              {t('editor.edition.redline', { number: e.number - 1 })}
            </a>
          </li>
        ) : null}
      </ul>
      {transitions.length > 0 ? (
        <div class="transitions">
          {transitions.map((to) => (
            <TransitionForm slug={p.slug} edition={e} to={to} failed={p.failed} language={language} />
          ))}
        </div>
      ) : null}
      <TranslationForm
        slug={p.slug}
        number={e.number}
        guideLang={p.guideLang}
        failed={p.failedTranslation}
        carried={e.carried}
        language={language}
      />
    </li>
  )
}

/** One end of the consultation window: a date and time in the instance's zone, with the reason it was refused if it was. */
const WindowField = (p: {
  id: string
  name: 'opensAt' | 'closesAt'
  label: string
  hint: string
  failed?: FailedTransition | undefined
  t: Translate
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
          <span class="visually-hidden">{p.t('form.errorPrefix')} </span>
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
  language: Lang
}) => {
  const what = (scheduled(p.edition) ? SCHEDULED : TRANSITION[p.edition.state])[p.to as Move]
  if (!what) return null
  const t = translator(p.language)
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
            label={t('editor.transition.opensAt')}
            hint={t('editor.transition.opensAtHint', { zone })}
            failed={p.failed}
            t={t}
          />
          <WindowField
            id={`e${n}-closesAt`}
            name="closesAt"
            label={t('editor.transition.closesAt')}
            hint={t('editor.transition.closesAtHint', { zone })}
            failed={p.failed}
            t={t}
          />
        </>
      ) : null}
      <p class="field-hint" id={`${id}-hint`}>
        {t(what.hint)}
      </p>
      <button
        type="submit"
        class={p.to === 'published' ? 'button button-secondary' : 'button'}
        aria-describedby={`${id}-hint`}
      >
        {t(what.label)}
        <span class="visually-hidden"> {t('editor.transition.which', { number: p.edition.number })}</span>
      </button>
    </form>
  )
}
