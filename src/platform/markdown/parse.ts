import type { Root } from 'mdast'
import remarkFrontmatter from 'remark-frontmatter'
import remarkGfm from 'remark-gfm'
import remarkParse from 'remark-parse'
import { unified } from 'unified'
import { parse as parseYaml } from 'yaml'
import { DomainError } from '../../kernel/errors.ts'
import { checkSource } from './limits.ts'

/** The one Markdown parser: CommonMark, GFM and YAML front matter. Frozen, so nothing can reconfigure it. */
const parser = unified().use(remarkParse).use(remarkGfm).use(remarkFrontmatter, ['yaml']).freeze()

export type InitialState = 'draft' | 'open' | 'published'

export interface FrontMatter {
  title?: string
  slug?: string
  summary?: string
  lang?: string
  state?: InitialState
}

export interface ParsedSource {
  tree: Root
  frontMatter: FrontMatter
}

/** Parses a source after checking its size, text and nesting. */
export function parseSource(source: string): ParsedSource {
  checkSource(source)
  const tree = parser.parse(source)
  const yamlNode = tree.children[0]?.type === 'yaml' ? tree.children[0] : undefined
  return { tree, frontMatter: yamlNode ? readFrontMatter(yamlNode.value) : {} }
}

const STRING_KEYS = ['title', 'slug', 'summary', 'lang'] as const
const STATES: readonly string[] = ['draft', 'open', 'published']

function readFrontMatter(yaml: string): FrontMatter {
  let data: unknown
  try {
    data = parseYaml(yaml)
  } catch (error) {
    throw frontMatterProblem(
      `The front matter is not valid YAML: ${(error as Error).message.split('\n')[0] ?? ''}`,
    )
  }
  if (data === null || data === undefined) return {}
  if (typeof data !== 'object' || Array.isArray(data))
    throw frontMatterProblem('The front matter must be a mapping.')
  const record = data as Record<string, unknown>
  const result: FrontMatter = {}
  for (const key of STRING_KEYS) {
    const value = record[key]
    if (value === undefined || value === null) continue
    if (typeof value !== 'string' && typeof value !== 'number') {
      throw frontMatterProblem(`The front matter's "${key}" must be text.`)
    }
    result[key] = String(value).trim()
  }
  const state = record.state
  if (state !== undefined && state !== null) {
    if (typeof state !== 'string' || !STATES.includes(state)) {
      throw frontMatterProblem('The front matter\'s "state" must be draft, open or published.')
    }
    result.state = state as InitialState
  }
  return result
}

const frontMatterProblem = (message: string) =>
  new DomainError('invalid-front-matter', message, [{ pointer: '/markdown', detail: message }])
