import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import type { GuideServer } from './browser-server.ts'
import { BEA, blocksOf, commentByApi, consultSample, RITA, SLUG, type Block } from './journeys.ts'
import { ROOT } from './process.ts'

/** What `consultAndPublish` leaves: the paragraphs it changed and Rita's comments on them. */
export interface Consulted {
  /** Edited in edition 2: one sentence added. */
  edited: Block
  /** Removed in edition 2. */
  removed: Block
  /** Left as it was, though a comment asked for a change. */
  kept: Block
  comments: { edited: string; removed: string; kept: string; general: string }
}

/** A paragraph written on one line of the source, so a revision can change it by its text. */
const plainParagraph = (blocks: Block[], source: string, skip: number) => {
  const found = blocks.filter(
    (b) => b.kind === 'paragraph' && b.text.length > 150 && source.includes(`\n${b.text}\n`),
  )[skip]
  if (!found) throw new Error('The sample guide has too few plain paragraphs')
  return found
}

/**
 * The story journeys 6 to 8 start from, on a server started with the sample guide open and no admin,
 * set up through the API by the one fixture builder: edition 1 of the sample guide open,
 * Rita (rita@example.org) comments on three paragraphs and Bea in the general discussion, Ada decides
 * on each with a response, closes the consultation, and publishes edition 2, in which one paragraph
 * is edited, one removed and one kept.
 */
export async function consultAndPublish(server: GuideServer): Promise<Consulted> {
  const source = await readFile(join(ROOT, 'content', 'councillors-online.md'), 'utf8')
  // A new guide keeps reviewers' names from the public; this consultation publishes them.
  const consultation = await consultSample(server, { rita: RITA, bea: BEA }, { namesPublic: true })
  const ada = consultation.admin.send
  const { rita, bea } = consultation.people
  const blocks = await blocksOf(server.url, SLUG, 1)
  const [edited, removed, kept] = [0, 3, 6].map((skip) => plainParagraph(blocks, source, skip)) as [
    Block,
    Block,
    Block,
  ]
  const comments = {
    edited: await commentByApi(rita.send, edited.key, {
      kind: 'comment',
      body: 'Say it covers personal accounts.',
    }),
    removed: await commentByApi(rita.send, removed.key, {
      kind: 'comment',
      body: 'This paragraph repeats another.',
    }),
    kept: await commentByApi(rita.send, kept.key, { kind: 'reflection', body: 'Could this be shorter?' }),
    general: await commentByApi(bea.send, null, { kind: 'comment', body: 'A clear guide overall.' }),
  }
  const decide = async (id: string, decision: string, response: string) => {
    const answer = await ada('PUT', `/api/comments/${id}/decision`, { decision, response })
    if (answer.status !== 200) throw new Error(`Deciding answered ${String(answer.status)}`)
  }
  await decide(comments.edited, 'accepted', 'We now say it covers personal accounts.')
  await decide(comments.removed, 'accepted', 'We took the paragraph out.')
  await decide(comments.kept, 'not-accepted', 'Readers told us they want the detail.')
  await decide(comments.general, 'noted', 'Thank you.')
  const move = async (n: number, to: string) => {
    const answer = await ada('POST', `/api/guides/${SLUG}/editions/${String(n)}/transitions`, { to })
    if (answer.status !== 200)
      throw new Error(`Making edition ${String(n)} ${to} answered ${String(answer.status)}`)
  }
  await move(1, 'closed')
  const revised = source
    .replace(`\n${edited.text}\n`, `\n${edited.text} This applies to personal accounts too.\n`)
    .replace(`\n${removed.text}\n`, '\n')
  const created = await ada('POST', `/api/guides/${SLUG}/editions`, { markdown: revised })
  if (created.status !== 201) throw new Error(`Creating edition 2 answered ${String(created.status)}`)
  await move(2, 'published')
  return { edited, removed, kept, comments }
}
