import { css } from 'lit'

/*
 * Styles every Gloss element shares, each adopted by the shadow roots that need it. Colours come from
 * the page's custom properties (styles.css), so a dark system setting reaches inside too.
 */

/** Borders inside the box, for every element of a shadow root. */
export const boxSizing = css`
  * {
    box-sizing: border-box;
  }
`

/** Where the keyboard is shows plainly, on anything that can take the focus. */
export const focusRing = css`
  h2:focus-visible,
  summary:focus-visible,
  a:focus-visible,
  button:focus-visible,
  textarea:focus-visible,
  input:focus-visible {
    outline: 3px solid var(--gloss-focus, #ffbf47);
    outline-offset: 2px;
    box-shadow: 0 0 0 2px var(--gloss-ink, #1b1b1f);
  }
`

/** Buttons and links: targets a fingertip can hit (44 px), in a row that wraps. */
export const controls = css`
  .actions {
    display: flex;
    gap: 0.4rem;
    flex-wrap: wrap;
  }
  button {
    white-space: nowrap;
    font: inherit;
    min-height: 2.75rem;
    min-width: 2.75rem;
    padding: 0.4rem 0.8rem;
    border-radius: 4px;
    border: 1px solid var(--gloss-accent, #1d5b8f);
    background: transparent;
    color: var(--gloss-accent, #1d5b8f);
    cursor: pointer;
  }
  button.primary {
    background: var(--gloss-accent, #1d5b8f);
    color: var(--gloss-accent-ink, #fff);
  }
  a {
    color: var(--gloss-accent, #1d5b8f);
    overflow-wrap: anywhere;
  }
`

/** A form's fields under their labels; choices in a row, each as tall as a fingertip. */
export const fields = css`
  form {
    display: grid;
    gap: 0.5rem;
    margin-top: 0.75rem;
  }
  fieldset {
    border: 0;
    padding: 0;
    margin: 0;
    display: flex;
    gap: 0.75rem;
    flex-wrap: wrap;
  }
  label {
    font-weight: 600;
  }
  fieldset label {
    font-weight: 400;
    min-height: 2.75rem;
    display: inline-flex;
    align-items: center;
    gap: 0.3rem;
  }
  textarea,
  select,
  input[type='text'] {
    font: inherit;
    width: 100%;
    padding: 0.5rem;
    border: 2px solid var(--gloss-muted, #555);
    border-radius: 4px;
    background: var(--gloss-paper, #fff);
    color: inherit;
    min-height: 2.75rem;
  }
  textarea {
    min-height: 6rem;
  }
`

/**
 * A small form behind a summary that looks like the buttons beside it (Flag, Hide): open, it takes the
 * whole row of actions it sits in (the element reflects `open`).
 */
export const disclosure = css`
  :host {
    display: block;
  }
  :host([open]) {
    flex-basis: 100%;
  }
  summary {
    display: inline-flex;
    align-items: center;
    min-height: 2.75rem;
    padding: 0.4rem 0.8rem;
    border-radius: 4px;
    border: 1px solid var(--gloss-accent, #1d5b8f);
    color: var(--gloss-accent, #1d5b8f);
    cursor: pointer;
    list-style: none;
  }
  summary::-webkit-details-marker {
    display: none;
  }
`

/** Something that went wrong, said in words and colour. */
export const problem = css`
  .error {
    color: #b3261e;
    font-weight: 600;
  }
`

/** Read out by screen readers, not shown. */
export const visuallyHidden = css`
  .visually-hidden {
    position: absolute;
    width: 1px;
    height: 1px;
    overflow: hidden;
    clip: rect(0 0 0 0);
    white-space: nowrap;
  }
`
