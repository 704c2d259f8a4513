import type { Lang } from '../../platform/i18n/languages.ts'
import { formatNumber, translator } from '../../platform/i18n/messages.ts'
import { errorFor, Field, TextArea, type FormProblems } from '../../site/form.tsx'
import { sectionId, triageUrl, type TriageView } from '../../decisions/urls.ts'
import type { TriageTheme } from '../theme-triage.service.ts'
import { MAX_BULK, MAX_DESCRIPTION, MAX_NAME, MAX_RESPONSE } from '../theme.schemas.ts'
import { themeCreatePath, themeDeletePath, themePath, themeTagPath, themeUntagPath } from '../urls.ts'

/** A refused theme form, shown again with what was typed. */
export interface ThemeFailure {
  form: string
  values: Record<string, string>
  problems: FormProblems
}

interface PanelProps {
  language: Lang
  slug: string
  number: number
  view: TriageView
  /** Its suggestions are null until asked for (`?suggest=1`). */
  themes: { items: TriageTheme[]; suggestions: { phrase: string; commentIds: string[] }[] | null }
  /** The edition's blocks in reading order, for where each theme falls. */
  blocks: readonly { key: string; number: string; page: number | null }[]
  /** Every comment the filters show, on every page: what the bulk form tags. */
  shownIds: readonly string[]
  /** The page of the list shown, so a link to a paragraph on it stays on it. */
  page: number
  /** The filters to keep in each form's action. */
  keep: string
  failed?: ThemeFailure | undefined
}

/** The height of a theme's row of bars, in the units of its viewBox (one per block, as the heat strip). */
const ROW = 12

/**
 * The themes panel of the triage page, without script: each theme with its count, where it falls on
 * this edition (a row of bars under the heat strip's, and the same as words and links), a filter link
 * and its one response; a form tagging every comment the filters show; a new theme; suggested themes,
 * each created with its comments by one button.
 */
