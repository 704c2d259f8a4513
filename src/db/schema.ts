import type { ColumnType, Generated, Insertable, Selectable } from 'kysely'

/** Columns the database fills in; timestamps come back as Date and may be written as Date or ISO text. */
type Timestamp = ColumnType<Date, Date | string, Date | string>
type Created = ColumnType<Date, Date | string | undefined, never>

export type EditionState = 'draft' | 'open' | 'closed' | 'published'

export interface GuidesTable {
  id: Generated<number>
  slug: string
  title: string
  summary: ColumnType<string, string | undefined, string>
  lang: ColumnType<string, string | undefined, string>
  createdAt: Created
}

export interface EditionsTable {
  id: Generated<number>
  guideId: number
  number: number
  state: EditionState
  title: string
  opensAt: Timestamp | null
  closesAt: Timestamp | null
  source: string
  contentHash: string
  pageHtml: string
  blockCount: number
  createdAt: Created
  publishedAt: Timestamp | null
}

export interface BlocksTable {
  editionId: number
  ordinal: number
  key: string
  kind: string
  number: string
  markdown: string
  html: string
  text: string
  hash: string
  sectionPath: string[]
}

export interface DB {
  guides: GuidesTable
  editions: EditionsTable
  blocks: BlocksTable
}

export type GuideRow = Selectable<GuidesTable>
export type EditionRow = Selectable<EditionsTable>
export type BlockRow = Selectable<BlocksTable>
export type NewBlock = Insertable<BlocksTable>
