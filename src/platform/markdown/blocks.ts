import type { Heading, ListItem, Root, RootContent } from 'mdast'
import { toString } from 'mdast-util-to-string'
import { visit } from 'unist-util-visit'

/** The mdast names of the nodes Gloss addresses as blocks (SPEC.md, "Block"). */
export const BLOCK_KINDS = [
  'heading',
  'paragraph',
  'listItem',
  'blockquote',
  'code',
  'table',
  'footnoteDefinition',
  'html',
] as const
export type BlockKind = (typeof BLOCK_KINDS)[number]

export type BlockNode = Extract<RootContent, { type: Exclude<BlockKind, 'listItem'> }> | ListItem

/**
 * The candidate blocks of a document in source order: top-level nodes of a block kind, and each item of
 * a top-level list (nested content stays inside its item). Rendering decides which of them appear on the
 * page, and in what order (footnotes go last, in the order they are first called).
 */
export function candidateBlocks(tree: Root): BlockNode[] {
  const result: BlockNode[] = []
  for (const node of tree.children) {
    if (node.type === 'list') for (const item of node.children) result.push(item)
    else if (isBlockKind(node.type)) result.push(node as BlockNode)
  }
  // A footnote written inside a quote or a list item still renders with the others, at the end.
  visit(tree, 'footnoteDefinition', (node, _index, parent) => {
    if (parent !== tree) result.push(node)
  })
  return result
}

const isBlockKind = (type: string): boolean => (BLOCK_KINDS as readonly string[]).includes(type)

export interface BlockPlace {
  number: string
  sectionPath: string[]
}

/**
 * Numbers blocks in page order like a legal document: every heading and every other block is the next
 * item of the section it stands in, so `3.2.4` is the fourth item of section 3.2 and numbers never clash.
 * A lone top heading that opens the document is its title, numbered 0. Footnotes are `fn1`, `fn2`, ...
 */
export function placeBlocks(blocks: readonly BlockNode[]): BlockPlace[] {
  const headings = blocks.filter((b): b is Heading => b.type === 'heading')
  const top = headings.reduce((least, h) => Math.min(least, h.depth), Number.POSITIVE_INFINITY)
  const first = blocks[0]
  const titled =
    first?.type === 'heading' && headings.filter((h) => h.depth === top).length === 1 && first.depth === top

  interface Section {
    depth: number
    number: string
    title: string
    items: number
  }
  const stack: Section[] = [{ depth: 0, number: '', title: '', items: 0 }]
  const current = () => stack[stack.length - 1] as Section
  const path = () => stack.slice(1).map((s) => s.title)
  const next = (section: Section) => {
    section.items += 1
    return section.number ? `${section.number}.${section.items}` : String(section.items)
  }
  let footnotes = 0

  return blocks.map((block, index): BlockPlace => {
    if (block.type === 'footnoteDefinition') {
      footnotes += 1
      return { number: `fn${footnotes}`, sectionPath: ['Footnotes'] }
    }
    if (block.type !== 'heading') return { number: next(current()), sectionPath: path() }
    if (index === 0 && titled) return { number: '0', sectionPath: [] }
    while (current().depth >= block.depth) stack.pop()
    const sectionPath = path()
    const number = next(current())
    stack.push({ depth: block.depth, number, title: toString(block), items: 0 })
    return { number, sectionPath }
  })
}
