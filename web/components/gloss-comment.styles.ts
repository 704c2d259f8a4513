import { css } from 'lit'
import { boxSizing, controls, focusRing, problem } from './shared-styles.ts'

/** One comment's looks: who and when above its words, replies indented under a rule. */
export const commentStyles = [
  boxSizing,
  focusRing,
  controls,
  problem,
  css`
    :host {
      display: block;
    }
    article {
      border-top: 1px solid var(--gloss-rule, #ddd);
      padding: 0.75rem 0;
    }
    .replies {
      list-style: none;
      margin: 0 0 0 1.25rem;
      border-left: 3px solid var(--gloss-rule, #ddd);
      padding: 0 0 0 0.75rem;
    }
    .meta {
      color: var(--gloss-muted, #555);
      font-size: 0.8rem;
    }
    .kind {
      display: inline-block;
      font-weight: 600;
      font-size: 0.75rem;
      text-transform: uppercase;
      letter-spacing: 0.05em;
      margin-right: 0.4rem;
    }
    .badge {
      font-size: 0.75rem;
      font-weight: 600;
      padding: 0.05rem 0.4rem;
      border-radius: 999px;
      background: var(--gloss-tint, #eef3f8);
    }
    /* A reply is set apart from the comments it answers: smaller, on a tint, under its comment. */
    article.is-reply {
      border-top: 0;
      padding: 0.5rem 0.75rem;
      margin-top: 0.5rem;
      background: var(--gloss-tint, #eef3f8);
      border-radius: 4px;
      font-size: 0.95em;
    }
    .pending,
    .flagged {
      font-size: 0.85rem;
      color: var(--gloss-muted, #555);
      margin: 0.25rem 0;
    }
    .flagged {
      font-weight: 600;
      color: var(--gloss-ink, #1b1b1f);
    }
    .decision {
      border-left: 3px solid var(--gloss-accent, #1d5b8f);
      padding-left: 0.5rem;
    }
    /* The guide's words quoted: the rule stands where their lines start, right of Arabic or Hebrew. */
    blockquote {
      margin: 0.4rem 0;
      padding: 0.2rem 0.6rem;
      border-inline-start: 3px solid var(--gloss-accent, #1d5b8f);
      font-style: italic;
    }
    .confirm-withdraw {
      flex-basis: 100%;
      margin: 0.4rem 0;
      padding: 0.5rem 0.75rem;
      border-inline-start: 3px solid var(--gloss-error, #b00020);
      background: var(--gloss-tint, #eef3f8);
    }
    .confirm-withdraw .danger {
      color: #fff;
      background: var(--gloss-error, #b00020);
      border-color: var(--gloss-error, #b00020);
    }
    .agree[aria-pressed='true'] {
      font-weight: 600;
      border-color: var(--gloss-accent, #1d5b8f);
      background: var(--gloss-tint, #eef3f8);
    }
    .agreements {
      align-self: center;
      font-size: 0.85rem;
      color: var(--gloss-muted, #555);
      margin-right: 0.5rem;
    }
    .body :first-child {
      margin-top: 0.25rem;
    }
  `,
]
