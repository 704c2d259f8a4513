import fc from 'fast-check'
import { z } from 'zod'
import type { Known } from './world.ts'

/** The JSON Schema subset `z.toJSONSchema` gives for Gloss's request bodies. */
export interface JsonSchema {
  type?: string | string[]
  properties?: Record<string, JsonSchema>
  required?: string[]
  items?: JsonSchema
  enum?: unknown[]
  anyOf?: JsonSchema[]
  minLength?: number
  maxLength?: number
  minimum?: number
  maximum?: number
  minItems?: number
  maxItems?: number
  pattern?: string
  format?: string
}

/** A route's body schema as JSON Schema: the same conversion the OpenAPI document makes. */
export const jsonSchemaOf = (schema: z.ZodType): JsonSchema =>
  z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as JsonSchema

/**
 * Values that pass a field's schema, most of the time: real ids and keys where a field names one, so a
 * fuzzed body gets past validation to the code behind it.
 */
export function validValue(schema: JsonSchema, field: string, known: Known): fc.Arbitrary<unknown> {
  if (schema.anyOf) return fc.oneof(...schema.anyOf.map((s) => validValue(s, field, known)))
  if (schema.enum) return fc.constantFrom(...schema.enum)
  const type = Array.isArray(schema.type) ? schema.type : [schema.type]
  if (type.includes('null') && type.length > 1)
    return fc.oneof(
      fc.constant(null),
      validValue(
        { ...schema, type: type.filter((t): t is string => t !== 'null' && t !== undefined) },
        field,
        known,
      ),
    )
  switch (type[0]) {
    case 'object':
      return validObject(schema, known)
    case 'array': {
      const items = schema.items ?? {}
      return fc.array(validValue(items, field, known), {
        minLength: schema.minItems ?? 0,
        maxLength: Math.min(schema.maxItems ?? 3, 3),
      })
    }
    case 'integer':
      return fc.integer({ min: schema.minimum ?? 0, max: Math.min(schema.maximum ?? 100, 100_000) })
    case 'number':
      return fc.double({ min: schema.minimum ?? 0, max: schema.maximum ?? 100, noNaN: true })
    case 'boolean':
      return fc.boolean()
    case 'null':
      return fc.constant(null)
    default:
      return validString(schema, field, known)
  }
}

function validString(schema: JsonSchema, field: string, known: Known): fc.Arbitrary<string> {
  if (schema.format === 'date-time') return fc.date({ noInvalidDate: true }).map((d) => d.toISOString())
  if (schema.pattern?.includes('@')) return fc.constantFrom('fuzz@example.org', 'someone.else@example.net')
  const ids = [...(known.id ?? []), ...(known.personId ?? [])]
  if (/Id$|^duplicateOf$|^commentIds$/.test(field) && ids.length > 0) return fc.constantFrom(...ids)
  if (field === 'from' && known.key) return fc.constantFrom(...known.key)
  if (field === 'markdown')
    return fc.constantFrom('# Fuzzed\n\nA paragraph.\n', '# Fuzzed\n\n- one\n- two\n\n> quoted\n')
  const min = Math.max(schema.minLength ?? 0, field.toLowerCase().includes('password') ? 10 : 0)
  return fc.string({ minLength: min, maxLength: Math.max(min, Math.min(schema.maxLength ?? 40, 40)) })
}

function validObject(schema: JsonSchema, known: Known): fc.Arbitrary<Record<string, unknown>> {
  const properties = schema.properties ?? {}
  const required = new Set(schema.required ?? [])
  const record: Record<string, fc.Arbitrary<unknown>> = {}
  for (const [name, property] of Object.entries(properties)) record[name] = validValue(property, name, known)
  return fc.record(record, { requiredKeys: [...required].filter((k) => k in record) })
}

/** Values of the wrong JSON type for a field, and values of the right type that no schema takes. */
export function wrongValue(schema: JsonSchema): fc.Arbitrary<unknown> {
  const types = new Set(
    schema.anyOf
      ? schema.anyOf.flatMap((s) => (Array.isArray(s.type) ? s.type : [s.type]))
      : Array.isArray(schema.type)
        ? schema.type
        : [schema.type],
  )
  const candidates: fc.Arbitrary<unknown>[] = []
  if (!types.has('string'))
    candidates.push(fc.constantFrom('', 'true', '1', 'null', '[]', '\u0000'), fc.string({ maxLength: 10 }))
  if (!types.has('integer') && !types.has('number'))
    candidates.push(fc.constantFrom(0, -1, 1.5, 1e308, -1e308, Number.MAX_SAFE_INTEGER + 2))
  if (!types.has('boolean')) candidates.push(fc.boolean())
  if (!types.has('null')) candidates.push(fc.constant(null))
  if (!types.has('array')) candidates.push(fc.constantFrom([], [1], [[]], [null], ['a', 'b']))
  if (!types.has('object'))
    candidates.push(fc.constantFrom({}, { a: 1 }, JSON.parse('{"__proto__": {"isAdmin": true}}') as object))
  if (schema.enum) candidates.push(fc.constantFrom('OPEN', 'admin', 'owner', ' open', 'open\u0000'))
  if (schema.anyOf?.some((s) => s.enum))
    candidates.push(fc.constantFrom('owner', 'Editor', 'admin', 'reviewer '))
  if (types.has('integer'))
    candidates.push(
      fc
        .constantFrom(-1, 0.5, 2 ** 31, 2 ** 53, 1e21)
        .filter((n) => n < (schema.minimum ?? 0) || n > (schema.maximum ?? Infinity) || !Number.isInteger(n)),
    )
  if (types.has('string') && schema.maxLength !== undefined && schema.maxLength < 60_000)
    candidates.push(fc.constant('x'.repeat(schema.maxLength + 1)))
  return fc.oneof(...candidates)
}
