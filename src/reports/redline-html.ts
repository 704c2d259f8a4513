import type { Element, ElementContent, Root } from 'hast'
import { fromHtml } from 'hast-util-from-html'
import { defaultSchema, sanitize, type Schema } from 'hast-util-sanitize'
import { toHtml } from 'hast-util-to-html'
import { CLOBBER_PREFIX } from '../platform/markdown/sanitize-schema.ts'
import { forReaders } from '../site/reader-html.ts'

/**
 * Blocks whose words did not change, shown on a redline as the reading page shows them: headings,
 * tables, lists and footnotes as the guide has them, not a run of words.
 *
 * The HTML comes from the edition's stored page (its blocks marked by render.ts), which Gloss rendered
 * and sanitised at import; it is sanitised again here all the same, with GitHub's schema and no
 * second prefix on the ids it already carries, so nothing stored can put more on this page than the
 * schema lets through.
 */
const SCHEMA: Schema = { ...defaultSchema, clobberPrefix: '' }

/** Where an id may be referred to from within HTML: footnote calls name their section's heading. */
const REFERRING = ['ariaDescribedBy', 'ariaLabelledBy'] as const

const isElement = (node: ElementContent): node is Element => node.type === 'element'

const ordinalOf = (element: Element): number | undefined => {
  const mark = element.properties.dataBlock
  return mark === undefined || mark === null ? undefined : Number(mark)
}

/**
 * A list item stands alone on a redline, so it takes a list of its own around it: the same kind of
 * list, numbered from where it stood (a footnote keeps its number and the id its calls point at).
 */
function itemInList(item: Element, list: Element, index: number): Element {
  const inner = item.children.find(
    (child): child is Element => isElement(child) && child.tagName === 'gloss-block',
  )
  const id = item.properties.id
  const li: Element = {
    type: 'element',
    tagName: 'li',
    properties: {
      className: item.properties.className,
      // The key a list item carries as its id belongs to the reading page; a footnote's id is the guide's.
      id: typeof id === 'string' && id.startsWith(CLOBBER_PREFIX) ? id : undefined,
    },
    children: inner ? inner.children : item.children,
  }
  const start = Number(list.properties.start ?? 1) + index
  return {
    type: 'element',
    tagName: list.tagName,
    properties: {
      className: list.properties.className,
      start: list.tagName === 'ol' && start !== 1 ? start : undefined,
    },
    children: [li],
  }
}

/** The content of each wanted block of a stored page, by its ordinal, in the page's own elements. */
function blocksOfPage(page: string, wanted: ReadonlySet<number>): Map<number, ElementContent[]> {
  const found = new Map<number, ElementContent[]>()
  const visit = (parent: Root | Element) => {
    let index = 0
    for (const child of parent.children) {
      if (child.type !== 'element') continue
      const ordinal = ordinalOf(child)
      if (ordinal === undefined) visit(child)
      else if (wanted.has(ordinal)) {
        if (child.tagName === 'li' && parent.type === 'element')
          found.set(ordinal, [itemInList(child, parent, index)])
        else found.set(ordinal, child.children)
      }
      if (child.tagName === 'li') index++
    }
  }
  visit(fromHtml(page, { fragment: true }))
  return found
}

const decodeFragment = (fragment: string): string => {
  try {
    return decodeURIComponent(fragment)
  } catch {
    return fragment
  }
}

function elementsOf(node: Root | Element, into: Element[] = []): Element[] {
  for (const child of node.children) {
    if (child.type !== 'element') continue
    into.push(child)
    elementsOf(child, into)
  }
  return into
}

/**
 * The HTML of some blocks of an edition's stored page, by key, for one page that shows them all (a
 * redline). Ids stay only where they are the guide's own and not already on the page; a link within
 * the guide reaches its target on this page where it is here (a footnote shown unchanged), else on the
 * reading page it was written for (`reading`); a reference to an id not here is dropped. Headings go
 * down a level, under the redline's own title.
 */
export function blocksAsRead(
  page: string,
  blocks: readonly { key: string; ordinal: number }[],
  reading: string,
): Map<string, string> {
  if (blocks.length === 0) return new Map()
  const content = blocksOfPage(page, new Set(blocks.map((b) => b.ordinal)))
  const trees = blocks.flatMap(({ key, ordinal }) => {
    const children = content.get(ordinal)
    if (!children) return []
    return [{ key, tree: sanitize({ type: 'root', children }, SCHEMA) as Root }]
  })

  const ids = new Set<string>()
  const elements = trees.map(({ tree }) => elementsOf(tree))
  for (const element of elements.flat()) {
    const id = element.properties.id
    if (id === undefined) continue
    // The page's own ids (block keys) have no prefix, so a guide's id cannot take one of them.
    if (typeof id === 'string' && id.startsWith(CLOBBER_PREFIX) && !ids.has(id)) ids.add(id)
    else delete element.properties.id
  }
  for (const element of elements.flat()) {
    // The redline page has its own title as its one h1: the guide's headings sit a level below it.
    const level = /^h([1-6])$/.exec(element.tagName)?.[1]
    if (level !== undefined) element.tagName = `h${String(Math.min(Number(level) + 1, 6))}`
    const { href } = element.properties
    if (typeof href === 'string' && href.startsWith('#') && !ids.has(decodeFragment(href.slice(1))))
      element.properties.href = `${reading}${href}`
    for (const name of REFERRING) {
      const value = element.properties[name]
      if (!Array.isArray(value)) continue
      const kept = value.filter((v) => typeof v === 'string' && ids.has(v))
      element.properties[name] = kept.length > 0 ? kept : undefined
    }
  }
  return new Map(trees.map(({ key, tree }) => [key, forReaders(toHtml(tree))]))
}
