import { toString } from 'mdast-util-to-string'
import { createHash } from 'node:crypto'
import { DomainError } from '../../kernel/errors.ts'
import { candidateBlocks, placeBlocks, type BlockKind } from './blocks.ts'
import { definitionStubs } from './definitions.ts'
import { parseSource, type FrontMatter } from './parse.ts'
import { innerHtml, renderTree, treeToHtml } from './render.ts'
import { normaliseText } from './text.ts'

export interface SplitBlock {
  ordinal: number
  kind: BlockKind
  number: string
  text: string
  markdown: string
  /** Inner HTML of the block's marked element. */
  html: string
  /** SHA-256 of the normalised text: equal hashes mean the same words (see lineage). */
  hash: string
  sectionPath: string[]
  /** Where `markdown` lies in the source (UTF-16 offsets), so a block can be edited in place. */
  start: number
  end: number
}

export interface SplitDocument {
  frontMatter: FrontMatter
  title: string
  /** The whole document rendered at once. */
  html: string
  /** The same document with every block marked (`<gloss-block data-block>` or `data-block` on the element). */
  page: string
  blocks: SplitBlock[]
  /** Its link and footnote definitions as stand-ins, for reading one block alone (definitions.ts). */
  definitions: string
}

/** Splits a Markdown source into the blocks a reader comments on, rendering it exactly once. */
export function splitDocument(source: string): SplitDocument {
  try {
    return split(source)
  } catch (error) {
    // The limits checked before parsing only estimate raw HTML (a self-closed `<span/>` or a `<pre>`
    // block running over blank lines gets past them) and the HTML parser nests it as deep as it is
    // written: a stack overflow in rendering it is the source's fault, not the server's.
    if (error instanceof RangeError) {
      const message = 'The source nests its HTML or Markdown too deeply for Gloss to read.'
      throw new DomainError('source-too-deep', message, [{ pointer: '/markdown', detail: message }])
    }
    throw error
  }
}

function split(source: string): SplitDocument {
  const { tree, frontMatter } = parseSource(source)
  const definitions = definitionStubs(tree)
  const rendered = renderTree(tree, candidateBlocks(tree))
  const places = placeBlocks(rendered.blocks.map((b) => b.node))
  const blocks = rendered.blocks.map(({ node, element }, ordinal): SplitBlock => {
    const text = toString(node)
    const start = node.position?.start.offset ?? 0
    const end = node.position?.end.offset ?? 0
    const place = places[ordinal] ?? { number: String(ordinal), sectionPath: [] }
    return {
      ordinal,
      kind: node.type,
      number: place.number,
      text,
      markdown: source.slice(start, end),
      html: innerHtml(element),
      hash: hashText(text, node.type),
      sectionPath: place.sectionPath,
      start,
      end,
    }
  })
  const firstHeading = blocks.find((b) => b.kind === 'heading')
  return {
    frontMatter,
    title: frontMatter.title ?? firstHeading?.text.trim() ?? 'Untitled guide',
    html: treeToHtml(rendered.tree, false),
    page: treeToHtml(rendered.tree, true),
    blocks,
    definitions,
  }
}

/** A kind change (a paragraph becoming a heading) is a change, so the kind is part of the hash. */
export const hashText = (text: string, kind: string): string =>
  createHash('sha256')
    .update(kind)
    .update('\u0000')
    .update(normaliseText(text))
    .digest('base64url')
    .slice(0, 22)
