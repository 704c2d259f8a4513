/**
 * A language named in itself ("Cymraeg", "English", "العربية"): how the switch between an edition's
 * texts and the editor's list of them say each, marked with its own `lang`.
 */
export const languageName = (lang: string) => {
  try {
    const name = new Intl.DisplayNames([lang], { type: 'language' }).of(lang) ?? lang
    return name.charAt(0).toLocaleUpperCase(lang) + name.slice(1)
  } catch {
    return lang
  }
}
