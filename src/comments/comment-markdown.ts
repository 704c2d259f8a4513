import type { Element, Root as HastRoot } from 'hast'
import { defaultSchema, sanitize, type Schema } from 'hast-util-sanitize'
import { toHtml } from 'hast-util-to-html'
import type { RootContent } from 'mdast'
import { toHast } from 'mdast-util-to-hast'
import remarkGfm from 'remark-gfm'
import remarkParse from 'remark-parse'
import { unified } from 'unified'
import { invalid } from '../kernel/errors.ts'
import { commentMarkdown } from '../platform/markdown/limits.ts'

/** Comments get a small Markdown: emphasis, links, lists, quotes and code; no headings, images or HTML. */
const parser = unified().use(remarkParse).use(remarkGfm).freeze()

const schema: Schema = {
  ...defaultSchema,
  tagNames: ['p', 'br', 'em', 'strong', 'del', 'a', 'code', 'pre', 'ul', 'ol', 'li', 'blockquote'],
  attributes: { a: ['href', 'rel'], ol: ['start'], '*': [] },
  clobber: [],
  protocols: { href: ['http', 'https', 'mailto'] },
}

/**
 * Headings become paragraphs, images their description, raw HTML plain text: whatever a person typed is
 * shown, none of it can restyle the page or run.
 */
function tame(nodes: RootContent[]): RootContent[] {
  return nodes.map((node): RootContent => {
    if (node.type === 'heading') return { type: 'paragraph', children: node.children }
    if (node.type === 'image') return { type: 'text', value: node.alt ?? '' }
    if (node.type === 'imageReference') return { type: 'text', value: node.alt ?? '' }
    if (node.type === 'html') return { type: 'text', value: node.value }
    if ('children' in node) (node as { children: RootContent[] }).children = tame(node.children)
    return node
  })
}

function relOnLinks(node: HastRoot | Element): void {
  for (const child of node.children) {
    if (child.type !== 'element') continue
    if (child.tagName === 'a') child.properties.rel = ['nofollow', 'ugc', 'noopener']
    relOnLinks(child)
  }
}

/**
 * Refuses (422) a body too deep or too costly to render, before it is parsed (limits.ts,
 * markdown-cost.ts); otherwise answers with its estimated work, for the caller to choose where to render.
 */
export function checkCommentBody(body: string): number {
  const { problem, work } = commentMarkdown(body)
  if (problem) throw invalid(problem.message, [{ pointer: '/body', detail: problem.message }])
  return work
}

/**
 * Prose with nothing Markdown would read as markup: letters, digits, marks, symbols beyond ASCII
 * ("×", "©", "→", emoji), spaces within lines, ordinary punctuation, hyphens inside a line (half of
 * real comments have one: "well-known", "2024-25"), square brackets and `^` (reviewers cite "[3]" and
 * "[^2]": with no link definition in the body they stay as typed), and `&` that starts no character
 * reference ("R & D"). Left out: every other character that can open markup (`*_~\`<>#|=+\\`), a line
 * that starts with a hyphen (a list, a rule, a heading's underline) or with a number and `.` or `)` (a
 * list), a line with space at either end (code, a hard break), a link or a definition (`](`, `]:`),
 * what may be a character reference (`&copy;`, `&#169;`: CommonMark reads one only with its `;`, so
 * "M&Ms" and "Q&A" stay prose), and anything GFM would make a link of (`://`, `www.`, `@`).
 */
const PLAIN = /^(?:[\p{L}\p{N}\p{M} \n.,;:!?'"()/%’‘“”–—…€£$&^[\]-]|(?![\0-\x7f])\p{S})*$/u
const NOT_PLAIN =
  /(^|\n)(\d+[.)]|[ :-])|[ ](\n|$)|:\/\/|www\.|@|\]\(|\]:|&(?:[a-z][a-z0-9]*|#[0-9]+|#x[0-9a-f]+);/i

/**
 * Most comments are a few sentences of prose: their HTML is their paragraphs, with only `&` to escape
 * (as the pipeline writes it), and building it skips the Markdown pipeline (the largest part of a
 * post's CPU). Undefined for anything else. A property test holds it to commentHtml's answer for the
 * same body.
 */
export function plainCommentHtml(body: string): string | undefined {
  if (!PLAIN.test(body) || NOT_PLAIN.test(body)) return undefined
  const paragraphs = body
    .split(/\n{2,}/)
    .map((p) => p.replace(/^\n+|\n+$/g, ''))
    .filter((p) => p !== '')
  return paragraphs.map((p) => `<p>${p.replaceAll('&', '&#x26;')}</p>`).join('\n')
}

/** The sanitised HTML of a body already checked (checkCommentBody). */
export function commentHtml(body: string): string {
  const tree = parser.parse(body)
  tree.children = tame(tree.children)
  const hast = sanitize(toHast(tree), schema) as HastRoot
  relOnLinks(hast)
  return toHtml(hast)
}

/** A comment's Markdown as plain words for an excerpt: its emphasis and code marks mean nothing there. */
export const withoutMarks = (body: string): string => body.replace(/\*\*|__|`/g, '')
