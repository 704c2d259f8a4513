import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { sql } from 'kysely'
import ts from 'typescript'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestDatabase, databaseKind, type TestDatabase } from '../support/database.ts'
import { ROOT } from '../support/process.ts'

/**
 * `src/platform/db/schema.ts` (with the words of `src/kernel/words.ts`) is written by hand, so this checks it against the database the migrations make:
 * the same tables, the same columns, each nullable where the database lets it be null, of a matching
 * kind, and optional on insert only where the database fills it in. Columns the database generates for
 * its own use (the search vectors) are never read by Gloss and need no type.
 */

type Kind = 'number' | 'text' | 'boolean' | 'timestamp' | 'text[]' | 'number[]' | 'json'

interface Column {
  kind: Kind
  nullable: boolean
  /** Whether an insert may leave it out. */
  optional: boolean
}

/** The one kind a set holds; a mix of kinds is stored as JSON. */
const single = (kinds: Set<Kind>): Kind => (kinds.size === 1 ? ([...kinds][0] ?? 'json') : 'json')

const snake = (name: string) => name.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`)

const DATABASE_KINDS: Record<string, Kind> = {
  integer: 'number',
  bigint: 'number',
  smallint: 'number',
  real: 'number',
  'double precision': 'number',
  numeric: 'number',
  text: 'text',
  'character varying': 'text',
  boolean: 'boolean',
  'timestamp with time zone': 'timestamp',
  jsonb: 'json',
  json: 'json',
}
const ARRAY_KINDS: Record<string, Kind> = { _text: 'text[]', _int4: 'number[]', _int8: 'number[]' }

/** The tables as schema.ts declares them: `DB`'s keys, each interface's properties. */
function declaredTables(source: string, words: string): Map<string, Map<string, Column>> {
  const aliases = new Map<string, ts.TypeNode>()
  const interfaces = new Map<string, ts.InterfaceDeclaration>()
  // The product's words (kernel/words.ts) are the types of the columns that hold them.
  for (const [name, text] of [
    ['schema.ts', source],
    ['words.ts', words],
  ] as const) {
    const file = ts.createSourceFile(name, text, ts.ScriptTarget.Latest, true)
    for (const statement of file.statements) {
      if (ts.isTypeAliasDeclaration(statement)) aliases.set(statement.name.text, statement.type)
      if (ts.isInterfaceDeclaration(statement)) interfaces.set(statement.name.text, statement)
    }
  }
  const members = (node: ts.TypeNode): ts.TypeNode[] =>
    ts.isUnionTypeNode(node)
      ? node.types.flatMap(members)
      : ts.isParenthesizedTypeNode(node)
        ? members(node.type)
        : [node]
  const isNull = (node: ts.TypeNode) =>
    ts.isLiteralTypeNode(node) && node.literal.kind === ts.SyntaxKind.NullKeyword
  const isUndefined = (node: ts.TypeNode) => node.kind === ts.SyntaxKind.UndefinedKeyword
  const referenceName = (node: ts.TypeNode) =>
    ts.isTypeReferenceNode(node) && ts.isIdentifier(node.typeName) ? node.typeName.text : undefined

  /** A property's select types and whether an insert may leave it out. */
  const columnParts = (node: ts.TypeNode): { select: ts.TypeNode[]; optional: boolean } => {
    const parts = members(node).map((member) => {
      const name = referenceName(member)
      const args = ts.isTypeReferenceNode(member) ? (member.typeArguments ?? []) : []
      if (name === 'Generated' && args[0]) return { select: members(args[0]), optional: true }
      if (name === 'ColumnType' && args[0] && args[1]) {
        const insert = members(args[1])
        return {
          select: members(args[0]),
          optional: insert.some(isUndefined) || args[1].kind === ts.SyntaxKind.NeverKeyword,
        }
      }
      const alias = name ? aliases.get(name) : undefined
      if (alias && referenceName(alias) === 'ColumnType') return columnParts(alias)
      return { select: [member], optional: isNull(member) || isUndefined(member) }
    })
    return { select: parts.flatMap((p) => p.select), optional: parts.some((p) => p.optional) }
  }

  const kindOf = (node: ts.TypeNode): Kind => {
    if (node.kind === ts.SyntaxKind.NumberKeyword) return 'number'
    if (node.kind === ts.SyntaxKind.StringKeyword) return 'text'
    if (node.kind === ts.SyntaxKind.BooleanKeyword) return 'boolean'
    if (ts.isLiteralTypeNode(node) && ts.isStringLiteral(node.literal)) return 'text'
    if (ts.isArrayTypeNode(node)) {
      const element = kindOf(node.elementType)
      if (element === 'text') return 'text[]'
      if (element === 'number') return 'number[]'
      return 'json'
    }
    // `(typeof DECISIONS)[number]`: a member of a constant list of words.
    if (ts.isIndexedAccessTypeNode(node)) return 'text'
    const name = referenceName(node)
    if (name === 'Date') return 'timestamp'
    const alias = name ? aliases.get(name) : undefined
    if (alias) {
      const kinds = new Set(members(alias).map(kindOf))
      return single(kinds)
    }
    return 'json'
  }

  const db = interfaces.get('DB')
  if (!db) throw new Error('schema.ts has no DB interface')
  const tables = new Map<string, Map<string, Column>>()
  for (const member of db.members) {
    if (!ts.isPropertySignature(member) || !member.type || !ts.isIdentifier(member.name)) continue
    const table = interfaces.get(referenceName(member.type) ?? '')
    if (!table) throw new Error(`DB.${member.name.text} names no interface of schema.ts`)
    const columns = new Map<string, Column>()
    for (const property of table.members) {
      if (!ts.isPropertySignature(property) || !property.type || !ts.isIdentifier(property.name)) continue
      const { select, optional } = columnParts(property.type)
      const values = select.filter((node) => !isNull(node))
      const kinds = new Set(values.map(kindOf))
      columns.set(snake(property.name.text), {
        kind: single(kinds),
        nullable: select.some(isNull),
        optional,
      })
    }
    tables.set(snake(member.name.text), columns)
  }
  return tables
}

describe(`the schema types match the migrated database (${databaseKind})`, () => {
  let database: TestDatabase
  let declared: Map<string, Map<string, Column>>
  // Kysely's CamelCasePlugin turns information_schema's column names into camelCase.
  let actual: Map<string, Map<string, Column & { generatedBySearch: boolean }>>

  beforeAll(async () => {
    database = await createTestDatabase()
    declared = declaredTables(
      await readFile(join(ROOT, 'src', 'platform', 'db', 'schema.ts'), 'utf8'),
      await readFile(join(ROOT, 'src', 'kernel', 'words.ts'), 'utf8'),
    )
    const { rows } = await sql<{
      tableName: string
      columnName: string
      dataType: string
      udtName: string
      isNullable: string
      columnDefault: string | null
      isIdentity: string
      isGenerated: string
    }>`
      select table_name, column_name, data_type, udt_name, is_nullable, column_default, is_identity, is_generated
      from information_schema.columns
      where table_schema = 'public' and table_name not like 'kysely_%'
      order by table_name, ordinal_position`.execute(database.db)
    actual = new Map()
    for (const row of rows) {
      const columns = actual.get(row.tableName) ?? new Map<string, Column & { generatedBySearch: boolean }>()
      actual.set(row.tableName, columns)
      columns.set(row.columnName, {
        kind:
          row.dataType === 'ARRAY'
            ? (ARRAY_KINDS[row.udtName] ?? 'json')
            : (DATABASE_KINDS[row.dataType] ?? 'json'),
        nullable: row.isNullable === 'YES',
        optional: row.columnDefault !== null || row.isIdentity === 'YES' || row.isGenerated === 'ALWAYS',
        generatedBySearch: row.udtName === 'tsvector' && row.isGenerated === 'ALWAYS',
      })
    }
  })
  afterAll(async () => {
    await database.close()
  })

  it('declares every table the migrations make, and no other', () => {
    expect([...declared.keys()].sort()).toEqual([...actual.keys()].sort())
  })

  it('declares every column of every table, nullable and of the kind the database holds', () => {
    const differences: string[] = []
    for (const [table, columns] of actual) {
      const types = declared.get(table) ?? new Map<string, Column>()
      for (const [name, column] of columns) {
        const type = types.get(name)
        if (!type) {
          if (!column.generatedBySearch) differences.push(`${table}.${name} is not declared`)
          continue
        }
        if (type.kind !== column.kind)
          differences.push(`${table}.${name} is ${column.kind} in the database, ${type.kind} in schema.ts`)
        if (type.nullable !== column.nullable)
          differences.push(
            `${table}.${name} is ${column.nullable ? '' : 'not '}nullable in the database, ${type.nullable ? '' : 'not '}in schema.ts`,
          )
        // An insert may leave out a column the database fills in, or one that may be null.
        if (type.optional && !column.optional && !column.nullable)
          differences.push(`${table}.${name} may be left out of an insert in schema.ts, but has no default`)
      }
      for (const name of types.keys())
        if (!columns.has(name)) differences.push(`${table}.${name} is declared but not in the database`)
    }
    expect(differences).toEqual([])
  })
})
