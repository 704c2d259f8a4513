import { fromHtml } from 'hast-util-from-html'
import type { Element, Nodes } from 'hast'
import { CATALOGUES } from '../../src/platform/i18n/messages.ts'

/**
 * The English interface strings left on a page served in Welsh: each English message whose Welsh
 * differs, cut at its ICU arguments into the fixed words around them, looked for in the page's text.
 * Text marked as another language (`lang="en"`, as a guide's own English text is, or the switch's
 * "English") is left out, since it is meant to be there; so are scripts, styles and the page's
 * `<head>` apart from its title, `<code>`, and what people wrote (comment bodies).
 */
export function englishLeftIn(html: string): string[] {
  const text = welshText(fromHtml(html))
  const found: string[] = []
  for (const [key, english] of Object.entries(CATALOGUES.en)) {
    const welsh = (CATALOGUES.cy as Record<string, string>)[key]
    if (welsh === undefined || welsh === english) continue
    for (const words of fixedWords(english))
      // Words the Welsh message has too (the name "Gloss" in a title) are not English left behind.
      if (!welsh.includes(words) && new RegExp(`(^|[^\\p{L}])${escape(words)}($|[^\\p{L}])`, 'u').test(text))
        found.push(`${key}: “${words}”`)
  }
  return found
}

/** The words of a message outside its `{arguments}` (plural and select bodies left out too). */
function fixedWords(message: string): string[] {
  let depth = 0
  let piece = ''
  const pieces: string[] = []
  for (const ch of message) {
    if (ch === '{') {
      if (depth === 0) pieces.push(piece)
      piece = ''
      depth++
    } else if (ch === '}') depth--
    else if (depth === 0) piece += ch
  }
  pieces.push(piece)
  // A fragment of a word or two ("of", ", on") says nothing on its own; three letters and more do.
  return pieces
    .map((p) =>
      p
        .trim()
        .replace(/^[,.:;·]+|[,.:;·]+$/g, '')
        .trim(),
    )
    .filter((p) => /\p{L}{3,}/u.test(p))
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')

function welshText(node: Nodes, inHead = false): string {
  if (node.type === 'text') return node.value
  if (node.type !== 'root' && node.type !== 'element') return ''
  if (node.type === 'element') {
    const element: Element = node
    const lang = element.properties.lang
    if (typeof lang === 'string' && lang !== 'cy' && element.tagName !== 'html') return ' '
    // Code (a problem's `edition-exists`) is for machines and the same in every language.
    if (['script', 'style', 'template', 'code'].includes(element.tagName)) return ' '
    // What people wrote (a comment's body) is in whatever language they wrote it, not the interface's.
    const classes = element.properties.className
    if (Array.isArray(classes) && classes.includes('comment-body')) return ' '
    if (element.tagName === 'head') inHead = true
    if (inHead && element.tagName !== 'head' && element.tagName !== 'title') return ' '
    const attributes = ['ariaLabel', 'title', 'placeholder', 'alt']
      .map((name) => element.properties[name])
      .filter((v): v is string => typeof v === 'string')
    return ` ${attributes.join(' ')} ${node.children.map((child) => welshText(child, inHead)).join('')} `
  }
  return node.children.map((child) => welshText(child, inHead)).join('')
}
