import fc from 'fast-check'
import type { Element, Root } from 'hast'
import { fromHtml } from 'hast-util-from-html'
import { expect } from 'vitest'

/** What Gloss must answer a source with: refused as too deep or too slow to parse, or anything calm. */
export type Expectation = 'too-deep' | 'too-complex' | 'calm'

export interface Bomb {
  name: string
  source: string
  expect: Expectation
}

const lines = (count: number, line: (i: number) => string) =>
  Array.from({ length: count }, (_, i) => line(i)).join('\n')

/**
 * Sources built to hurt a Markdown parser, each named. Nesting comes with every list marker, indented by
 * spaces or tabs, with quotes inside lists and footnotes inside both; the inline ones are the patterns
 * micromark pairs by walking back, so they cost the square of their length.
 */
export const BOMBS: Bomb[] = [
  { name: '10,000 quotes on one line', source: `${'> '.repeat(10_000)}x\n`, expect: 'too-deep' },
  { name: '10,000 quote markers without spaces', source: `${'>'.repeat(10_000)}x\n`, expect: 'too-deep' },
  {
    name: '3,000 lines of deepening quotes',
    source: lines(3000, (i) => `${'>'.repeat(i + 1)} x`),
    expect: 'too-deep',
  },
  ...['- ', '* ', '+ ', '1. ', '1) ', '7. '].map((marker) => ({
    name: `10,000 lists on one line with "${marker.trim()}"`,
    source: `${marker.repeat(10_000)}x\n`,
    expect: 'too-deep' as const,
  })),
  {
    name: '2,500 lists indented by two spaces',
    source: lines(2500, (i) => `${'  '.repeat(i)}- x`),
    expect: 'too-deep',
  },
  {
    name: '2,000 ordered lists indented by three',
    source: lines(2000, (i) => `${'   '.repeat(i)}1. x`),
    expect: 'too-deep',
  },
  {
    name: '2,000 lists indented by tabs',
    source: lines(2000, (i) => `${'\t'.repeat(i)}* x`),
    expect: 'too-deep',
  },
  {
    name: '2,000 lists with every marker in turn',
    source: lines(2000, (i) => `${'  '.repeat(i)}${['- ', '1. ', '* ', '1) ', '+ '][i % 5] ?? ''}x`),
    expect: 'too-deep',
  },
  { name: '5,000 quotes inside lists on one line', source: `${'- > '.repeat(5000)}x\n`, expect: 'too-deep' },
  {
    name: '2,000 quotes inside lists by line',
    source: lines(2000, (i) => `${'  '.repeat(i)}- > x`),
    expect: 'too-deep',
  },
  {
    name: '10,000 footnote definitions inside each other',
    source: `${'[^a]: '.repeat(10_000)}x\n\nSee[^a].\n`,
    expect: 'too-deep',
  },
  {
    name: 'quotes, lists and footnotes mixed',
    source: `${'> - 1. [^b]: * '.repeat(3000)}x\n`,
    expect: 'too-deep',
  },
  {
    name: '5,000 nested emphases',
    source: `${'*a '.repeat(5000)}b${' a*'.repeat(5000)}`,
    expect: 'too-deep',
  },
  {
    name: '5,000 nested strong emphases',
    source: `${'**'.repeat(5000)}a${'**'.repeat(5000)}`,
    expect: 'too-deep',
  },
  { name: '5,000 nested images', source: `${'!['.repeat(5000)}a${'](u)'.repeat(5000)}`, expect: 'too-deep' },
  {
    name: '5,000 nested link texts',
    source: `${'[a '.repeat(5000)}b${'](u)'.repeat(5000)}`,
    expect: 'too-deep',
  },
  { name: '20,000 closing stars', source: 'a* '.repeat(20_000), expect: 'too-complex' },
  { name: '20,000 closing brackets', source: 'a] '.repeat(20_000), expect: 'too-complex' },
  { name: '20,000 closing tildes', source: 'a~ '.repeat(20_000), expect: 'too-complex' },
  {
    name: 'underscores opening, stars closing',
    source: `${'_a '.repeat(10_000)}${'a* '.repeat(10_000)}`,
    expect: 'too-complex',
  },
  { name: '10,000 unclosed HTML comments', source: 'a <!-- '.repeat(10_000), expect: 'too-complex' },
  { name: '10,000 unclosed CDATA', source: 'a <![CDATA[ '.repeat(10_000), expect: 'too-complex' },
  { name: '10,000 unclosed declarations', source: 'a <!A '.repeat(10_000), expect: 'too-complex' },
  { name: '10,000 link titles never closed', source: '[a](u ('.repeat(10_000), expect: 'too-complex' },
  { name: 'runs of one, two and three stars', source: '*a**b***c'.repeat(5000), expect: 'too-complex' },
  { name: '100,000 opening brackets', source: '['.repeat(100_000), expect: 'calm' },
  { name: '*a **a *a … with nothing closed', source: '*a **a '.repeat(10_000), expect: 'calm' },
  { name: '5,000 flat emphases', source: '*a* '.repeat(5000), expect: 'calm' },
  { name: '3,000 links', source: '[a](https://example.org) '.repeat(3000), expect: 'calm' },
  { name: '20,000 nested divs', source: '<div>'.repeat(20_000), expect: 'too-deep' },
  { name: '3,000 self-closed spans', source: `a ${'<span/>'.repeat(3000)}`, expect: 'too-deep' },
  {
    name: 'a table of 2,000 columns',
    source: `|${' a |'.repeat(2000)}\n|${' - |'.repeat(2000)}\n${`|${' b |'.repeat(2000)}\n`.repeat(5)}`,
    expect: 'calm',
  },
]

