import { describe, expect, it } from 'vitest'
import { auditSentence, type AuditFacts } from '../../../src/people/pages/audit-sentence.ts'
import { CATALOGUES, translator } from '../../../src/platform/i18n/messages.ts'
import type { Lang } from '../../../src/platform/i18n/languages.ts'

const facts = (action: string, subject: string, detail: Record<string, unknown>): AuditFacts => ({
  action,
  subject,
  detail,
  actorName: 'Ed Editor',
  guideSlug: 'social',
})
const said = (f: AuditFacts, lang: Lang = 'en') => auditSentence(f, translator(lang), lang).said

describe('audit sentences for campaigns and themes', () => {
  it('reads a campaign decided, drafted and split as sentences, not codes', () => {
    expect(said(facts('campaign.decided', '7', { decision: 'not-accepted', count: 600 }))).toBe(
      'Ed Editor decided “not accepted” on campaign 7, 600 comments at once on “social”',
    )
    expect(said(facts('campaign.decision-drafted', '7', { decision: 'accepted', count: 1 }))).toBe(
      'Ed Editor drafted the decision “accepted” on campaign 7, 1 comment at once on “social”',
    )
    expect(said(facts('campaign.split-out', '42', { campaign: 7 }))).toBe(
      'Ed Editor took comment 42 out of campaign 7 on “social”',
    )
  })

  it('reads a theme created, renamed, changed, answered and deleted by its name', () => {
    expect(said(facts('theme.created', '3', { name: 'Training', comments: 4 }))).toBe(
      'Ed Editor created the theme “Training” with 4 comments on “social”',
    )
    expect(said(facts('theme.created', '3', { name: 'Training', comments: 0 }))).toBe(
      'Ed Editor created the theme “Training” on “social”',
    )
    expect(said(facts('theme.changed', '3', { name: 'Training for all', was: 'Training' }))).toBe(
      'Ed Editor renamed the theme “Training” to “Training for all” on “social”',
    )
    expect(said(facts('theme.changed', '3', { name: 'Training' }))).toBe(
      'Ed Editor changed the theme “Training” on “social”',
    )
    expect(said(facts('theme.answered', '3', { name: 'Training' }))).toBe(
      'Ed Editor wrote the response to the theme “Training” on “social”',
    )
    expect(said(facts('theme.deleted', '3', { name: 'Training' }))).toBe(
      'Ed Editor deleted the theme “Training” on “social”',
    )
  })
})

describe('audit sentences in Welsh', () => {
  it('puts the verb first, names the decision and counts in Welsh', () => {
    expect(said(facts('comment.hidden', '9', { reason: 'spam' }), 'cy')).toBe(
      'Cuddiodd Ed Editor sylw gan cyn-gyfranogwr',
    )
    expect(said({ ...facts('comment.hidden', '9', {}), commentAuthorName: 'Bea' }, 'cy')).toBe(
      'Cuddiodd Ed Editor sylw gan Bea',
    )
    expect(said(facts('campaign.decided', '7', { decision: 'not-accepted', count: 600 }), 'cy')).toBe(
      'Penderfynodd Ed Editor “ni dderbyniwyd” ar ymgyrch 7, 600 sylw ar unwaith ar “social”',
    )
    expect(said(facts('invitation.created', 'reviewer', {}), 'cy')).toBe(
      'Gwnaeth Ed Editor ddolen wahodd ar gyfer adolygydd ar “social”',
    )
    expect(said(facts('edition.transition', '2: draft → published', {}), 'cy')).toBe(
      'Symudodd Ed Editor argraffiad 2 o “drafft” i “wedi’i gyhoeddi” ar “social”',
    )
    expect(said(facts('edition.transition', '1: open → closed', {}))).toBe(
      'Ed Editor moved edition 1 from open to closed on “social”',
    )
    expect(said({ ...facts('sign-in.failed', 'x@example.org', {}), actorName: null }, 'cy')).toBe(
      'Methodd Rhywun â mewngofnodi fel x@example.org',
    )
  })

  it('has a sentence in both languages for every action Gloss records, none falling back to its code', () => {
    const actions = Object.keys(CATALOGUES.en)
      .filter((key) => key.startsWith('audit.') && key.split('.').length > 2)
      .map((key) => key.slice('audit.'.length))
      .filter(
        (action) =>
          !['comment.decidedMany', 'theme.renamed', 'role.removed', 'edition.moved'].includes(action),
      )
    expect(actions.length).toBeGreaterThan(35)
    for (const action of actions)
      for (const lang of ['en', 'cy'] as const) {
        const sentence = said(
          { ...facts(action, 'reviewer', { role: 'editor', count: 2 }), commentAuthorName: 'Bea' },
          lang,
        )
        expect(sentence, `${action} in ${lang}`).toContain('Ed Editor')
        expect(sentence, `${action} in ${lang}`).not.toContain(action)
        expect(sentence, `${action} in ${lang}`).not.toMatch(/[{}]/)
      }
    expect(said(facts('something.new', 'x', {}))).toBe('Ed Editor recorded “something.new” (x)')
  })
})
