/** Registers Gloss's elements; the server-rendered page works without this file. */
import './components/gloss-block.ts'
import './components/gloss-notice-count.ts'
import { enhanceEdition } from './live.ts'
import { msg } from './messages.ts'

// The contents are folded on narrow screens and open beside the text on wide ones.
const contents = document.querySelector<HTMLDetailsElement>('details.toc-details')
if (contents && window.matchMedia('(min-width: 64rem)').matches) contents.open = true

// A copy button copies the read-only field it names; it stays hidden where this script does not run.
for (const button of document.querySelectorAll<HTMLButtonElement>('button[data-copy]')) {
  const field = document.getElementById(button.dataset.copy ?? '')
  const done = button.parentElement?.querySelector('.copy-done')
  if (!(field instanceof HTMLInputElement) || !('clipboard' in navigator)) continue
  button.hidden = false
  button.addEventListener('click', () => {
    navigator.clipboard.writeText(field.value).then(
      () => {
        if (done) done.textContent = msg('page.copied')
      },
      () => {
        field.select()
        if (done) done.textContent = msg('page.copyRefused')
      },
    )
  })
}

// A printed page says where it came from and when: the server renders the path (its pages are shared
// by every reader), the browser knows the whole address and the day.
const printed = document.querySelector<HTMLElement>('.print-colophon .printed')
const address = document.querySelector<HTMLElement>('.print-colophon .address')
if (address?.textContent.startsWith('/')) address.textContent = location.origin + address.textContent
// English pages are British English ("3 December 2026"), as the server writes every other date; the
// page's lang says only "en", which a browser reads as American ("December 3, 2026").
const dateLocale = document.documentElement.lang === 'cy' ? 'cy' : 'en-GB'
window.addEventListener('beforeprint', () => {
  if (printed)
    printed.textContent = msg('page.printed', {
      date: new Date().toLocaleDateString(dateLocale, { dateStyle: 'long' }),
    })
})

// A page that answers a refused form names its own address: put it in the address bar, so a reload or a
// bookmark shows the page rather than the form's, and move focus to the summary of what to correct.
const refusal = document.querySelector<HTMLElement>('.error-summary[data-address]')
if (refusal?.dataset.address) {
  history.replaceState(history.state, '', refusal.dataset.address)
  refusal.focus()
}

void enhanceEdition()
