import type { ColumnType, Generated, Insertable, Selectable } from 'kysely'
import type {
  CommentKind,
  CommentState,
  Decision,
  EditionState,
  GuideRole,
  LineageChange,
  ModerationMode,
  PlacedBy,
  QuoteStatus,
} from '../../kernel/words.ts'

/** Columns the database fills in; timestamps come back as Date and may be written as Date or ISO text. */
type Timestamp = ColumnType<Date, Date | string, Date | string>
type Created = ColumnType<Date, Date | string | undefined, never>

export interface GuidesTable {
  id: Generated<number>
  slug: string
  title: string
  summary: ColumnType<string, string | undefined, string>
  lang: ColumnType<string, string | undefined, string>
  namesPublic: ColumnType<boolean, boolean | undefined, boolean>
  moderation: ColumnType<ModerationMode, ModerationMode | undefined, ModerationMode>
  createdAt: Created
  publishByDefault: ColumnType<boolean, boolean | undefined, boolean>
}
export interface PeopleTable {
  id: Generated<number>
  email: string | null
  displayName: string
  organisation: ColumnType<string, string | undefined, string>
  description: ColumnType<string, string | undefined, string>
  passwordHash: string | null
  isAdmin: ColumnType<boolean, boolean | undefined, boolean>
  erasedAt: Timestamp | null
  createdAt: Created
}

export interface SessionsTable {
  id: Generated<number>
  personId: number
  tokenHash: string
  userAgent: ColumnType<string, string | undefined, string>
  createdAt: Created
  lastSeenAt: ColumnType<Date, Date | string | undefined, Date | string>
  expiresAt: Timestamp
  revokedAt: Timestamp | null
}

export interface RolesTable {
  guideId: number
  personId: number
  role: GuideRole
  introduction: ColumnType<string, string | undefined, string>
  createdAt: Created
}

export interface InvitationsTable {
  id: Generated<number>
  guideId: number
  role: GuideRole
  tokenHash: string
  createdBy: number
  expiresAt: Timestamp
  maxUses: number
  uses: ColumnType<number, number | undefined, number>
  revokedAt: Timestamp | null
  createdAt: Created
  note: ColumnType<string, string | undefined, string>
}

export interface PasswordResetsTable {
  id: Generated<number>
  personId: number
  tokenHash: string
  createdBy: number
  expiresAt: Timestamp
  usedAt: Timestamp | null
  createdAt: Created
}

export interface AuditLogTable {
  id: Generated<number>
  at: Created
  actorId: number | null
  action: string
  guideId: number | null
  subject: ColumnType<string, string | undefined, never>
  detail: ColumnType<Record<string, unknown>, string | undefined, never>
  address: ColumnType<string, string | undefined, never>
}

export interface RateLimitsTable {
  bucket: string
  windowStart: Timestamp
  hits: number
}

export interface SettingsTable {
  key: string
  value: ColumnType<unknown, string, string>
}
/** The W3C TextQuoteSelector's fields: the exact phrase and a little text either side. */
export interface Quote {
  exact: string
  prefix?: string | undefined
  suffix?: string | undefined
}

export interface CommentsTable {
  id: Generated<number>
  guideId: number
  editionId: number
  blockKey: string | null
  parentId: number | null
  authorId: number
  kind: CommentKind
  body: string
  html: string
  quote: ColumnType<Quote | null, string | null, string | null>
  state: CommentState
  hiddenReason: string | null
  idempotencyKey: string | null
  createdAt: Created
  updatedAt: ColumnType<Date, Date | string | undefined, Date | string>
  decision: ColumnType<Decision, Decision | undefined, Decision>
  response: ColumnType<string, string | undefined, string>
  duplicateOf: ColumnType<number | null, number | null | undefined, number | null>
  decidedAt: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>
  decidedBy: ColumnType<number | null, number | null | undefined, number | null>
  version: ColumnType<number, number | undefined, number>
}

export interface DecisionsTable {
  id: Generated<number>
  commentId: number
  decision: Decision
  response: string
  duplicateOf: number | null
  decidedBy: number
  decidedAt: Created
}

/** A decision kept among a guide's editors until released: at most one per comment. */
export interface DecisionDraftsTable {
  commentId: number
  decision: Decision
  response: string
  duplicateOf: number | null
  decidedBy: number
  decidedAt: ColumnType<Date, Date | string | undefined, Date | string>
}

export interface LineageTable {
  editionId: number
  blockKey: string
  ordinal: number
  change: LineageChange
  fromKeys: string[]
  fromOrdinals: number[]
  similarity: number
}

export interface PlacementsTable {
  commentId: number
  editionId: number
  blockKey: string | null
  /** Where the quote's words are in this edition (when gone, the words looked for); null without a quote. */
  quote: ColumnType<Quote | null, string | null | undefined, string | null>
  quoteStatus: ColumnType<QuoteStatus | null, QuoteStatus | null | undefined, QuoteStatus | null>
  placedBy: ColumnType<PlacedBy, PlacedBy | undefined, PlacedBy>
}

/** An override of one lineage link, made in the preview: the new block at `ordinal` comes from these old keys. */
export interface LineageOverride {
  ordinal: number
  from: string[]
}

/** What a working draft was before a block was deleted from it, kept until its next change. */
export interface DraftUndo {
  source: string
  overrides: LineageOverride[]
  /** The deleted block's position and number. */
  ordinal: number
  number: string
}

export interface WorkingDraftsTable {
  guideId: number
  baseEditionId: number
  source: string
  overrides: ColumnType<LineageOverride[], string | undefined, string>
  updatedBy: number
  updatedAt: ColumnType<Date, Date | string | undefined, Date | string>
  undo: ColumnType<DraftUndo | null, string | null | undefined, string | null>
}

export interface CommentRevisionsTable {
  id: Generated<number>
  commentId: number
  body: string
  html: string
  quote: ColumnType<Quote | null, string | null, never>
  kind: CommentKind
  replacedAt: Created
}

export interface FlagsTable {
  id: Generated<number>
  commentId: number
  personId: number
  reason: string
  resolvedAt: Timestamp | null
  createdAt: Created
}

export interface EventsTable {
  id: Generated<number>
  editionId: number
  type: string
  commentId: number | null
  createdAt: Created
  /** Where live streams place the event; null until the sequencer numbers it (src/live/event.repository.ts). */
  position: number | null
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

/** The secret that addresses a person's own Atom feed (readers carry no cookie); only its hash is kept. */
export interface FeedTokensTable {
  personId: number
  tokenHash: string
  createdAt: ColumnType<Date, Date | string | undefined, Date | string>
}

export interface DB {
  guides: GuidesTable
  editions: EditionsTable
  blocks: BlocksTable
  people: PeopleTable
  sessions: SessionsTable
  roles: RolesTable
  invitations: InvitationsTable
  passwordResets: PasswordResetsTable
  auditLog: AuditLogTable
  rateLimits: RateLimitsTable
  settings: SettingsTable
  comments: CommentsTable
  commentRevisions: CommentRevisionsTable
  flags: FlagsTable
  events: EventsTable
  decisions: DecisionsTable
  decisionDrafts: DecisionDraftsTable
  lineage: LineageTable
  placements: PlacementsTable
  workingDrafts: WorkingDraftsTable
  feedTokens: FeedTokensTable
}

export type GuideRow = Selectable<GuidesTable>
export type EditionRow = Selectable<EditionsTable>
export type BlockRow = Selectable<BlocksTable>
export type NewBlock = Insertable<BlocksTable>
