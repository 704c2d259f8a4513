import { css } from 'lit'
import { boxSizing, controls, focusRing, problem, visuallyHidden } from './shared-styles.ts'

/** The thread panel's looks: a drawer under its paragraph, or a panel beside the text on wide screens. */
export const threadStyles = [
  boxSizing,
  focusRing,
  controls,
  problem,
  visuallyHidden,
  css`
    :host {
      box-sizing: border-box;
      display: block;
      font-family: var(--gloss-sans, system-ui, sans-serif);
      font-size: 0.95rem;
      color: var(--gloss-ink, #1b1b1f);
      background: var(--gloss-paper, #fff);
      border: 1px solid var(--gloss-rule, #ccc);
      border-radius: 6px;
      padding: 1rem;
      margin: 0.75rem 0 1.25rem;
      box-shadow: 0 4px 18px rgb(0 0 0 / 12%);
    }
    /*
     * Only where the page leaves room beside the text (from 84rem the reading column ends left of a
     * 24rem panel, styles.css); narrower, the thread opens under its paragraph.
     */
    @media (min-width: 84rem) {
      :host {
        position: fixed;
        top: 1rem;
        right: 1rem;
        bottom: 1rem;
        width: 24rem;
        margin: 0;
        overflow: auto;
        z-index: 5;
      }
      /* Beside a right-to-left text it stands left, where the text's lines end and its margin is. */
      :host([text-dir='rtl']) {
        right: auto;
        left: 1rem;
      }
    }
    /*
      The heading and Close share the first row; Follow takes a row of its own beneath them, so the
      three never need more than a phone's width (side by side they came to 447 px at 375).
    */
    header {
      display: grid;
      grid-template-columns: minmax(0, 1fr) auto;
      align-items: start;
      gap: 0 1rem;
    }
    header > button {
      grid-column: 2;
      grid-row: 1;
    }
    header gloss-follow-toggle {
      grid-column: 1 / -1;
      margin-bottom: 0.75rem;
    }
    h2 {
      font-size: 1.1rem;
      margin: 0 0 0.75rem;
    }
    h2:focus {
      outline: none;
    }
    ol {
      list-style: none;
      padding: 0;
      margin: 0;
    }
  `,
]
