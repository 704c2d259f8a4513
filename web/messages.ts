import en from '../src/platform/i18n/elements/en.json'
import cy from '../src/platform/i18n/elements/cy.json'
import { formatterFor, type Values } from '../src/platform/i18n/format.ts'
import { isLang } from '../src/platform/i18n/languages.ts'
import { squashSpace } from '../src/platform/markdown/text.ts'

/**
 * The elements' words, from the same catalogues as the server's pages (src/platform/i18n/elements/),
 * in the language the page says it is in (`<html lang>`, which the server sets). Only the elements'
 * messages are bundled, in both languages: the pages' own stay on the server.
 */
export type ElementMessage = keyof typeof en

/** The page's interface language, as `<html lang>` says. */
export const language = () => {
  const lang = document.documentElement.lang
  return isLang(lang) ? lang : 'en'
}

// At run time each message is already parsed (the bundle's preparsed-messages plugin, assets.ts), which
// intl-messageformat takes in place of the text.
const formatters = {
  en: formatterFor('en', en),
  cy: formatterFor('cy', cy as Record<ElementMessage, string>),
}

/**
 * The language of the guide's text the page shows (`#text`, edition.page.tsx), which the elements mark
 * its words with where they quote them (a comment's quote, a redline); the interface's on other pages.
 */
export const textLanguage = () => document.getElementById('text')?.lang || language()

/**
 * The language of words a comment quoted from its paragraph: the shown text's where they are in it
 * (`shown`, the paragraph as the page shows it), else the edition's other text's, when the page offers
 * exactly one other (nav.text-languages, edition.page.tsx) or lays one beside it: a Welsh quote on the
 * English page is read out in Welsh, as the server's pages mark it (words-language.service.ts).
 */
export function quoteLanguage(words: string, shown: string): string {
  if (shown === '' || squashSpace(shown).includes(squashSpace(words))) return textLanguage()
  // Side by side (parallel-text.ts), the other text is the one beside it.
  const beside = document
    .querySelector('.parallel-pair > .parallel-text + .parallel-text')
    ?.getAttribute('lang')
  if (beside) return beside
  const others = [
    ...document.querySelectorAll('nav.text-languages a[hreflang]:not([aria-current="page"])'),
  ].map((link) => link.getAttribute('hreflang') ?? '')
  return others.length === 1 && others[0] ? others[0] : textLanguage()
}

/** A message in the page's language, its ICU arguments filled in. */
export const msg = (key: ElementMessage, values?: Values): string => formatters[language()](key, values)
