import type { Element, Root, RootContent } from 'hast'
import { fromHtml } from 'hast-util-from-html'
import { toHtml } from 'hast-util-to-html'

/**
 * SPEC.md's splitting invariant, as a reader of the contract would check it: remove the `<gloss-block>`
 * wrappers and every `data-*` attribute, ignore `id` and `class` on list items and headings, drop
 * comments and white space between elements. Gloss's reading-page furniture (`gloss-margin`) goes too.
 */
export function normalisePage(html: string): string {
  return toHtml(clean(fromHtml(html, { fragment: true })))
}

const HEADING_OR_ITEM = /^(h[1-6]|li)$/

function clean(root: Root): Root {
  const walk = (nodes: readonly RootContent[]): RootContent[] => collapseText(nodes.flatMap(cleanNode))
  const cleanNode = (node: RootContent): RootContent[] => {
    if (node.type === 'comment' || node.type === 'doctype') return []
    if (node.type !== 'element') return [node]
    if (node.tagName === 'gloss-margin') return []
    if (node.tagName === 'gloss-block') return walk(node.children)
    const properties = Object.fromEntries(
      Object.entries(node.properties).filter(([name]) =>
        !name.startsWith('data') || !/^data[A-Z]/.test(name)
          ? !(HEADING_OR_ITEM.test(node.tagName) && (name === 'id' || name === 'className'))
          : false,
      ),
    )
    const element: Element = { type: 'element', tagName: node.tagName, properties, children: [] }
    element.children = walk(node.children) as Element['children']
    return [element]
  }
  return { type: 'root', children: walk(root.children) }
}

/** Adjacent text (left next to each other once wrappers go) becomes one, its white space collapsed. */
function collapseText(nodes: RootContent[]): RootContent[] {
  const result: RootContent[] = []
  for (const node of nodes) {
    const last = result[result.length - 1]
    if (node.type === 'text' && last?.type === 'text') last.value += node.value
    else result.push(node.type === 'text' ? { type: 'text', value: node.value } : node)
  }
  return result.flatMap((node): RootContent[] => {
    if (node.type !== 'text') return [node]
    const value = node.value.replace(/\s+/g, ' ')
    return value.trim() === '' ? [] : [{ type: 'text', value }]
  })
}

/** Every `href="#x"` in the page that has no element with id x. */
export function brokenInPageLinks(html: string): string[] {
  const ids = new Set([...html.matchAll(/\sid="([^"]*)"/g)].map((m) => m[1]))
  return [...html.matchAll(/\shref="#([^"]*)"/g)]
    .map((m) => decodeURIComponent(m[1] ?? ''))
    .filter((target) => !ids.has(target))
}

/**
 * The guide's text on a reading page: what is inside the skip link's target (`id="text"`), found by
 * parsing the page rather than by where the element happens to end, so furniture added after it
 * (the follow form, the colophon) never makes the invariant check compare an empty string.
 */
export function guideText(page: string): string {
  const found = findById(fromHtml(page).children, 'text')
  if (!found) throw new Error('the page has no element with id="text"')
  return toHtml(found.children)
}

function findById(nodes: readonly RootContent[] | Element['children'], id: string): Element | undefined {
  for (const node of nodes) {
    if (node.type !== 'element') continue
    if (node.properties.id === id) return node
    const inner = findById(node.children, id)
    if (inner) return inner
  }
  return undefined
}
