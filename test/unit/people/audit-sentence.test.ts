import { describe, expect, it } from 'vitest'
import { auditSentence, type AuditFacts } from '../../../src/people/pages/audit-sentence.ts'

const facts = (action: string, subject: string, detail: Record<string, unknown>): AuditFacts => ({
  action,
  subject,
  detail,
  actorName: 'Ed Editor',
  guideSlug: 'social',
})
const said = (f: AuditFacts) => {
  const { who, did } = auditSentence(f)
  return `${who} ${did}`
}

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
