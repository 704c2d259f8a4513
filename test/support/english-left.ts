import { fromHtml } from 'hast-util-from-html'
import type { Element, Nodes } from 'hast'
import { CATALOGUES } from '../../src/platform/i18n/messages.ts'

/**
 * The English interface strings left on a page served in Welsh: each English message whose Welsh
 * differs, cut at its ICU arguments into the fixed words around them, looked for in the page's text.
 * Text marked as another language (`lang="en"`, as a guide's own English text is, or the switch's
 * "English") is left out, since it is meant to be there; so are scripts, styles and the page's
 * `<head>` apart from its title, `<code>`, and what people wrote (comment bodies, form fields). People's
 * names are their own too: `names` ("Rita Reviewer") are left out of the text looked in.
 */
export function englishLeftIn(html: string, names: readonly string[] = []): string[] {
  const text = names.reduce((left, name) => left.replaceAll(name, ' '), welshText(fromHtml(html)))
  const found: string[] = []
  for (const [key, english] of Object.entries(CATALOGUES.en)) {
    const welsh = (CATALOGUES.cy as Record<string, string>)[key]
    if (welsh === undefined || welsh === english) continue
    // The switch names Welsh in Welsh ("Cymraeg") on an English page: a Welsh word, not English left.
    if (key === 'layout.switchLanguage') continue
    for (const words of fixedWords(english))
      // Words the Welsh message has too (the name "Gloss" in a title) are not English left behind.
      if (!welsh.includes(words)) {
        const at = new RegExp(`(^|[^\\p{L}])${escape(words)}($|[^\\p{L}])`, 'u').exec(text)
        // Said with the words around it, so a failure shows where on the page it is.
        if (at) found.push(`${key}: “${words}” in “…${around(text, at.index)}…”`)
      }
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

const around = (text: string, at: number) =>
  text
    .slice(Math.max(0, at - 40), at + 50)
    .replace(/\s+/g, ' ')
    .trim()

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
    // A form field's words are what a person wrote, or the guide's text they start from (a suggestion).
    if (element.tagName === 'textarea') return ' '
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

/**
 * A script for `page.evaluate` giving the page as HTML with every element's shadow root written
 * inline, where its words are, so englishLeftIn reads what the elements say too.
 */
export const htmlWithShadowRoots = (selector = 'html') => `(() => {
  const escape = (text) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/"/g, '&quot;')
  const write = (node) => {
    if (node.nodeType === Node.TEXT_NODE) return escape(node.textContent)
    if (!(node instanceof Element)) return ''
    const attributes = [...node.attributes].map((a) => ' ' + a.name + '="' + escape(a.value) + '"').join('')
    const inside = [...(node.shadowRoot?.childNodes ?? []), ...node.childNodes].map(write).join('')
    return '<' + node.localName + attributes + '>' + inside + '</' + node.localName + '>'
  }
  return write(document.querySelector(${JSON.stringify(selector)}))
})()`
