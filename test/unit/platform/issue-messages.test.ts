import { describe, expect, it } from 'vitest'
import { z } from 'zod'
import { check, fieldErrors } from '../../../src/platform/http/validate.ts'
import { fieldMessage, fieldMessageIn } from '../../../src/platform/i18n/field-messages.ts'
import type { DomainError } from '../../../src/kernel/errors.ts'

/**
 * A field a schema refuses without words of its own is told what to do in the catalogue's words, by
 * the code, so a Welsh reader reads Welsh (SPEC.md, "Languages: English and Welsh"); a
 * schema's own message stays.
 */
const refused = (schema: z.ZodType, value: unknown) => {
  try {
    check(schema, value)
  } catch (error) {
    return (error as DomainError).errors.map(({ pointer, detail }) => ({
      pointer,
      en: detail,
      cy: fieldMessageIn('cy', detail),
    }))
  }
  throw new Error('accepted')
}

/** Each issue code zod has, the value that raises it, and what English and Welsh readers are told. */
const CASES: [string, z.ZodType, unknown, string, string][] = [
  ['invalid_type, missing', z.object({ a: z.string() }), {}, 'This is required.', 'Mae angen hwn.'],
  [
    'invalid_type, text',
    z.object({ a: z.string() }),
    { a: 5 },
    'Give this as text.',
    'Rhowch hwn fel testun.',
  ],
  [
    'invalid_type, number',
    z.object({ a: z.number() }),
    { a: '5' },
    'Give this as a number.',
    'Rhowch hwn fel rhif.',
  ],
  ['invalid_type, whole', z.object({ a: z.int() }), { a: 1.5 }, 'Give a whole number.', 'Rhowch rif cyfan.'],
  [
    'invalid_type, boolean',
    z.object({ a: z.boolean() }),
    { a: 'yes' },
    'Give true or false.',
    'Rhowch true neu false.',
  ],
  [
    'invalid_type, list',
    z.object({ a: z.array(z.string()) }),
    { a: 'x' },
    'Give this as a list.',
    'Rhowch hwn fel rhestr.',
  ],
  [
    'invalid_type, object',
    z.object({ a: z.object({}) }),
    { a: [] },
    'Give this as a JSON object.',
    'Rhowch hwn fel gwrthrych JSON.',
  ],
  [
    'invalid_type, null',
    z.object({ a: z.null() }),
    { a: 1 },
    'This is not the right kind of value.',
    'Nid dyma’r math cywir o werth.',
  ],
  [
    'invalid_type, never',
    z.object({ a: z.never().optional() }),
    { a: 1 },
    'Leave this out.',
    'Gadewch hwn allan.',
  ],
  [
    'invalid_value, options',
    z.object({ a: z.enum(['post', 'pre']) }),
    { a: 'sometimes' },
    'Choose one of: post, pre.',
    'Dewiswch un o’r rhain: post, pre.',
  ],
  [
    'invalid_value, one',
    z.object({ a: z.literal(true) }),
    { a: false },
    'This can only be true.',
    'Yr unig werth a dderbynnir yma yw true.',
  ],
  [
    'too_small, empty text',
    z.object({ a: z.string().min(1) }),
    { a: '' },
    'This cannot be empty.',
    'Ni all hwn fod yn wag.',
  ],
  [
    'too_small, text',
    z.object({ a: z.string().min(3) }),
    { a: 'ab' },
    'Use at least 3 characters.',
    'Defnyddiwch o leiaf 3 nod.',
  ],
  [
    'too_big, text',
    z.object({ a: z.string().max(5000) }),
    { a: 'x'.repeat(5001) },
    'Use at most 5,000 characters.',
    'Defnyddiwch 5,000 nod ar y mwyaf.',
  ],
  [
    'too_big, one character',
    z.object({ a: z.string().max(1) }),
    { a: 'xy' },
    'Use at most 1 character.',
    'Defnyddiwch 1 nod ar y mwyaf.',
  ],
  [
    'too_big, exact text',
    z.object({ a: z.string().length(2) }),
    { a: 'abc' },
    'Use exactly 2 characters.',
    'Defnyddiwch 2 nod yn union.',
  ],
  [
    'too_small, empty list',
    z.object({ a: z.array(z.int()).min(1) }),
    { a: [] },
    'This cannot be empty.',
    'Ni all hwn fod yn wag.',
  ],
  [
    'too_big, list',
    z.object({ a: z.array(z.int()).max(2) }),
    { a: [1, 2, 3] },
    'Give at most 2 items.',
    'Rhowch 2 eitem ar y mwyaf.',
  ],
  [
    'too_small, list',
    z.object({ a: z.array(z.int()).min(2) }),
    { a: [1] },
    'Give at least 2 items.',
    'Rhowch o leiaf 2 eitem.',
  ],
  [
    'too_small, exact list',
    z.object({ a: z.array(z.int()).length(3) }),
    { a: [1] },
    'Give exactly 3 items.',
    'Rhowch 3 eitem yn union.',
  ],
  ['too_small, number', z.object({ a: z.int().min(30) }), { a: 3 }, 'Give 30 or more.', 'Rhowch 30 neu fwy.'],
  [
    'too_small, number above',
    z.object({ a: z.number().positive() }),
    { a: 0 },
    'Give a number more than 0.',
    'Rhowch rif mwy na 0.',
  ],
  [
    'too_big, number',
    z.object({ a: z.int().max(36500) }),
    { a: 40000 },
    'Give 36,500 or less.',
    'Rhowch 36,500 neu lai.',
  ],
  [
    'too_big, number below',
    z.object({ a: z.number().lt(1) }),
    { a: 1 },
    'Give a number less than 1.',
    'Rhowch rif llai na 1.',
  ],
  [
    'too_big, date',
    z.object({ a: z.date().max(new Date(0)) }),
    { a: new Date(1) },
    'This is too large.',
    'Mae hwn yn rhy fawr.',
  ],
  [
    'invalid_format, email',
    z.object({ a: z.email() }),
    { a: 'nope' },
    'Enter an email address like name@example.org.',
    'Rhowch gyfeiriad e-bost fel enw@example.org.',
  ],
  [
    'invalid_format, url',
    z.object({ a: z.url() }),
    { a: 'nope' },
    'Enter a full web address, such as https://example.org.',
    'Rhowch gyfeiriad gwe llawn, fel https://example.org.',
  ],
  [
    'invalid_format, date and time',
    z.object({ a: z.iso.datetime() }),
    { a: 'soon' },
    'Give a date and time such as 2026-12-07T16:30:00Z.',
    'Rhowch ddyddiad ac amser fel 2026-12-07T16:30:00Z.',
  ],
  [
    'invalid_format, date',
    z.object({ a: z.iso.date() }),
    { a: 'soon' },
    'Give a date such as 2026-12-07.',
    'Rhowch ddyddiad fel 2026-12-07.',
  ],
  [
    'invalid_format, pattern',
    z.object({ a: z.string().regex(/^a/) }),
    { a: 'b' },
    'This is not in the right form.',
    'Nid yw hwn yn y ffurf gywir.',
  ],
  [
    'not_multiple_of',
    z.object({ a: z.number().multipleOf(5) }),
    { a: 7 },
    'Give a multiple of 5.',
    'Rhowch luosrif o 5.',
  ],
  [
    'invalid_union',
    z.object({ a: z.union([z.string(), z.number()]) }),
    { a: true },
    'This is not valid.',
    'Nid yw hwn yn ddilys.',
  ],
  [
    'invalid_union, missing',
    z.object({ a: z.union([z.string(), z.number()]) }),
    {},
    'This is required.',
    'Mae angen hwn.',
  ],
  [
    'invalid_union, discriminator',
    z.object({
      a: z.discriminatedUnion('kind', [
        z.object({ kind: z.literal('x') }),
        z.object({ kind: z.literal('y') }),
      ]),
    }),
    { a: { kind: 'z' } },
    'Choose one of: x, y.',
    'Dewiswch un o’r rhain: x, y.',
  ],
  [
    'invalid_key',
    z.object({ a: z.record(z.string().regex(/^k/), z.int()) }),
    { a: { x: 1 } },
    'This name is not allowed here.',
    'Ni chaniateir yr enw hwn yma.',
  ],
  [
    'invalid_element',
    // A map's value under a key that is not a name (an object) is an element of it.
    z.object({ a: z.map(z.object({}), z.int()) }),
    { a: new Map([[{}, 'v']]) },
    'This is not valid.',
    'Nid yw hwn yn ddilys.',
  ],
  [
    'custom',
    z.object({ a: z.string().refine(() => false) }),
    { a: 'x' },
    'This is not valid.',
    'Nid yw hwn yn ddilys.',
  ],
]