/** Sources large enough to run off the request thread: they may take long, the server may not. */
export const LARGE: Bomb[] = [
  { name: 'a line of 5 MB', source: `# Long\n\n${'word '.repeat(1_000_000)}\n`, expect: 'calm' },
  {
    name: 'a table of 50,000 rows',
    source: `# Rows\n\n| a | b |\n| - | - |\n${'| x | y |\n'.repeat(50_000)}`,
    expect: 'calm',
  },
  {
    name: '6 MB of quotes 10,000 deep',
    source: `${'> '.repeat(10_000)}x\n\n`.repeat(300),
    expect: 'too-deep',
  },
]

/** Pieces of inline Markdown that pair, nest or scan; fuzzing strings them together at random. */
const ATOMS = [
  '*',
  '**',
  '***',
  '_',
  '__',
  '~',
  '~~',
  '*a ',
  ' a*',
  'a*',
  '_a ',
  'a_ ',
  '[',
  ']',
  '![',
  '](u)',
  '](',
  '](<',
  '](u (',
  '](u "',
  '[^a]',
  '<!--',
  '-->',
  '<?',
  '?>',
  '<![CDATA[',
  ']]>',
  '<!A ',
  '<a href="x">',
  '</a>',
  '<span>',
  '`',
  '``',
  '\\',
  '&amp;',
  '&#',
  'www.a.b',
  'http://a.b',
  ' ',
  'a',
  '\n',
  '\n\n',
  '> ',
  '- ',
  '| a ',
  '|\n|-|\n',
  '#',
]

/** Random inline Markdown: atoms repeated in runs, so both long runs and mixtures come up. */
export const inlineSoup = (maxRuns: number, maxRepeat: number) =>
  fc
    .array(
      fc.tuple(
        fc.array(fc.constantFrom(...ATOMS), { minLength: 1, maxLength: 4 }),
        fc.integer({ min: 1, max: maxRepeat }),
      ),
      {
        minLength: 1,
        maxLength: maxRuns,
      },
    )
    .map((runs) => runs.map(([atoms, times]) => atoms.join('').repeat(times)).join(''))

const CONTAINER_MARKERS = ['> ', '>', '- ', '* ', '+ ', '1. ', '1) ', '9. ', '[^n]: ']

/**
 * Container nesting `depth` deep, every level with its own marker: all on one line, or a line per level
 * indented under the one before as CommonMark nests it.
 */
export const nesting = fc
  .record({
    depth: fc.integer({ min: 41, max: 1500 }),
    markers: fc.array(fc.constantFrom(...CONTAINER_MARKERS), { minLength: 1, maxLength: 6 }),
    layout: fc.constantFrom('one line', 'a line per level'),
    tabs: fc.boolean(),
  })
  .map(({ depth, markers, layout, tabs }) => {
    const marker = (i: number) => markers[i % markers.length] ?? '- '
    if (layout === 'one line')
      return { depth, source: `${Array.from({ length: depth }, (_, i) => marker(i)).join('')}x\n` }
    const out: string[] = []
    let prefix = ''
    for (let i = 0; i < depth; i++) {
      const m = marker(i)
      out.push(`${prefix}${m}x`)
      // What continues this level on the next line: the quote marker again, or the item's indentation.
      prefix += m.startsWith('>')
        ? m
        : tabs && m.length <= 4
          ? '\t'
          : ' '.repeat(m.startsWith('[^') ? 4 : m.length)
    }
    return { depth, source: `${out.join('\n')}\n` }
  })

