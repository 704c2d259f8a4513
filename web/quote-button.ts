import type { GlossBlock } from './components/gloss-block.ts'
import { msg } from './messages.ts'

/** How far below the selected words the button sits, in CSS pixels, clear of the words themselves. */
const GAP = 6

/**
 * A "Quote" button beside words selected in a paragraph that takes comments: pressing it opens that
 * paragraph's thread with the words as the quote, so a reviewer learns they can quote by seeing it,
 * not by reading about it. It shows only while the words selected lie inside one such paragraph.
 */
export function offerQuotes(blocks: ReadonlyMap<string, GlossBlock>): void {
  const button = Object.assign(document.createElement('button'), {
    type: 'button',
    className: 'quote-button',
    textContent: msg('quote.button'),
    hidden: true,
  })
  document.body.append(button)
  let chosen: { block: GlossBlock; words: string } | undefined

  const blockOf = (node: Node | null) =>
    (node instanceof Element ? node : node?.parentElement)?.closest('gloss-block') ?? null

  document.addEventListener('selectionchange', () => {
    const selection = window.getSelection()
    const block = selection && !selection.isCollapsed ? blockOf(selection.anchorNode) : null
    const words = block ? block.selectedWords() : ''
    if (
      !selection ||
      !block ||
      !words ||
      blocks.get(block.key) !== block ||
      blockOf(selection.focusNode) !== block
    ) {
      button.hidden = true
      chosen = undefined
      return
    }
    chosen = { block, words }
    const box = selection.getRangeAt(selection.rangeCount - 1).getBoundingClientRect()
    button.hidden = false
    const most = document.documentElement.clientWidth - button.offsetWidth - GAP
    button.style.left = `${String(Math.max(GAP, Math.min(box.left, most)) + window.scrollX)}px`
    button.style.top = `${String(box.bottom + GAP + window.scrollY)}px`
  })
  // Pressing the button keeps the words selected, so they are still there to quote.
  button.addEventListener('pointerdown', (event) => event.preventDefault())
  button.addEventListener('click', () => {
    if (!chosen) return
    chosen.block.quote(chosen.words)
    button.hidden = true
  })
}
