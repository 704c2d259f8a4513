import { fromHtml } from 'hast-util-from-html'
import type { Nodes } from 'hast'
import { words } from './similarity.ts'

/** The text a reader sees in a fragment of HTML: its text nodes, in order, with tags and attributes left out. */
function visibleText(node: Nodes): string {
  if (node.type === 'text') return node.value
  if (!('children' in node)) return ''
  // A space between elements, so that words in two cells or two lines do not run together.
  return node.children.map(visibleText).join(' ')
}

/**
 * The words lineage compares a block by. An HTML block is compared by its text, not its markup: the
 * wrappers of a page (`<div class="text-center">`) are alike around any words, so their tag and
 * attribute names would make unrelated blocks look like the same paragraph.
 */
export function blockWords(block: { text: string; kind: string }): Set<string> {
  const text = block.kind === 'html' ? visibleText(fromHtml(block.text, { fragment: true })) : block.text
  return new Set(words(text))
}
