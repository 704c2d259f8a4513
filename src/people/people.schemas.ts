import { z } from 'zod'

const email = z
  .string()
  .trim()
  .toLowerCase()
  .max(254)
  .regex(/^[^\s@]+@[^\s@]+\.[^\s@]+$/, 'Enter an email address like name@example.org.')
/** Long passphrases welcome; 10 characters is the floor. */
const password = z.string().min(10, 'Use at least 10 characters.').max(200)
const displayName = z.string().trim().min(1, 'Enter a name.').max(80)

export const NewAccount = z.strictObject({ email, password, displayName })
export const SignIn = z.strictObject({
  email: z.string().trim().toLowerCase().max(254),
  password: z.string().max(200),
})
export const Profile = z.strictObject({
  displayName: displayName.optional(),
  organisation: z.string().trim().max(120).optional(),
  description: z.string().trim().max(500).optional(),
})
export const PasswordChange = z.strictObject({ currentPassword: z.string().max(200), newPassword: password })
export const Erase = z.strictObject({ password: z.string().max(200) })
export const NewInvitation = z.strictObject({
  role: z.enum(['reviewer', 'editor']),
  expiresInDays: z.number().int().min(1).max(90).default(14),
  maxUses: z.number().int().min(1).max(10000).default(50),
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
export const Introduction = z.strictObject({ introduction: z.string().trim().max(1000) })
export const GuideSettings = z.strictObject({
  namesPublic: z.boolean().optional(),
  moderation: z.enum(['post', 'pre']).optional(),
})