/** Ways to smuggle script into Markdown, each in a place where Markdown allows HTML or URLs. */
export const INJECTIONS = [
  '<script>alert(1)</script>',
  '<SCRIPT SRC=//evil.example/x.js></SCRIPT>',
  '<img src=x onerror=alert(1)>',
  '<a href="javascript:alert(1)">a</a>',
  '<a href="jav&#x09;ascript:alert(1)">tab</a>',
  '<a href=" JaVaScRiPt:alert(1)">spaced</a>',
  '[link](javascript:alert(1))',
  '[link](JAVASCRIPT:alert(1))',
  '[link](javascript&colon;alert(1))',
  '![img](javascript:alert(1))',
  '[ref][evil]\n\n[evil]: javascript:alert(1)',
  '<svg onload=alert(1)>',
  '<svg><script>alert(1)</script></svg>',
  '<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>',
  '<iframe src="https://evil.example"></iframe>',
  '<object data="javascript:alert(1)"></object>',
  '<embed src="javascript:alert(1)">',
  '<form action="javascript:alert(1)"><button formaction="javascript:alert(1)">x</button></form>',
  '<meta http-equiv="refresh" content="0;url=javascript:alert(1)">',
  '<base href="javascript:alert(1)//">',
  '<style>body{background:url(javascript:alert(1))}</style>',
  '<div style="background:url(javascript:alert(1))">styled</div>',
  '<noscript><p title="</noscript><img src=x onerror=alert(1)>">',
  '<a href="data:text/html,<script>alert(1)</script>">data</a>',
  '<details open ontoggle=alert(1)>',
  '<p onclick="alert(1)" onmouseover=alert(1)>click</p>',
  '<video><source onerror="alert(1)"></video>',
  '<a href="vbscript:msgbox(1)">vb</a>',
  '<<script>script>alert(1)<</script>/script>',
  '<!--><script>alert(1)</script>-->',
  '<textarea><script>alert(1)</script></textarea>',
  '<img srcset="javascript:alert(1) 1x">',
]

/** Places in a guide where injected HTML or URLs may sit. */
export const INJECTION_PLACES: ((payload: string) => string)[] = [
  (p) => `${p}\n`,
  (p) => `A paragraph with ${p} inside.\n`,
  (p) => `- an item ${p}\n- another\n`,
  (p) => `> quoted ${p}\n`,
  (p) => `| a | b |\n| - | - |\n| ${p.replace(/\|/g, '\\|').replace(/\n/g, ' ')} | x |\n`,
  (p) => `## Heading ${p.replace(/\n/g, ' ')}\n`,
  (p) => `Text[^x].\n\n[^x]: ${p}\n`,
  (p) => `<div>\n\n${p}\n\n</div>\n`,
]

const DANGEROUS_TAGS = new Set([
  'script',
  'iframe',
  'object',
  'embed',
  'style',
  'base',
  'meta',
  'link',
  'form',
  'frame',
  'frameset',
  'svg',
  'math',
  'noscript',
  'template',
  'textarea',
])
const URL_PROPERTIES = [
  'href',
  'src',
  'action',
  'formAction',
  'srcSet',
  'poster',
  'data',
  'background',
  'xLinkHref',
  'cite',
]

/**
 * Sanitised HTML: no element that runs script, no event handler, no script URL. A whole page may have
 * Gloss's own frame (forms, meta, link, its module script from /assets/), nothing more.
 */
export function expectSafeHtml(html: string, where: string, options: { page?: boolean } = {}): void {
  const tree = fromHtml(html, { fragment: !options.page })
  const walk = (node: Root | Element) => {
    for (const child of node.children) {
      if (child.type !== 'element') continue
      const tag = child.tagName
      if (options.page && tag === 'script') {
        const src = child.properties.src
        expect(
          typeof src === 'string' && src.startsWith('/assets/'),
          `a <script> not from /assets/ in ${where}`,
        ).toBe(true)
        expect(child.children, `an inline script in ${where}`).toEqual([])
      } else if (!options.page || !PAGE_FRAME.has(tag)) {
        expect(DANGEROUS_TAGS.has(tag), `<${tag}> in ${where}: ${html.slice(0, 300)}`).toBe(false)
      }
      for (const [name, value] of Object.entries(child.properties)) {
        expect(/^on/i.test(name), `${name} on <${tag}> in ${where}`).toBe(false)
        if (!options.page) expect(name, `a style attribute in ${where}`).not.toBe('style')
        if (URL_PROPERTIES.includes(name)) {
          const url = String(Array.isArray(value) ? value.join(' ') : value).replace(/[\s\p{Cc}]/gu, '')
          expect(url, `${name} on <${tag}> in ${where}`).not.toMatch(/^(javascript|vbscript|data):/i)
        }
      }
      walk(child)
    }
  }
  walk(tree)
}

/** What Gloss's own page frame holds around a guide. */
const PAGE_FRAME = new Set(['form', 'textarea', 'meta', 'link', 'svg', 'template', 'noscript'])
