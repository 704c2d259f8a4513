import type { ColumnType, Generated, Insertable, Selectable } from 'kysely'
import type {
  CommentKind,
  CommentState,
  Decision,
  EditionState,
  GuideRole,
  HideReason,
  LineageChange,
  ModerationMode,
  NamesShown,
  EmailChoice,
  MailState,
  NoticeType,
  PlacedBy,
  QuoteStatus,
} from '../../kernel/words.ts'

/** A word of a redline: kept, taken out (`del`) or put in (`ins`). */
export interface RedlinePart {
  text: string
  change?: 'del' | 'ins'
}

/** Columns the database fills in; timestamps come back as Date and may be written as Date or ISO text. */
type Timestamp = ColumnType<Date, Date | string, Date | string>
type Created = ColumnType<Date, Date | string | undefined, never>

export interface GuidesTable {
  id: Generated<number>
  slug: string
  title: string
  summary: ColumnType<string, string | undefined, string>
  lang: ColumnType<string, string | undefined, string>
  /** How reviewers' names show to the public (editors always see them). */
  names: ColumnType<NamesShown, NamesShown | undefined, NamesShown>
  /** Computed from `names` (whether full names show): never written. */
  namesPublic: ColumnType<boolean, never, never>
  /** The last pseudonym number given in the guide. */
  pseudonymsGiven: ColumnType<number, number | undefined, number>
  moderation: ColumnType<ModerationMode, ModerationMode | undefined, ModerationMode>
  createdAt: Created
  publishByDefault: ColumnType<boolean, boolean | undefined, boolean>
  /** The guide's own moderation policy, shown above its moderation log; null for the default. */
  moderationPolicy: ColumnType<string | null, string | null | undefined, string | null>
  /** Days after its consultation ends that personal data is kept (src/privacy/); null for no period. */
  retentionDays: ColumnType<number | null, number | null | undefined, number | null>
  /** When retention replaced names with pseudonyms in the guide's record; null until then. */
  retentionAppliedAt: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>
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
  /** The interface language the person chose (i18n/languages.ts); null until they choose. */
  language: ColumnType<'en' | 'cy' | null, 'en' | 'cy' | null | undefined, 'en' | 'cy' | null>
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
  hiddenReasonCode: ColumnType<HideReason | null, HideReason | null | undefined, HideReason | null>
  idempotencyKey: string | null
  createdAt: Created
  updatedAt: ColumnType<Date, Date | string | undefined, Date | string>
  decision: ColumnType<Decision, Decision | undefined, Decision>
  response: ColumnType<string, string | undefined, string>
  duplicateOf: ColumnType<number | null, number | null | undefined, number | null>
  decidedAt: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>
  decidedBy: ColumnType<number | null, number | null | undefined, number | null>
  version: ColumnType<number, number | undefined, number>
  /** A suggestion's new wording (Markdown) for its quote, or its whole paragraph; null on other kinds. */
  proposal: ColumnType<string | null, string | null | undefined, string | null>
  /** The paragraph's words against the same with the proposal applied, worked out on posting. */
  proposalRedline: ColumnType<RedlinePart[] | null, string | null | undefined, string | null>
  /** Whether its author lets it be published; false: only its author and the guide's editors see it. */
  public: ColumnType<boolean, boolean | undefined, boolean>
  /** The organisation its author responds for, if any. */
  onBehalfOf: ColumnType<string | null, string | null | undefined, string | null>
  /** The language it is written in (a BCP 47 tag); null on comments from before languages were recorded. */
  lang: ColumnType<string | null, string | null | undefined, string | null>
}

/** A person's stable pseudonym in a guide ("Reviewer 17"), numbered as people first took part. */
export interface PseudonymsTable {
  guideId: number
  personId: number
  number: number
  createdAt: Created
}

/** A guide's theme: what its editors group feedback under, and their one response to it. */
export interface ThemesTable {
  id: Generated<number>
  guideId: number
  name: string
  description: ColumnType<string, string | undefined, string>
  response: ColumnType<string, string | undefined, string>
  createdBy: number | null
  createdAt: Created
  updatedAt: ColumnType<Date, Date | string | undefined, Date | string>
}

/** A comment gathered under a theme. */
export interface CommentThemesTable {
  commentId: number
  themeId: number
  taggedBy: number | null
  taggedAt: Created
}

/** One person agreeing with one comment. */
export interface AgreementsTable {
  commentId: number
  personId: number
  createdAt: Created
}

