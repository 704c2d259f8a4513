import { raw } from 'hono/html'
import type { Child } from 'hono/jsx'

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

/** A decision on the reader's comment: what was decided, the editors' response, and the comment itself. */
export const decisionHtml = (d: {
  label: string
  response: string
  commentHtml: string
  commentUrl: string
}) =>
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
        <a href={d.commentUrl}>Your comment</a>:
      </p>
      <blockquote>{raw(d.commentHtml)}</blockquote>
    </>,
  )

/** A published edition: its size, and the "you said, we did" report when there was an edition before. */
export const editionHtml = (e: {
  number: number
  guideTitle: string
  blockCount: number
  report: string | null
}) =>
  render(
    <>
      <p>
        Edition {e.number} of “{e.guideTitle}” is published: {e.blockCount}{' '}
        {e.blockCount === 1 ? 'paragraph' : 'paragraphs'}.
      </p>
      {e.report ? (
        <p>
          <a href={e.report}>You said, we did</a>: what the feedback on edition {e.number - 1} changed.
        </p>
      ) : null}
    </>,
  )

/** A notice: its sentence, and the place it leads to in the guide it is about. */
export const noticeHtml = (n: { text: string; url: string; guideTitle: string }) =>
  render(
    <p>
      {n.text} <a href={n.url}>Open it in “{n.guideTitle}”</a>.
    </p>,
  )