export const TriageThemes = (p: PanelProps) => {
  const t = translator(p.language)
  const n = (count: number) => formatNumber(p.language, count)
  const failed = p.failed
  const problemsOf = (form: string) => (failed?.form === form ? failed.problems : undefined)
  const valueOf = (form: string, name: string, otherwise: string) =>
    failed?.form === form ? (failed.values[name] ?? otherwise) : otherwise
  const order = new Map(p.blocks.map((b, i) => [b.key, i]))
  const blockOf = new Map(p.blocks.map((b) => [b.key, b]))
  const place = (key: string | null) =>
    key === null
      ? t('themes.generalDiscussion')
      : t('themes.paragraph', { number: blockOf.get(key)?.number ?? '?' })
  const href = (key: string | null) => {
    const anchor = key === null ? 'general' : sectionId(key)
    const page = key === null ? null : (blockOf.get(key)?.page ?? null)
    return page === null || page === p.page
      ? `#${anchor}`
      : triageUrl(p.slug, p.number, { ...p.view, page }, { anchor })
  }
  const tagProblems = problemsOf('theme-tag')
  const tagError = errorFor(tagProblems, 'commentIds') ?? errorFor(tagProblems, 'themeId')
  const tooMany = p.shownIds.length > MAX_BULK
  return (
    <section class="triage-themes" id="themes" aria-labelledby="themes-title">
      <h2 id="themes-title">{t('themes.title')}</h2>
      <p class="field-hint">{t('themes.hint')}</p>
      {p.themes.items.length === 0 ? <p>{t('themes.none')}</p> : null}
      <ol class="theme-list">
        {p.themes.items.map((theme) => {
          const places = [...theme.places].sort(
            (a, b) =>
              (a.blockKey === null ? -1 : (order.get(a.blockKey) ?? Infinity)) -
              (b.blockKey === null ? -1 : (order.get(b.blockKey) ?? Infinity)),
          )
          const most = Math.max(1, ...places.map((x) => x.count))
          const form = `theme-${theme.id}`
          return (
            <li class="theme" id={`t${theme.id}`} aria-labelledby={`t${theme.id}-title`}>
              <h3 id={`t${theme.id}-title`}>
                {theme.name} <span class="theme-count">({t('themes.count', { count: theme.count })})</span>
              </h3>
              {theme.description ? (
                <p class="theme-description" dir="auto">
                  {theme.description}
                </p>
              ) : null}
              <svg
                class="theme-bars"
                viewBox={`0 0 ${String(Math.max(1, p.blocks.length))} ${String(ROW)}`}
                preserveAspectRatio="none"
                role="img"
                aria-label={t('themes.picture', { name: theme.name })}
              >
                {places.flatMap((x) => {
                  const at = x.blockKey === null ? undefined : order.get(x.blockKey)
                  if (at === undefined) return []
                  const tall = 3 + ((ROW - 3) * x.count) / most
                  return [<rect class="theme-bar" x={at + 0.1} y={ROW - tall} width={0.8} height={tall} />]
                })}
              </svg>
              <p class="theme-places">
                {places.length === 0 ? (
                  t('themes.placesNone')
                ) : (
                  <>
                    {t('themes.places')}{' '}
                    {places.map((x, i) => (
                      <>
                        {i > 0 ? ', ' : ''}
                        <a href={href(x.blockKey)}>
                          {t('themes.placeCount', { place: place(x.blockKey), count: n(x.count) })}
                        </a>
                      </>
                    ))}
                  </>
                )}{' '}
                ·{' '}
                <a href={triageUrl(p.slug, p.number, { ...p.view, page: 1, theme: Number(theme.id) })}>
                  {t('themes.showOnly', { name: theme.name })}
                </a>
              </p>
              <form
                method="post"
                action={`${themePath(p.slug, p.number, theme.id)}${p.keep}`}
                class="theme-response"
              >
                <TextArea
                  name="response"
                  prefix={`${form}-`}
                  label={t('themes.response.label', { name: theme.name })}
                  value={valueOf(form, 'response', theme.response)}
                  rows={3}
                  maxlength={MAX_RESPONSE}
                  problems={problemsOf(form)}
                  language={p.language}
                />
                <button type="submit" class="button button-secondary">
                  {t('themes.response.save')}
                </button>
              </form>
              <ThemeEdit {...p} theme={theme} failed={failed} />
            </li>
          )
        })}
      </ol>

      {p.themes.items.length > 0 && p.shownIds.length > 0 ? (
        <form
          method="post"
          action={`${themeTagPath(p.slug, p.number)}${p.keep}`}
          class="theme-tag"
          aria-labelledby="theme-tag-title"
        >
          <h3 id="theme-tag-title">{t('themes.tag.title')}</h3>
          <p class={tagError ? 'field-hint field-error' : 'field-hint'} id="theme-tag-commentIds">
            {tagError ??
              (tooMany
                ? t('themes.tag.tooMany', { count: n(p.shownIds.length), most: n(MAX_BULK) })
                : t('themes.tag.hint', { count: p.shownIds.length }))}
          </p>
          {tooMany ? null : (
            <>
              <input type="hidden" name="commentIds" value={p.shownIds.join(',')} />
              <ThemeChoice
                id="theme-tag-themeId"
                label={t('themes.tag.theme')}
                language={p.language}
                themes={p.themes.items}
                value={valueOf('theme-tag', 'themeId', '')}
              />
              <button type="submit" class="button">
                {t('themes.tag.submit', { count: p.shownIds.length })}
              </button>
            </>
          )}
        </form>
      ) : null}

      <form
        method="post"
        action={`${themeCreatePath(p.slug, p.number)}${p.keep}`}
        class="theme-new"
        aria-labelledby="theme-new-title"
      >
        <h3 id="theme-new-title">{t('themes.new.title')}</h3>
        <Field
          name="name"
          prefix="theme-new-"
          label={t('themes.new.name')}
          value={valueOf('theme-new', 'name', '')}
          maxlength={MAX_NAME}
          required
          problems={problemsOf('theme-new')}
          language={p.language}
        />
        <TextArea
          name="description"
          prefix="theme-new-"
          label={t('themes.new.description')}
          value={valueOf('theme-new', 'description', '')}
          rows={2}
          maxlength={MAX_DESCRIPTION}
          problems={problemsOf('theme-new')}
          language={p.language}
        />
        <button type="submit" class="button">
          {t('themes.new.submit')}
        </button>
      </form>

      <section class="theme-suggestions" aria-labelledby="theme-suggestions-title">
        <h3 id="theme-suggestions-title">{t('themes.suggested.title')}</h3>
        <p class="field-hint">{t('themes.suggested.hint')}</p>
        {p.themes.suggestions === null ? (
          <p>
            <a
              href={triageUrl(
                p.slug,
                p.number,
                { ...p.view, page: p.page, suggest: true },
                { anchor: 'theme-suggestions-title' },
              )}
            >
              {t('themes.suggested.find')}
            </a>
          </p>
        ) : p.themes.suggestions.length === 0 ? (
          <p>{t('themes.suggested.none')}</p>
        ) : (
          <ul>
            {p.themes.suggestions.map((s) => (
              <li>
                <form
                  method="post"
                  action={`${themeCreatePath(p.slug, p.number)}${p.keep}`}
                  class="inline-form"
                >
                  <input type="hidden" name="name" value={s.phrase} />
                  <input type="hidden" name="commentIds" value={s.commentIds.join(',')} />
                  <span dir="auto">“{s.phrase}”</span> ({t('themes.count', { count: s.commentIds.length })}){' '}
                  <button type="submit" class="button button-secondary">
                    {t('themes.suggested.create', { phrase: s.phrase })}
                  </button>
                </form>
              </li>
            ))}
          </ul>
        )}
      </section>
    </section>
  )
}