describe('a field refused without words of its own', () => {
  it.each(CASES)('%s: is told in the catalogue’s English and Welsh', (_code, schema, value, en, cy) => {
    const [error] = refused(schema, value)
    expect(error).toEqual({ pointer: expect.stringMatching(/^\/a/) as unknown, en, cy })
  })

  it('is told each unknown field by its name, in English and in Welsh, however it is named', () => {
    const errors = refused(z.strictObject({ a: z.string() }), { a: 'x', colour: 1, 'a "b" .*': 2 })
    expect(errors).toEqual([
      { pointer: '/colour', en: '"colour" is not a field here.', cy: 'Nid yw "colour" yn faes yma.' },
      { pointer: '/a "b" .*', en: '"a "b" .*" is not a field here.', cy: 'Nid yw "a "b" .*" yn faes yma.' },
    ])
  })

  it('keeps a schema’s own message, the catalogue’s or a page’s in its language', () => {
    const schema = z.object({
      a: z.string().min(10, fieldMessage('field.passwordShort')),
      b: z.enum(['x', 'y'], 'Dewiswch un.'),
    })
    expect(refused(schema, { a: 'short', b: 'z' })).toEqual([
      { pointer: '/a', en: 'Use at least 10 characters.', cy: 'Defnyddiwch o leiaf 10 nod.' },
      { pointer: '/b', en: 'Dewiswch un.', cy: undefined },
    ])
  })

  it('is worded the same where a route’s validator, not check(), found it', () => {
    const parsed = z.object({ moderation: z.enum(['post', 'pre']) }).safeParse({ moderation: 'sometimes' })
    expect(parsed.success).toBe(false)
    if (!parsed.success)
      expect(fieldErrors(parsed.error)).toEqual([
        { pointer: '/moderation', detail: 'Choose one of: post, pre.' },
      ])
  })
})