/** A suggestion an editor accepted into the guide's working draft, and what it changed there. */
export interface AcceptancesTable {
  commentId: number
  guideId: number
  /** The edition the working draft revised when the suggestion went into it. */
  baseEditionId: number
  blockKey: string
  beforeMarkdown: string
  afterMarkdown: string
  acceptedBy: number
  acceptedAt: Created
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
  /** Made by editing the block in place (it stays the paragraph it was), not by correcting the link. */
  kept?: boolean
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
  proposal: ColumnType<string | null, string | null | undefined, never>
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

/** One block of a translation (its words, for the contents and for search), under the key of the edition's block it translates. */
export interface TranslatedBlock {
  key: string
  text: string
  /** The block's inner HTML, for reading side by side; absent on texts stored before that view. */
  html?: string
}

export interface EditionTranslationsTable {
  editionId: number
  lang: string
  title: string
  source: string
  blocks: ColumnType<TranslatedBlock[], string, string>
  pageHtml: string
  createdBy: number | null
  createdAt: Created
}

/** A block of a translation, one row each for search (its tsvector is generated, so never written). */
export interface TranslationBlocksTable {
  editionId: number
  lang: string
  key: string
  ordinal: number
  text: string
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

/** A person following a guide (blockKey null) or a paragraph by its key, across editions. */
export interface FollowsTable {
  id: Generated<number>
  personId: number
  guideId: number
  blockKey: string | null
  createdAt: Created
}

/** Something a person is told about, written once per cause (unique on personId and dedupeKey). */
export interface NoticesTable {
  id: Generated<number>
  personId: number
  guideId: number
  type: NoticeType
  /** What the notice is about, as its type needs it to be told and linked (src/notifications/). */
  subject: ColumnType<Record<string, unknown>, string, never>
  dedupeKey: string
  createdAt: Created
  readAt: Timestamp | null
  /** Its email: waiting, handed to the job that mails it (mailJobId), sent, or not to be mailed (src/mail/). */
  mailState: ColumnType<MailState, MailState | undefined, MailState>
  mailJobId: ColumnType<number | null, number | null | undefined, number | null>
  mailedAt: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>
}

/** How a person's notices reach them by email; a person without a row gets a daily digest. */
export interface MailSettingsTable {
  personId: number
  email: EmailChoice
  updatedAt: ColumnType<Date, Date | string | undefined, Date | string>
}

/** An address a mail server refused for good (a 5xx): nothing is sent to it again. */
export interface MailBouncesTable {
  address: string
  reason: string
  bouncedAt: Created
}

/** Work that happens later (src/platform/queue/): claimed by one process at a time, retried, kept when given up on. */
export interface JobsTable {
  id: Generated<number>
  kind: string
  payload: ColumnType<Record<string, unknown>, string | undefined, string>
  key: string | null
  runAt: ColumnType<Date, Date | string | undefined, Date | string>
  attempts: ColumnType<number, number | undefined, number>
  maxAttempts: ColumnType<number, number | undefined, number>
  lockedUntil: Timestamp | null
  lockedBy: string | null
  lastError: string | null
  createdAt: Created
  finishedAt: Timestamp | null
  failedAt: Timestamp | null
}

/** A top-level comment's body as campaigns compare it (src/campaigns/normalise.ts). */
export interface CampaignTextsTable {
  commentId: number
  editionId: number
  normalised: string
  /** Its MinHash bands for finding it again (src/campaigns/lsh.ts); null if saved before they existed. */
  bands: number[] | null
}

/** Near-identical comments of one edition from three or more people, and the decision they were given. */
export interface CampaignsTable {
  id: Generated<number>
  editionId: number
  representativeId: number
  createdAt: Created
  decision: ColumnType<Decision | null, Decision | null | undefined, Decision | null>
  response: ColumnType<string, string | undefined, string>
  duplicateOf: ColumnType<number | null, number | null | undefined, number | null>
  decidedBy: ColumnType<number | null, number | null | undefined, number | null>
  decidedAt: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>
  /** Whether its decision was kept among the editors, so a comment joining later gets a draft too. */
  decisionDraft: ColumnType<boolean, boolean | undefined, boolean>
}

/** A comment in a campaign; one an editor split out keeps its row, so it never joins again. */
export interface CampaignMembersTable {
  commentId: number
  campaignId: number
  joinedAt: Created
  splitOutAt: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>
  splitOutBy: ColumnType<number | null, number | null | undefined, number | null>
}

export interface DB {
  guides: GuidesTable
  editions: EditionsTable
  editionTranslations: EditionTranslationsTable
  translationBlocks: TranslationBlocksTable
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
  jobs: JobsTable
  follows: FollowsTable
  notices: NoticesTable
  mailSettings: MailSettingsTable
  mailBounces: MailBouncesTable
  agreements: AgreementsTable
  acceptances: AcceptancesTable
  campaignTexts: CampaignTextsTable
  campaigns: CampaignsTable
  campaignMembers: CampaignMembersTable
  pseudonyms: PseudonymsTable
  themes: ThemesTable
  commentThemes: CommentThemesTable
}

export type GuideRow = Selectable<GuidesTable>
export type EditionRow = Selectable<EditionsTable>
export type BlockRow = Selectable<BlocksTable>
export type NewBlock = Insertable<BlocksTable>
