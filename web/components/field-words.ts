import { msg, type ElementMessage } from '../messages.ts'

type Field = HTMLInputElement | HTMLTextAreaElement | HTMLSelectElement

/** The catalogue's words for a field left empty, which it names in `data-missing`. */
const wordsFor = (field: Field) => field.dataset['missing'] as ElementMessage | undefined

/**
 * A form's required fields say what is missing in Gloss's words, in the page's language, where the
 * browser would say its own ("Please fill out this field." on a Welsh page). Each field names its message
 * in `data-missing`; the form binds `@invalid=${missingWords}` (it catches the fields' `invalid` on the
 * way down, as that event does not bubble) and `@input=${answered}`, and calls `filledIn` before sending.
 */
export const missingWords = {
  capture: true,
  handleEvent(event: Event): void {
    const field = event.target as Field
    const key = wordsFor(field)
    if (key && field.validity.valueMissing) field.setCustomValidity(msg(key))
  },
}

/** Typing in a field (or choosing in one) takes its complaint away until the form is sent again. */
export const answered = (event: Event): void => {
  const field = event.target as Field
  if (wordsFor(field)) field.setCustomValidity('')
}

/**
 * Whether every field naming its missing words holds more than spaces, which `required` lets through:
 * the first that does not says so, as the browser shows a field's problem, and takes the focus.
 */
export function filledIn(form: HTMLFormElement): boolean {
  for (const field of form.querySelectorAll<Field>('[data-missing]')) {
    const key = wordsFor(field)
    if (!key || field.disabled || field.value.trim() !== '') continue
    field.setCustomValidity(msg(key))
    field.reportValidity()
    return false
  }
  return true
}
