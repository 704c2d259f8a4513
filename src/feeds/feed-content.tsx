import { raw } from 'hono/html'
import type { Child } from 'hono/jsx'
import type { Lang } from '../platform/i18n/languages.ts'
import { translator } from '../platform/i18n/messages.ts'
import { rich, slot } from '../site/rich-message.tsx'

/** A fragment of HTML for a feed entry, escaped by JSX as the pages are: never a string built by hand. */
const render = async (node: Child) => (await (<>{node}</>)).toString()

/** A response as the editor wrote it: plain text, a paragraph per blank line. */
const Paragraphs = ({ text }: { text: string }) => (
  <>
    {text
      .split(/\n\s*\n/)
      .filter((p) => p.trim() !== '')
      .map((p) => (
        <p>{p.trim()}</p>
      ))}
  </>
)

/**
 * A decision on the reader's comment, in the feed's language: what was decided (`label`, already in
 * it), the editors' response, and the comment itself.
 */
export const decisionHtml = (
  d: { label: string; response: string; commentHtml: string; commentUrl: string },
  language: Lang = 'en',
) =>
  render(
    <>
      <p>
        <strong>{d.label}</strong>
      </p>
      {d.response ? (
        <blockquote>
          <Paragraphs text={d.response} />
        </blockquote>
      ) : null}
      <p>
        <a href={d.commentUrl}>{translator(language)('feeds.content.yourComment')}</a>:
      </p>
      <blockquote>{raw(d.commentHtml)}</blockquote>
    </>,
  )

/** A published edition: its size, and the "you said, we did" report when there was an edition before. */
export const editionHtml = (
  e: {
    number: number
    guideTitle: string
    blockCount: number
    previous: number | null
    report: string | null
  },
  language: Lang = 'en',
) => {
  const t = translator(language)
  return render(
    <>
      <p>
        {t('feeds.content.edition', { number: String(e.number), title: e.guideTitle, count: e.blockCount })}
      </p>
      {e.report && e.previous !== null ? (
        <p>
          {rich(t('feeds.content.report', { link: slot('link'), previous: String(e.previous) }), {
            link: <a href={e.report}>{t('feeds.content.youSaid')}</a>,
          })}
        </p>
      ) : null}
    </>,
  )
}

/** A notice: its sentence (already in the feed's language), and the place it leads to in its guide. */
export const noticeHtml = (n: { text: string; url: string; guideTitle: string }, language: Lang = 'en') => {
  const t = translator(language)
  return render(
    <p>
      {rich(t('feeds.content.notice', { text: n.text, link: slot('link') }), {
        link: <a href={n.url}>{t('feeds.content.openIn', { title: n.guideTitle })}</a>,
      })}
    </p>,
  )
}
