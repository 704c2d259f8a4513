import { describe, expect, it } from 'vitest'
import { LandingList } from '../../../src/editions/pages/landing-list.tsx'
import type { DraftPreview } from '../../../src/editions/draft-preview.service.ts'

const comments = new Map([
  [
    '1',
    {
      id: '1',
      kind: 'suggestion',
      state: 'published',
      decision: 'partly-accepted',
      excerpt: 'Say “councillors” here.',
      author: 'Rhian',
      writtenOn: 2,
    },
  ],
  [
    '2',
    {
      id: '2',
      kind: 'comment',
      state: 'pending',
      decision: 'open',
      excerpt: 'Too long.',
      author: 'Ed',
      writtenOn: 2,
    },
  ],
]) as unknown as DraftPreview['comments']

const html = async (language: 'en' | 'cy', what: 'onBlock' | 'toRemoved') =>
  String(await (<LandingList ids={['1', '2']} comments={comments} what={what} language={language} />))

/** The comments a draft carries, and what was decided on each, as the editor reads them in each language. */
describe('the list of comments a block carries into the next edition', () => {
  it('names kinds and decisions with the labels every other page uses, in lower case mid-sentence', async () => {
    const english = await html('en', 'onBlock')
    expect(english).toContain('2 comments on this block')
    expect(english).toContain('(edition 2, suggested wording')
    expect(english).toContain(', partly accepted)')
    // An open comment has no decision to tell; one held for moderation says so.
    expect(english).toContain(', awaiting moderation)')
    expect(english).not.toContain('Open (no decision yet)')
    expect(english).toMatch(/\(edition 2, comment<\/span><span class="muted">, awaiting moderation\)/)
  })

  it('says the same in Welsh', async () => {
    const welsh = await html('cy', 'toRemoved')
    expect(welsh).toContain('2 sylw a fydd yn mynd i “sylwadau ar destun a dynnwyd”')
    expect(welsh).toContain('(argraffiad 2, geiriad a awgrymir')
    expect(welsh).toContain(', derbyniwyd yn rhannol)')
    expect(welsh).toContain(', yn aros am gymedroli)')
  })
})
