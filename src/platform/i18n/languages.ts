/**
 * The languages Gloss speaks: English, and Welsh for the public bodies of Wales, which must offer their
 * services in Welsh no less favourably than in English (SPEC.md, "Languages: English and Welsh").
 */
export const LANGUAGES = ['en', 'cy'] as const
export type Lang = (typeof LANGUAGES)[number]

export const isLang = (value: unknown): value is Lang =>
  typeof value === 'string' && (LANGUAGES as readonly string[]).includes(value)

/** A language tag a guide's text may be in (`cy`, `cy-GB`, `ar`): what its lang attribute will say. */
export const LANGUAGE_TAG = /^[a-z]{2,3}(-[A-Za-z0-9]{1,8})*$/

/** Whether a value is such a tag, no longer than a translation's may be (35 characters). */
export const isLanguageTag = (value: string) => value.length <= 35 && LANGUAGE_TAG.test(value)

/** Whether two language tags name the same language (`cy` and `cy-GB` do). */
export const sameLanguage = (a: string, b: string) =>
  a.split('-')[0]?.toLowerCase() === b.split('-')[0]?.toLowerCase()

/** The other language: where the switch on every page leads. */
export const otherLanguage = (lang: Lang): Lang => (lang === 'cy' ? 'en' : 'cy')

/**
 * The language a browser asks for first among those Gloss has (RFC 9110 §12.5.4: highest q wins, ties
 * in the order given; `cy-GB` is Welsh), else English: anything Gloss does not speak reads in English.
 */
export function fromAcceptLanguage(header: string | undefined): Lang {
  if (!header) return 'en'
  let best: { lang: Lang; q: number } | undefined
  for (const part of header.split(',')) {
    const [range = '', ...params] = part.trim().toLowerCase().split(';')
    const primary = range.trim().split('-')[0]
    if (!isLang(primary)) continue
    const qParam = params.map((p) => /^\s*q=([\d.]+)\s*$/.exec(p)?.[1]).find((v) => v !== undefined)
    const q = qParam === undefined ? 1 : Number(qParam)
    if (!(q > 0)) continue
    if (!best || q > best.q) best = { lang: primary, q }
  }
  return best?.lang ?? 'en'
}

/** Languages written right to left: Arabic, Hebrew, Persian, Urdu, Pashto, Sindhi, Yiddish, Dhivehi, Sorani, Uyghur. */
const RIGHT_TO_LEFT = new Set(['ar', 'he', 'iw', 'fa', 'ur', 'ps', 'sd', 'yi', 'dv', 'ckb', 'ug'])

/**
 * The direction a language tag's text is written in, for the `dir` of the element holding it. A script
 * subtag decides where there is one (`ks-Arab`, `az-Latn`); else the language does.
 */
export function textDirection(tag: string): 'rtl' | 'ltr' {
  const [language = '', ...subtags] = tag.toLowerCase().split('-')
  const script = subtags.find((s) => s.length === 4)
  if (script) return ['arab', 'hebr', 'thaa', 'syrc', 'nkoo', 'adlm', 'rohg'].includes(script) ? 'rtl' : 'ltr'
  return RIGHT_TO_LEFT.has(language) ? 'rtl' : 'ltr'
}
