import { afterAll, beforeAll, expect, it } from 'vitest'
import { describeInBrowser } from '../support/browser.ts'
import { PASSWORD } from '../support/session.ts'
import {
  BEA,
  blocksOf,
  commentByApi,
  commentsButton,
  openConsultation,
  RITA,
  shot,
  type Block,
} from '../support/journeys.ts'
import type { Page } from 'playwright-core'

const SLUG = 'parcio'
const ENGLISH = `# Parking near the school

Park only in marked bays near the school gates.

Residents may apply for a permit at the council office.
`
const WELSH = `# Parcio ger yr ysgol

Parciwch mewn baeau wedi’u marcio ger gatiau’r ysgol yn unig.

Gall preswylwyr wneud cais am drwydded yn swyddfa’r cyngor.
`

/**
 * Journey 12 of SPEC.md: a Welsh speaker uses the site in Welsh, reads the guide's Welsh text, and
 * comments in Welsh on the same paragraph an English speaker commented on in English; each reads both
 * comments beside their own language's text.
 */
describeInBrowser(
  'journey 12: a Welsh speaker reads the Welsh text and comments beside an English comment',
  () => {
    let consultation: Awaited<ReturnType<typeof openConsultation>>
    let bays: Block

    beforeAll(async () => {
      consultation = await openConsultation()
      const { ada, bea, rita } = consultation
      const ok = async (response: Promise<Response>, status = 200) => {
        const answer = await response
        if (answer.status !== status)
          throw new Error(`${answer.url} ${String(answer.status)}: ${await answer.text()}`)
        return answer
      }
      await ok(ada('POST', '/api/guides', { markdown: ENGLISH, slug: SLUG }), 201)
      await ok(ada('POST', `/api/guides/${SLUG}/editions/1/transitions`, { to: 'open' }))
      for (const who of [bea, rita]) {
        const made = await ok(ada('POST', `/api/guides/${SLUG}/invitations`, { role: 'reviewer' }), 201)
        const { token } = (await made.json()) as { token: string }
        await ok(who('POST', `/api/invitations/${token}/accept`, {}))
      }
      await ok(
        ada('POST', `/api/guides/${SLUG}/editions/1/translations`, { lang: 'cy', markdown: WELSH }),
        201,
      )
      const blocks = await blocksOf(consultation.server.url, SLUG, 1)
      const found = blocks.find((b) => b.text.startsWith('Park only'))
      if (!found) throw new Error('The guide has no paragraph about bays')
      bays = found
      await commentByApi(
        bea,
        bays.key,
        { kind: 'comment', body: 'There are too few bays for the morning run.' },
        SLUG,
      )
      // Quoting the Welsh text's words, and then the English text's.
      await commentByApi(
        bea,
        bays.key,
        { kind: 'comment', body: 'Which bays are these?', quote: { exact: 'baeau wedi’u marcio' } },
        SLUG,
      )
      await commentByApi(
        bea,
        bays.key,
        { kind: 'comment', body: 'How many bays?', quote: { exact: 'marked bays' } },
        SLUG,
      )
    }, 120_000)

    /** The language a thread's comment marks its quoted words with. */
    const quoteLang = (page: Page, body: string) =>
      page
        .locator('gloss-thread')
        .locator('article', { hasText: body })
        .locator('blockquote')
        .getAttribute('lang')
    afterAll(async () => {
      await consultation.close()
    })

    const signedIn = async (email: string, locale: string): Promise<Page> => {
      const page = await consultation.journey.newPage({ locale })
      const session = await page.request.post(`${consultation.server.url}/api/session`, {
        data: { email, password: PASSWORD },
      })
      expect(session.status()).toBe(200)
      return page
    }

    it('switches to Welsh, reads the Welsh text, and comments in Welsh beside the English comment', async () => {
      const page = await signedIn(RITA.email, 'en-GB')
      await consultation.journey.goto(page, `/g/${SLUG}/1`)
      expect(await page.getAttribute('html', 'lang')).toBe('en')
      await page.getByText('Park only in marked bays').waitFor()
      // The switch in the header: the interface, and with it the guide's text, in Welsh.
      await page.getByRole('link', { name: 'Cymraeg', exact: true }).first().click()
      await page.waitForURL(`${consultation.server.url}/g/${SLUG}/1`)
      expect(await page.getAttribute('html', 'lang')).toBe('cy')
      const paragraph = page.locator(`[id="${bays.key}"]`)
      expect(await paragraph.innerText()).toContain('Parciwch mewn baeau wedi’u marcio')
      expect(await page.locator('#text').getAttribute('lang')).toBe('cy')
      expect(await page.locator('h1').innerText()).toContain('Parcio ger yr ysgol')
      // The contents name the headings in Welsh too.
      expect(await page.locator('.toc-details').innerText()).toContain('Parcio ger yr ysgol')
      // The English text is a link away, named in English.
      await page.locator('nav.text-languages').getByRole('link', { name: 'English' }).waitFor()
      await shot(page, 'journey-12-welsh-text')

      // The paragraph's thread: Bea's English comment is there, and Rita answers in Welsh.
      await commentsButton(page, bays.key).click()
      const thread = page.locator('gloss-thread')
      await thread.locator('article', { hasText: 'too few bays' }).waitFor()
      const form = thread.locator('form').last()
      await form.getByRole('radio', { name: 'Sylw', exact: true }).check()
      await form
        .getByLabel('Eich sylw', { exact: true })
        .fill('Mae angen mwy o le i rieni sy’n gollwng plant.')
      await form.getByRole('button', { name: 'Cyflwyno', exact: true }).click()
      await thread.locator('article', { hasText: 'gollwng plant' }).waitFor()
      expect(await thread.locator('article').count()).toBe(4)
      // Quoted words are read out in their own text's language, whichever text the page shows.
      expect(await quoteLang(page, 'Which bays are these?')).toBe('cy')
      expect(await quoteLang(page, 'How many bays?')).toBe('en')
      // Each comment says its language where it is not the page's: Bea's is marked as English.
      expect(await thread.locator('article', { hasText: 'too few bays' }).innerText()).toContain('Yn Saesneg')
      const own = thread.locator('article', { hasText: 'gollwng plant' })
      expect(await own.innerText()).not.toContain('Yn Gymraeg')
      expect(await own.locator('.body').getAttribute('lang')).toBe('cy')
      await shot(page, 'journey-12-welsh-thread')
      await page.context().close()
    })

    it('shows the English reader the English text with both comments on the same paragraph', async () => {
      const page = await signedIn(BEA.email, 'en-GB')
      await consultation.journey.goto(page, `/g/${SLUG}/1`)
      expect(await page.getAttribute('html', 'lang')).toBe('en')
      expect(await page.locator(`[id="${bays.key}"]`).innerText()).toContain('Park only in marked bays')
      await commentsButton(page, bays.key).click()
      const thread = page.locator('gloss-thread')
      await thread.locator('article', { hasText: 'gollwng plant' }).waitFor()
      await thread.locator('article', { hasText: 'too few bays' }).waitFor()
      expect(await quoteLang(page, 'Which bays are these?')).toBe('cy')
      expect(await quoteLang(page, 'How many bays?')).toBe('en')
      // Rita's comment is marked as Welsh for the English reader; Bea's own is not marked.
      expect(await thread.locator('article', { hasText: 'gollwng plant' }).innerText()).toContain('In Welsh')
      expect(await thread.locator('article', { hasText: 'too few bays' }).innerText()).not.toContain(
        'In English',
      )
      await shot(page, 'journey-12-english-thread')
      // And the Welsh text is a link away, for whoever wants it.
      await page.locator('nav.text-languages').getByRole('link', { name: 'Cymraeg' }).click()
      await page.waitForURL(/\?text=cy$/)
      expect(await page.locator(`[id="${bays.key}"]`).innerText()).toContain('Parciwch mewn baeau')
      expect(await page.getAttribute('html', 'lang')).toBe('en')
      // Or both side by side: the paragraph's row holds the English and the Welsh.
      await page.locator('nav.text-languages').getByRole('link', { name: 'Side by side' }).click()
      await page.waitForURL(/beside=/)
      const row = await page.locator(`[id="${bays.key}"]`).innerText()
      expect(row).toContain('Park only in marked bays')
      expect(row).toContain('Parciwch mewn baeau')
      // The row's thread is the paragraph's: both comments, whichever text they were written beside.
      await commentsButton(page, bays.key).click()
      const rowThread = page.locator('gloss-thread')
      await rowThread.locator('article', { hasText: 'gollwng plant' }).waitFor()
      await rowThread.locator('article', { hasText: 'too few bays' }).waitFor()
      // Each quote is still read out in its own text's language, though the row holds both.
      expect(await quoteLang(page, 'Which bays are these?')).toBe('cy')
      expect(await quoteLang(page, 'How many bays?')).toBe('en')
      await shot(page, 'journey-12-side-by-side')
      await page.context().close()
      expect(consultation.journey.errors).toEqual([])
    })
  },
)
