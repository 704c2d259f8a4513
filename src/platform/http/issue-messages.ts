import type { z } from 'zod'
import { fieldMessage, fieldMessageSaying, type FieldMessageKey } from '../i18n/field-messages.ts'

/**
 * What a refused field is told when its schema gave no words of its own: a catalogue message chosen by
 * the issue's code (and its bounds, its choices, its expected type), so that it reaches a reader in
 * Welsh as in English (problem-language.ts, site/form.tsx) instead of zod's own English ("Invalid
 * option: expected one of …"). Installed as zod's error map in validate.ts; a schema's own message
 * (fieldMessage) comes first, as zod always puts it first.
 */
export function issueMessage(issue: z.core.$ZodRawIssue): string {
  switch (issue.code) {
    case 'invalid_type':
      return issue.input === undefined ? fieldMessage('field.required') : typeMessage(issue.expected)
    case 'invalid_value':
      return issue.values.length === 1
        ? fieldMessage('field.only', { value: shown(issue.values[0]) })
        : fieldMessage('field.oneOf', { options: issue.values.map(shown).join(', ') })
    case 'too_small':
      return sizeMessage('minimum', issue.origin, Number(issue.minimum), issue.inclusive, issue.exact)
    case 'too_big':
      return sizeMessage('maximum', issue.origin, Number(issue.maximum), issue.inclusive, issue.exact)
    case 'invalid_format':
      return fieldMessage(FORMATS[issue.format] ?? 'field.format')
    case 'not_multiple_of':
      return fieldMessage('field.multipleOf', { divisor: issue.divisor })
    case 'unrecognized_keys':
      // fieldErrors points at each key on its own (validate.ts); this is what a whole issue says.
      return issue.keys.map(notAField).join(' ')
    case 'invalid_union': {
      if (issue.input === undefined) return fieldMessage('field.required')
      // A discriminated union's tag that names none of its options.
      // zod's raw issue types lose the union's own members (options comes out as {}).
      const options = (('options' in issue ? issue.options : undefined) ?? []) as readonly unknown[]
      return options.length > 0
        ? fieldMessage('field.oneOf', { options: options.map(shown).join(', ') })
        : fieldMessage('field.notValid')
    }
    case 'invalid_key':
      return fieldMessage('field.keyNotAllowed')
    case 'invalid_element':
    case 'custom':
      return fieldMessage('field.notValid')
    default:
      return unexpected(issue)
  }
}

/** A field the schema does not have: its name said back, not remembered (field-messages.ts). */
export const notAField = (key: PropertyKey): string =>
  fieldMessageSaying('field.notAField', { key: String(key) })

/** A code zod adds fails to compile here (`never`) until it is named above; till then it is not valid. */
const unexpected = (_issue: never): string => fieldMessage('field.notValid')

/** A value of the schema's, as the API spells it: strings bare, the rest as JSON writes them. */
const shown = (value: unknown): string => (typeof value === 'string' ? value : String(value))

const TYPES: Partial<Record<string, FieldMessageKey>> = {
  string: 'field.typeText',
  number: 'field.typeNumber',
  nan: 'field.typeNumber',
  int: 'field.typeWhole',
  bigint: 'field.typeWhole',
  boolean: 'field.typeBoolean',
  array: 'field.typeList',
  tuple: 'field.typeList',
  set: 'field.typeList',
  object: 'field.typeObject',
  record: 'field.typeObject',
  map: 'field.typeObject',
  never: 'field.leaveOut',
  undefined: 'field.leaveOut',
}
const typeMessage = (expected: string) => fieldMessage(TYPES[expected] ?? 'field.typeOther')

const FORMATS: Partial<Record<string, FieldMessageKey>> = {
  email: 'field.email',
  url: 'field.url',
  datetime: 'field.dateTime',
  date: 'field.date',
}

/** What a too short, too long, too small or too large value is told, by what it is (its origin). */
function sizeMessage(
  bound: 'minimum' | 'maximum',
  origin: string,
  limit: number,
  inclusive: boolean | undefined,
  exact: boolean | undefined,
): string {
  const least = bound === 'minimum'
  if (origin === 'string' || origin === 'array' || origin === 'set') {
    const text = origin === 'string'
    if (exact) return fieldMessage(text ? 'field.exactLength' : 'field.exactItems', { length: limit })
    // A count past a bound it may not reach is the next count within it: fewer than 11 is at most 10.
    const count = inclusive === false ? limit + (least ? 1 : -1) : limit
    if (least && count === 1) return fieldMessage('field.empty')
    if (text)
      return least
        ? fieldMessage('field.tooShort', { minimum: count })
        : fieldMessage('field.tooLong', { maximum: count })
    return least
      ? fieldMessage('field.fewItems', { minimum: count })
      : fieldMessage('field.manyItems', { maximum: count })
  }
  if (origin === 'number' || origin === 'int' || origin === 'bigint') {
    if (least)
      return inclusive === false
        ? fieldMessage('field.moreThan', { minimum: limit })
        : fieldMessage('field.atLeast', { minimum: limit })
    return inclusive === false
      ? fieldMessage('field.lessThan', { maximum: limit })
      : fieldMessage('field.atMost', { maximum: limit })
  }
  // A date, a file's bytes: nothing plainer to say than which way it is out.
  return fieldMessage(least ? 'field.tooSmall' : 'field.tooLarge')
}
