import { describe, expect, it } from 'vitest'
import enElements from '../../../src/platform/i18n/elements/en.json' with { type: 'json' }
import cyElements from '../../../src/platform/i18n/elements/cy.json' with { type: 'json' }
import { formatterFor } from '../../../src/platform/i18n/format.ts'
import { translator } from '../../../src/platform/i18n/messages.ts'
import { KIND_HINTS, KIND_LABELS } from '../../../src/kernel/kind-label.ts'
import { DECISION_LABELS } from '../../../src/kernel/decision-label.ts'
import { COMMENT_KINDS, DECISIONS } from '../../../src/kernel/words.ts'
import { formatInZone } from '../../../src/kernel/time-zone.ts'

/**
 * The thread panel names a comment's kind and the editors' decision as every page does: the elements
 * carry their own copy of those words (the bundle holds only the elements' catalogue), so a kind
 * renamed on the pages and not in the panel, in either language, fails here.
 */
const element = {
  en: formatterFor('en', enElements as Record<string, string>),
  cy: formatterFor('cy', cyElements as Record<string, string>),
}

describe('the thread panel’s words for kinds and decisions', () => {
  it('are the kernel’s in English, hints included', () => {
    for (const kind of COMMENT_KINDS) {
      expect(element.en('commentKind.label', { kind })).toBe(KIND_LABELS[kind])
      expect(element.en('commentKind.hint', { kind })).toBe(KIND_HINTS[kind])
    }
    for (const decision of DECISIONS)
      expect(element.en(`commentDecision.${decision}`)).toBe(DECISION_LABELS[decision])
  })

  it('are the pages’ in Welsh', () => {
    const pages = translator('cy')
    for (const kind of COMMENT_KINDS) {
      expect(element.cy('commentKind.label', { kind })).toBe(pages(`kind.${kind}`))
      expect(element.cy('commentKind.hint', { kind })).not.toBe(KIND_HINTS[kind])
    }
    for (const decision of DECISIONS)
      expect(element.cy(`commentDecision.${decision}`)).toBe(pages(`decision.${decision}`))
  })

  it('write a comment’s time as the pages do, with the month’s name in either language', () => {
    const at = { day: '4', year: '2026', time: '09:02', zone: 'GMT' }
    const december = new Date('2026-12-04T09:02:00Z')
    expect(element.en('threadComment.writtenAt', { ...at, month: '12' })).toBe(
      formatInZone(december, 'Europe/London'),
    )
    expect(element.cy('threadComment.writtenAt', { ...at, month: '12' })).toBe(
      formatInZone(december, 'Europe/London', 'cy'),
    )
    for (let month = 1; month <= 12; month++) {
      const date = new Date(Date.UTC(2026, month - 1, 4, 9, 2))
      const name = (lang: string) => new Intl.DateTimeFormat(`${lang}-GB`, { month: 'long' }).format(date)
      const values = { ...at, month: String(month) }
      expect(element.en('threadComment.writtenAt', values)).toContain(` ${name('en')} `)
      expect(element.cy('threadComment.writtenAt', values)).toContain(` ${name('cy')} `)
    }
  })

  it('name a kind they do not know by itself', () => {
    expect(element.en('commentKind.label', { kind: 'question' })).toBe('question')
    expect(element.cy('commentKind.label', { kind: 'question' })).toBe('question')
  })
})
