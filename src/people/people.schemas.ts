import { z } from '@hono/zod-openapi'
import { fieldMessage } from '../platform/i18n/field-messages.ts'
import { storableText } from '../kernel/storable-text.ts'
import { GUIDE_ROLES, NAMES_SHOWN } from '../kernel/words.ts'
import { LANGUAGES } from '../platform/i18n/languages.ts'

const email = z
  .string()
  .trim()
  .toLowerCase()
  .max(254)
  .regex(/^[^\s@]+@[^\s@]+\.[^\s@]+$/, fieldMessage('field.email'))
/** Long passphrases welcome; 10 characters is the floor. */
const password = z.string().min(10, fieldMessage('field.passwordShort')).max(200)
const displayName = storableText().trim().min(1, fieldMessage('field.nameEmpty')).max(80)

export const NewAccount = z.strictObject({ email, password, displayName })
export const SignIn = z.strictObject({
  email: z.string().trim().toLowerCase().max(254),
  password: z.string().max(200),
})
export const Profile = z.strictObject({
  displayName: displayName.optional(),
  organisation: storableText().trim().max(120).optional(),
  description: storableText().trim().max(500).optional(),
  /** The interface language, remembered on the account (SPEC.md, "Languages: English and Welsh"). */
  language: z.enum(LANGUAGES).optional(),
})
export const PasswordChange = z.strictObject({ currentPassword: z.string().max(200), newPassword: password })
export const Erase = z.strictObject({ password: z.string().max(200) })
export const NewInvitation = z.strictObject({
  role: z.enum(['reviewer', 'editor']),
  expiresInDays: z.number().int().min(1).max(90).default(14),
  /**
   * Left out: one person for an editor's link, so a forwarded link cannot make more editors than were
   * meant (an editor can publish and decide); many for a reviewer's, which is shared with a group.
   */
  maxUses: z.number().int().min(1).max(10000).optional().openapi({
    description: 'How many people may join by it; left out, 1 for an editor and 50 for a reviewer.',
  }),
  /** Where the instance has a mail server: the link is also sent to each of these addresses. */
  emails: z.array(email).min(1).max(50).optional(),
})
/** Accepting while signed in needs no body fields; otherwise it makes (or signs in to) an account. */
export const AcceptInvitation = z.strictObject({
  email: email.optional(),
  password: z.string().max(200).optional(),
  displayName: displayName.optional(),
})
export const ResetPassword = z.strictObject({ password })
export const RoleChange = z.strictObject({ role: z.enum(['reviewer', 'editor']).nullable() })
export const AdminChange = z.strictObject({ isAdmin: z.boolean() })
export const InstanceSettings = z.strictObject({ openSignUp: z.boolean() })
export const Introduction = z.strictObject({ introduction: storableText().trim().max(1000) })

// What the API answers. Times are ISO 8601 strings, as JSON carries a Date.

const Role = z.enum(GUIDE_ROLES)

/** A new account, or a sign-in: the person now signed in. */
export const SignedIn = z.object({ id: z.string() })

/** The first account, made admin by setup. */
export const Admin = z.object({
  id: z.string(),
  email: z.string(),
  displayName: z.string(),
  isAdmin: z.literal(true),
})

/** The signed-in person, their own details and every guide role they hold. */
export const Me = z
  .object({
    id: z.string(),
    email: z.string().nullable(),
    displayName: z.string(),
    organisation: z.string(),
    description: z.string(),
    isAdmin: z.boolean(),
    language: z.enum(LANGUAGES).nullable(),
    roles: z.array(z.object({ guide: z.string(), title: z.string(), role: Role })),
  })
  .openapi('Me')
export type Me = z.infer<typeof Me>

/** One of your sessions; `current` is the one asking. */
export const Session = z.object({
  id: z.string(),
  userAgent: z.string(),
  createdAt: z.string(),
  lastSeenAt: z.string(),
  expiresAt: z.string(),
  current: z.boolean(),
})

/** An invitation as its maker gets it: the link and its token are shown this once. */
export const NewInvitationView = z.object({
  id: z.string(),
  url: z.string(),
  token: z.string(),
  role: Role,
  expiresAt: z.string(),
  maxUses: z.number().int(),
  uses: z.number().int(),
  /** Whom the link is for, in the editors' words (made on the invitations page). */
  note: z.string(),
  /** The addresses the link is being sent to by email (when `emails` was given). */
  emailed: z.array(z.string()).optional(),
})

/** An invitation in the guide's list (no token: only its hash is kept). */
export const Invitation = z.object({
  id: z.string(),
  role: Role,
  expiresAt: z.string(),
  maxUses: z.number().int(),
  uses: z.number().int(),
  revokedAt: z.string().nullable(),
  createdAt: z.string(),
  /** The name of the editor who made it. */
  createdBy: z.string(),
  note: z.string(),
})

/** What an invitation offers, for whoever holds its link. */
export const InvitationOffer = z.object({
  guide: z.string(),
  title: z.string(),
  role: Role,
  usable: z.boolean(),
})

/** Someone who joined through an invitation, and the role they now hold. */
export const Joined = z.object({ id: z.string(), guide: z.string(), role: Role })

/**
 * A guide's participants. Where names are for editors only (`named` false), everyone but the viewer
 * reads as "A participant", with no id, organisation, description or introduction.
 */
export const Participants = z.object({
  guide: z.object({
    slug: z.string(),
    title: z.string(),
    namesPublic: z.boolean(),
    /** How names show to the public: where it is `pseudonym`, others read as their pseudonyms here too. */
    names: z.enum(NAMES_SHOWN),
  }),
  named: z.boolean(),
  items: z.array(
    z.object({
      id: z.string().nullable(),
      displayName: z.string(),
      organisation: z.string(),
      description: z.string(),
      role: Role,
      introduction: z.string(),
    }),
  ),
  /** Always null: every participant is on this one page. */
  next: z.null(),
})

/** Someone with an account, as admins see them. */
export const Person = z.object({
  id: z.string(),
  email: z.string().nullable(),
  displayName: z.string(),
  organisation: z.string(),
  isAdmin: z.boolean(),
  createdAt: z.string(),
})

/** A one-time password reset link, to hand to its person. */
export const ResetLink = z.object({ url: z.string(), token: z.string(), expiresAt: z.string() })

/** An entry of the audit log. */
export const AuditEntry = z.object({
  id: z.string(),
  at: z.string(),
  action: z.string(),
  subject: z.string(),
  detail: z.record(z.string(), z.unknown()),
  address: z.string(),
  /** Null where no account acted: a failed sign-in with an email that has none, say. */
  actorName: z.string().nullable(),
  guideSlug: z.string().nullable(),
})

/** The instance's own settings. */
export const InstanceSettingsView = z.object({ openSignUp: z.boolean() })