/** A choice of one of the guide's themes. */
const ThemeChoice = (p: {
  id: string
  label: string
  language: Lang
  themes: readonly { id: string; name: string }[]
  value: string
}) => {
  const t = translator(p.language)
  return (
    <div class="field">
      <label for={p.id}>{p.label}</label>
      <select id={p.id} name="themeId" required>
        <option value="">{t('themes.tag.choose')}</option>
        {p.themes.map((theme) => (
          <option value={theme.id} selected={theme.id === p.value}>
            {theme.name}
          </option>
        ))}
      </select>
    </div>
  )
}

/** The theme filter among triage's filters. */
export const ThemeFilter = (p: {
  language: Lang
  themes: readonly TriageTheme[]
  value: number | undefined
}) => {
  if (p.themes.length === 0) return null
  const t = translator(p.language)
  return (
    <div class="field">
      <label for="filter-theme">{t('themes.filter.label')}</label>
      <select id="filter-theme" name="theme">
        <option value="" selected={p.value === undefined}>
          {t('themes.filter.any')}
        </option>
        {p.themes.map((theme) => (
          <option value={theme.id} selected={theme.id === String(p.value)}>
            {t('themes.filter.option', { name: theme.name, count: formatNumber(p.language, theme.count) })}
          </option>
        ))}
      </select>
    </div>
  )
}

/** A comment's themes on its triage item: each with a button taking it out, and a choice adding one. */
export const CommentThemes = (p: {
  language: Lang
  slug: string
  number: number
  keep: string
  commentId: string
  tagged: readonly { id: string; name: string }[]
  themes: readonly TriageTheme[]
}) => {
  if (p.themes.length === 0) return null
  const t = translator(p.language)
  const gathered = new Set(p.tagged.map((x) => x.id))
  const others = p.themes.filter((x) => !gathered.has(x.id))
  return (
    <div class="comment-themes">
      {/* A div, not a paragraph: a form may not stand inside a <p>. */}
      <div class="comment-themes-list">
        {p.tagged.length === 0 ? t('themes.comment.none') : t('themes.comment.label')}{' '}
        {p.tagged.map((x) => (
          <form
            method="post"
            action={`${themeUntagPath(p.slug, p.number, x.id)}${p.keep}`}
            class="inline-form"
          >
            <input type="hidden" name="commentId" value={p.commentId} />
            <span class="badge">{x.name}</span>{' '}
            <button
              type="submit"
              class="button-link"
              aria-label={t('themes.comment.removeLabel', { id: p.commentId, name: x.name })}
            >
              {t('themes.comment.remove')}
            </button>{' '}
          </form>
        ))}
      </div>
      {others.length > 0 ? (
        <form method="post" action={`${themeTagPath(p.slug, p.number)}${p.keep}`} class="theme-add">
          <input type="hidden" name="commentIds" value={p.commentId} />
          <input type="hidden" name="one" value="1" />
          <ThemeChoice
            id={`c${p.commentId}-theme-themeId`}
            label={t('themes.comment.choose', { id: p.commentId })}
            language={p.language}
            themes={others}
            value=""
          />
          <button type="submit" class="button button-secondary">
            {t('themes.comment.add')}
          </button>
        </form>
      ) : null}
    </div>
  )
}

