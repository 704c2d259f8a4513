import type { Element, ElementContent, Root as HastRoot, RootContent as HastContent } from 'hast'
import { fromHtml } from 'hast-util-from-html'
import { sanitize } from 'hast-util-sanitize'
import { toHtml } from 'hast-util-to-html'
import type { List, ListItem, Parents, Root } from 'mdast'
import { defaultHandlers, toHast, type Handler } from 'mdast-util-to-hast'
import type { BlockNode } from './blocks.ts'
import {
  CLOBBER_PREFIX,
  CLOBBERING,
  documentSchema,
  inlineHtmlSchema,
  rawHtmlSchema,
} from './sanitize-schema.ts'

export interface MarkedBlock {
  node: BlockNode
  /** The block's `gloss-block`: its wrapper, or for a list item or footnote the wrapper inside it. */
  element: Element
}

export interface RenderedTree {
  /** The sanitised document with every block marked, in page order. */
  tree: HastRoot
  blocks: MarkedBlock[]
}

/**
 * Renders a parsed document once and marks its blocks in the resulting tree, so the reading page cannot
 * drift from the document rendered whole. Raw HTML is parsed node by node (an unclosed tag ends with its
 * own node) and sanitised before anything else sees it.
 */
export function renderTree(tree: Root, candidates: readonly BlockNode[]): RenderedTree {
  const hast = toHast(tree, {
    allowDangerousHtml: true,
    clobberPrefix: 'user-content-',
    handlers: { listItem },
  }) as HastRoot
  replaceRaw(hast)
  const clean = sanitize(hast, documentSchema) as HastRoot
  const blocks = markBlocks(clean, candidates)
  unwrapPlaceholders(clean)
  repairInPageLinks(clean)
  return { tree: clean, blocks }
}

/** The rendered tree as HTML: `marked` keeps the block wrappers and `data-block` attributes. */
export function treeToHtml(tree: HastRoot, marked: boolean): string {
  return toHtml(marked ? tree : withoutMarks(tree))
}

export const innerHtml = (element: Element): string => toHtml({ type: 'root', children: element.children })

/**
 * mdast-util-to-hast asks, for every item, whether its whole list is loose by looking at every item:
 * quadratic, so a list of 40,000 items took seconds and one of 300,000 minutes. The answer is worked
 * out once per list and handed to the stock handler as a list that already knows it.
 */
const looseness = new WeakMap<List, Parents>()
const listItem: Handler = (state, node: ListItem, parent) => {
  if (parent?.type !== 'list') return defaultHandlers.listItem(state, node, parent)
  let known = looseness.get(parent)
  if (!known) {
    const loose = Boolean(parent.spread) || parent.children.some((item) => isLoose(item))
    known = { type: 'list', spread: loose, children: [] }
    looseness.set(parent, known)
  }
  return defaultHandlers.listItem(state, node, known)
}

/** As mdast-util-to-hast decides it for one item. */
const isLoose = (item: ListItem) => {
  const spread = item.spread
  return spread === null || spread === undefined ? item.children.length > 1 : spread
}

function replaceRaw(parent: HastRoot | Element): void {
  if (parent.type === 'element' && parent.children.some((child) => child.type === 'raw')) {
    parseInlineHtml(parent)
    return
  }
  parent.children.forEach((child, index) => {
    if (child.type === 'raw') {
      const fragment = sanitize(fromHtml(child.value, { fragment: true }), rawHtmlSchema) as HastRoot
      namedAnchorsAsIds(fragment)
      const placeholder: Element = {
        type: 'element',
        tagName: 'gloss-raw',
        properties: {},
        children: fragment.children as ElementContent[],
      }
      if (child.position) placeholder.position = child.position
      parent.children[index] = placeholder
    } else if (child.type === 'element') replaceRaw(child)
  })
}

/**
 * Raw HTML inside a paragraph, a cell or an item is parsed with the text around it, so a tag opened in
 * one raw node and closed in another wraps what lies between, as a browser would; it cannot leak out
 * of its element.
 */
function parseInlineHtml(element: Element): void {
  const html = toHtml({ type: 'root', children: element.children }, { allowDangerousHtml: true })
  const fragment = sanitize(fromHtml(html, { fragment: true }), inlineHtmlSchema) as HastRoot
  namedAnchorsAsIds(fragment)
  prefixIds(fragment)
  element.children = fragment.children as ElementContent[]
}

/** The footnote section's heading, which footnote calls name in `aria-describedby` (remark-rehype). */
const FOOTNOTE_LABEL = 'footnote-label'
const prefixed = (value: string) =>
  value.startsWith(CLOBBER_PREFIX) || value === FOOTNOTE_LABEL ? value : CLOBBER_PREFIX + value

function prefixIds(node: HastRoot | Element): void {
  for (const child of node.children) {
    if (child.type !== 'element') continue
    const properties: Record<string, unknown> = child.properties
    for (const name of CLOBBERING) {
      const value = properties[name]
      if (typeof value === 'string') properties[name] = prefixed(value)
      if (Array.isArray(value)) properties[name] = value.map((v) => prefixed(String(v)))
    }
    prefixIds(child)
  }
}

