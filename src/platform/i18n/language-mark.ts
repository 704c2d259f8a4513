import { isLang, sameLanguage, type Lang } from './languages.ts'

/**
 * What marks a comment written in another language than the page around it (SPEC.md: a comment shows
 * in both views marked with its language): the elements' catalogue key and its values, or null when
 * it is in the page's language or nobody recorded one. English and Welsh have a whole phrase each,
 * since Welsh mutates a language's name after "yn" (Saesneg, but Gymraeg); any other language is named
 * by Intl in the page's language after a "Language:" that mutates nothing. Shared by the server's
 * comment cards and the thread element, so both mark the same comments the same way.
 */
export function languageMark(
  commentLang: string | null,
  pageLang: Lang,
):
  | { key: 'commentLanguage.en' | 'commentLanguage.cy'; values?: undefined }
  | { key: 'commentLanguage.other'; values: { language: string } }
  | null {
  if (commentLang === null || sameLanguage(commentLang, pageLang)) return null
  const primary = commentLang.split('-')[0]?.toLowerCase() ?? commentLang
  if (isLang(primary)) return { key: primary === 'en' ? 'commentLanguage.en' : 'commentLanguage.cy' }
  let language = commentLang
  try {
    language = new Intl.DisplayNames([pageLang], { type: 'language' }).of(commentLang) ?? commentLang
  } catch {
    // A well-formed tag Intl does not know: the tag itself says which language.
  }
  return { key: 'commentLanguage.other', values: { language } }
}