/**
 * Renaming a theme and deleting it, folded away under each theme: deleting asks for a tick first, since
 * it takes the theme off every comment and out of the report.
 */
const ThemeEdit = (p: PanelProps & { theme: TriageTheme; failed: ThemeFailure | undefined }) => {
  const t = translator(p.language)
  const edit = `theme-${p.theme.id}-edit`
  const remove = `theme-${p.theme.id}-delete`
  const problems = (form: string) => (p.failed?.form === form ? p.failed.problems : undefined)
  const value = (name: string, otherwise: string) =>
    p.failed?.form === edit ? (p.failed.values[name] ?? otherwise) : otherwise
  const open = p.failed?.form === edit || p.failed?.form === remove
  const confirmError = errorFor(problems(remove), 'confirm')
  return (
    <details class="theme-edit" open={open}>
      <summary>{t('themes.edit.summary', { name: p.theme.name })}</summary>
      <form method="post" action={`${themePath(p.slug, p.number, p.theme.id)}${p.keep}`}>
        <Field
          name="name"
          prefix={`${edit}-`}
          label={t('themes.new.name')}
          value={value('name', p.theme.name)}
          maxlength={MAX_NAME}
          required
          problems={problems(edit)}
          language={p.language}
        />
        <TextArea
          name="description"
          prefix={`${edit}-`}
          label={t('themes.new.description')}
          value={value('description', p.theme.description)}
          rows={2}
          maxlength={MAX_DESCRIPTION}
          problems={problems(edit)}
          language={p.language}
        />
        <button type="submit" class="button button-secondary">
          {t('themes.edit.save')}
        </button>
      </form>
      <form method="post" action={`${themeDeletePath(p.slug, p.number, p.theme.id)}${p.keep}`}>
        <div class={confirmError ? 'field-checkbox field-invalid' : 'field-checkbox'}>
          {confirmError ? (
            <p class="field-error" id={`${remove}-confirm-error`} role="alert">
              {confirmError}
            </p>
          ) : null}
          <input
            id={`${remove}-confirm`}
            type="checkbox"
            name="confirm"
            value="1"
            aria-describedby={confirmError ? `${remove}-confirm-error` : undefined}
          />
          <label for={`${remove}-confirm`}>
            {t('themes.delete.confirm', { name: p.theme.name, count: p.theme.count })}
          </label>
        </div>
        <button type="submit" class="button button-danger">
          {t('themes.delete.submit')}
        </button>
      </form>
    </details>
  )
}

/** The notice after a theme form, by the `done` the form's redirect carries; undefined if not a theme's. */
export const themeNotice = (language: Lang, done: string, count: number) => {
  const t = translator(language)
  switch (done) {
    case 'theme-created':
      return t('themes.done.created', { count })
    case 'theme-answered':
      return t('themes.done.answered')
    case 'theme-tagged':
      return t('themes.done.tagged', { count })
    case 'theme-untagged':
      return t('themes.done.untagged')
    case 'theme-changed':
      return t('themes.done.changed')
    case 'theme-deleted':
      return t('themes.done.deleted')
    default:
      return undefined
  }
}
