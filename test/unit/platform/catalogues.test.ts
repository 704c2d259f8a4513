import { describe, expect, it } from 'vitest'
import { IntlMessageFormat } from 'intl-messageformat'
import { TYPE, type MessageFormatElement } from '@formatjs/icu-messageformat-parser'
import en from '../../../src/platform/i18n/en.json' with { type: 'json' }
import cy from '../../../src/platform/i18n/cy.json' with { type: 'json' }
import enElements from '../../../src/platform/i18n/elements/en.json' with { type: 'json' }
import cyElements from '../../../src/platform/i18n/elements/cy.json' with { type: 'json' }
import { CATALOGUES } from '../../../src/platform/i18n/messages.ts'
import { ERROR_CODES, errorMessageKey, type ErrorCode } from '../../../src/kernel/error-codes.ts'

/**
 * The catalogues agree (SPEC.md, "Languages: English and Welsh"): every message is in both languages,
 * takes the same arguments in both, and a Welsh plural has every form Welsh needs, so no reader meets
 * a key, a missing argument or an English word where a translation was forgotten.
 */
type Catalogue = Record<string, string>
const PAIRS: [string, Catalogue, Catalogue][] = [
  [
    'pages',
    {
      // Error messages and the kind, decision and hiding labels take their English from the kernel.
      ...Object.fromEntries(
        Object.entries(CATALOGUES.en).filter(([k]) => /^(error|kind|decision|hideReason)\./.test(k)),
      ),
      ...en,
    },
    cy,
  ],
  ['elements', enElements, cyElements],
]

/** Each argument a message takes, by name, with its kind (plain, number, plural, select, date...). */
function argumentsOf(
  elements: MessageFormatElement[],
  into = new Map<string, number>(),
): Map<string, number> {
  for (const element of elements) {
    if (element.type === TYPE.literal || element.type === TYPE.pound) continue
    into.set(element.value, element.type)
    if (element.type === TYPE.plural || element.type === TYPE.select)
      for (const option of Object.values(element.options)) argumentsOf(option.value, into)
    if (element.type === TYPE.tag) argumentsOf(element.children, into)
  }
  return into
}

/** The plural forms a message gives, for each of its plural arguments. */
function pluralForms(elements: MessageFormatElement[], into: string[][] = []): string[][] {
  for (const element of elements) {
    if (element.type === TYPE.plural) {
      into.push(Object.keys(element.options))
      for (const option of Object.values(element.options)) pluralForms(option.value, into)
    }
    if (element.type === TYPE.select)
      for (const option of Object.values(element.options)) pluralForms(option.value, into)
  }
  return into
}

const ast = (message: string, lang: string) => new IntlMessageFormat(message, lang).getAst()

describe.each(PAIRS)('the %s catalogues', (_name, english, welsh) => {
  it('hold the same keys in English and Welsh', () => {
    expect(
      Object.keys(welsh).filter((key) => !(key in english)),
      'in Welsh only',
    ).toEqual([])
    expect(
      Object.keys(english).filter((key) => !(key in welsh)),
      'in English only',
    ).toEqual([])
  })

  it('give each message the same arguments in both languages', () => {
    const differ: string[] = []
    for (const [key, message] of Object.entries(english)) {
      const translated = welsh[key]
      if (translated === undefined) continue
      const a = [...argumentsOf(ast(message, 'en'))].sort().join()
      const b = [...argumentsOf(ast(translated, 'cy'))].sort().join()
      if (a !== b) differ.push(`${key}: ${a} / ${b}`)
    }
    expect(differ).toEqual([])
  })

  it('give every Welsh plural all six forms, and every English one its two', () => {
    const welshForms = new Intl.PluralRules('cy').resolvedOptions().pluralCategories
    const englishForms = new Intl.PluralRules('en').resolvedOptions().pluralCategories
    expect(welshForms).toHaveLength(6)
    const lacking: string[] = []
    for (const [key, message] of Object.entries(welsh))
      for (const forms of pluralForms(ast(message, 'cy')))
        for (const form of welshForms) if (!forms.includes(form)) lacking.push(`cy ${key}: ${form}`)
    for (const [key, message] of Object.entries(english))
      for (const forms of pluralForms(ast(message, 'en')))
        for (const form of englishForms) if (!forms.includes(form)) lacking.push(`en ${key}: ${form}`)
    expect(lacking).toEqual([])
  })
})

it('gives every problem code a message in both languages', () => {
  const codes = Object.keys(ERROR_CODES) as ErrorCode[]
  expect(codes.filter((code) => !(errorMessageKey(code) in cy))).toEqual([])
  expect(codes.filter((code) => !(errorMessageKey(code) in CATALOGUES.en))).toEqual([])
})

it('fails on what it is there to catch', () => {
  // The checks above, given a Welsh catalogue with each fault, find it.
  const broken = { 'a.count': '{count, plural, one {# sylw} other {# sylw}}', 'a.name': 'Helo {enw}' }
  const forms = pluralForms(ast(broken['a.count'], 'cy'))[0] ?? []
  expect(
    new Intl.PluralRules('cy').resolvedOptions().pluralCategories.filter((f) => !forms.includes(f)),
  ).toEqual(expect.arrayContaining(['zero', 'two', 'few', 'many']))
  expect([...argumentsOf(ast(broken['a.name'], 'cy')).keys()]).not.toEqual([
    ...argumentsOf(ast('Hello {name}', 'en')).keys(),
  ])
})