/** `<a name="x">` is how older guides mark targets; the in-page link check and browsers want ids. */
function namedAnchorsAsIds(node: HastRoot | Element): void {
  for (const child of node.children) {
    if (child.type !== 'element') continue
    const { name, id } = child.properties
    if (child.tagName === 'a' && typeof name === 'string' && id === undefined) child.properties.id = name
    namedAnchorsAsIds(child)
  }
}

function markBlocks(tree: HastRoot, candidates: readonly BlockNode[]): MarkedBlock[] {
  const byOffset = new Map<number, BlockNode>()
  for (const node of candidates) {
    const offset = node.position?.start.offset
    if (offset !== undefined) byOffset.set(offset, node)
  }
  const marked: MarkedBlock[] = []

  const visit = (parent: HastRoot | Element) => {
    parent.children.forEach((child, index) => {
      if (child.type !== 'element') return
      const offset = child.position?.start.offset
      const node = offset === undefined ? undefined : byOffset.get(offset)
      if (!node || !matches(node, child)) {
        visit(child)
        return
      }
      byOffset.delete(offset as number)
      if (child.tagName === 'gloss-raw' && !hasVisibleContent(child)) return
      const ordinal = String(marked.length)
      if (child.tagName === 'li') {
        // A list item cannot be wrapped, so it carries the mark and a wrapper goes inside it instead:
        // every block then has one `gloss-block` for the interface to enhance.
        const inner: Element = {
          type: 'element',
          tagName: 'gloss-block',
          properties: { dataItem: ordinal },
          children: child.children,
        }
        child.properties.dataBlock = ordinal
        child.children = [inner]
        marked.push({ node, element: inner })
      } else {
        const wrapper: Element = {
          type: 'element',
          tagName: 'gloss-block',
          properties: { dataBlock: ordinal },
          children: child.tagName === 'gloss-raw' ? child.children : [child],
        }
        parent.children[index] = wrapper
        marked.push({ node, element: wrapper })
      }
    })
  }
  visit(tree)
  return marked
}

const ELEMENT_OF: Record<BlockNode['type'], string> = {
  heading: 'h',
  paragraph: 'p',
  listItem: 'li',
  blockquote: 'blockquote',
  code: 'pre',
  table: 'table',
  footnoteDefinition: 'li',
  html: 'gloss-raw',
}

const matches = (node: BlockNode, element: Element) =>
  node.type === 'heading' ? /^h[1-6]$/.test(element.tagName) : element.tagName === ELEMENT_OF[node.type]

function hasVisibleContent(node: Element | HastRoot): boolean {
  return node.children.some(
    (child) =>
      (child.type === 'text' && child.value.trim() !== '') ||
      (child.type === 'element' && (child.tagName === 'img' || hasVisibleContent(child))),
  )
}

/** Raw HTML inside other blocks (inline tags) stands in place, without its placeholder. */
function unwrapPlaceholders(parent: HastRoot | Element): void {
  const children: HastContent[] = []
  for (const child of parent.children) {
    if (child.type === 'element') {
      unwrapPlaceholders(child)
      if (child.tagName === 'gloss-raw') {
        // One at a time: a raw block may hold more elements than a call can take arguments.
        for (const inner of child.children) children.push(inner)
        continue
      }
    }
    children.push(child)
  }
  parent.children = children
}

/**
 * Every `href="#x"` must reach an id on the page. Targets written in raw HTML were prefixed by the
 * sanitiser, so links to them are prefixed too; a link whose target is nowhere on the page stops
 * being a link rather than pointing at nothing.
 */
function repairInPageLinks(tree: HastRoot): void {
  const ids = new Set<string>()
  const links: Element[] = []
  const collect = (parent: HastRoot | Element) => {
    for (const child of parent.children) {
      if (child.type !== 'element') continue
      const { id, href } = child.properties
      if (typeof id === 'string') ids.add(id)
      if (typeof href === 'string' && href.startsWith('#')) links.push(child)
      collect(child)
    }
  }
  collect(tree)
  for (const link of links) {
    const target = decodeFragment(String(link.properties.href).slice(1))
    if (ids.has(target)) continue
    if (ids.has(`user-content-${target}`)) link.properties.href = `#user-content-${target}`
    else delete link.properties.href
  }
}

function decodeFragment(fragment: string): string {
  try {
    return decodeURIComponent(fragment)
  } catch {
    // Not valid percent-encoding: the fragment is matched as it was written.
    return fragment
  }
}

function withoutMarks(tree: HastRoot): HastRoot {
  const strip = (nodes: readonly HastContent[]): HastContent[] =>
    nodes.flatMap((node): HastContent[] => {
      if (node.type !== 'element') return [node]
      if (node.tagName === 'gloss-block') return strip(node.children)
      const { dataBlock: _dataBlock, ...properties } = node.properties
      return [{ ...node, properties, children: strip(node.children) as ElementContent[] }]
    })
  return { ...tree, children: strip(tree.children) }
}
