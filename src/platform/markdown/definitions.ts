import type { Root } from 'mdast'
import { visit } from 'unist-util-visit'
import { parseSource } from './parse.ts'

/**
 * A block's Markdown read as it reads in its document. A footnote call (`[^1]`) or a reference link
 * (`[words][ref]`, `[ref]`) only is one when its definition exists somewhere in the document; a block
 * parsed alone reads them as brackets. So the document's definitions are kept as one-line stand-ins
 * (only their labels matter to the parser), written after the block when it is parsed on its own.
 */

/** The document's link and footnote definitions as stand-ins, one a line; '' when it has none. */
export function definitionStubs(tree: Root): string {
  const stubs = new Set<string>()
  visit(tree, (node) => {
    // `label` is the label as the source writes it, so the stand-in matches exactly what the calls match.
    if (node.type === 'definition') stubs.add(`[${node.label ?? node.identifier}]: #`)
    else if (node.type === 'footnoteDefinition') stubs.add(`[^${node.label ?? node.identifier}]: #`)
  })
  return [...stubs].join('\n')
}

/**
 * A block's Markdown with its document's definitions after it; what of it lies past `markdown.length`
 * is the stand-ins, and no part of the block.
 */
export const withDefinitions = (markdown: string, definitions: string): string =>
  // The blank line ends the block (a paragraph, an item, a quote, a table) before the stand-ins begin.
  definitions === '' ? markdown : `${markdown}\n\n${definitions}\n`

/**
 * A block's Markdown parsed with its document's definitions after it: the tree holds only the block's
 * own nodes, and their offsets are offsets in `markdown`.
 */
export function parseBlock(markdown: string, definitions: string): Root {
  const { tree } = parseSource(withDefinitions(markdown, definitions))
  return { ...tree, children: tree.children.filter((n) => (n.position?.start.offset ?? 0) < markdown.length) }
}
