import { describe, expect, it } from 'vitest'
import { AUDIT_ACTIONS } from '../../../src/audit/audit-actions.ts'
import { auditSentence } from '../../../src/people/pages/audit-sentence.ts'
import { JOB_KIND_WORDS, kindName } from '../../../src/instance/pages/background-work.page.tsx'
import { jobHandlers } from '../../../src/jobs.ts'
import { loadConfig } from '../../../src/config.ts'
import type { Database } from '../../../src/platform/db/database.ts'
import { CATALOGUES, translator } from '../../../src/platform/i18n/messages.ts'
import { LANGUAGES as LANGS } from '../../../src/platform/i18n/languages.ts'

/**
 * Admins read the audit log and the job queue in words: every action recordAudit can be given (its
 * type is AUDIT_ACTIONS) and every kind of job a process runs has words in English and Welsh, so a new
 * one added without them fails here rather than showing "comment.suggestion-accepted" on a page.
 */
describe('every audit action and job kind has words', () => {
  const facts = (action: string) => ({
    action,
    subject: '12',
    detail: { decision: 'accepted', count: 2, name: 'Training', retentionDays: 30, moderation: 'pre' },
    actorName: 'Edna',
    guideSlug: 'council',
    commentAuthorName: 'Bea',
    subjectPersonName: 'Bea',
  })

  it.each(LANGS)('says every audit action as a sentence in %s, never its code', (lang) => {
    const unsaid = AUDIT_ACTIONS.filter((action) => {
      const key = `audit.${action}`
      if (!Object.hasOwn(CATALOGUES.en, key) || !Object.hasOwn(CATALOGUES[lang], key)) return true
      return auditSentence(facts(action), translator(lang), lang).said.includes(action)
    })
    expect(unsaid).toEqual([])
  })

  it.each(LANGS)('names every kind of job a process runs in %s', (lang) => {
    const withMail = loadConfig({
      SMTP_URL: 'smtp://127.0.0.1:2525',
      MAIL_FROM: 'gloss@example.org',
      PUBLIC_URL: 'https://gloss.example.org',
    })
    // The handlers are only listed here, never run, so they need no database.
    const kinds = jobHandlers(withMail, { db: {} } as unknown as Database).map((h) => h.kind)
    expect(kinds).toContain('privacy.retention')
    const unnamed = kinds.filter((kind) => {
      const key = JOB_KIND_WORDS[kind]
      return !key || !Object.hasOwn(CATALOGUES[lang], key) || kindName(translator(lang), kind) === kind
    })
    expect(unnamed).toEqual([])
  })
})
