import { consultationAt } from '../../support/consultation.ts'
import { Client, PASSWORD } from '../../support/session.ts'

export interface Consultation {
  admin: Client
  reviewer: Client
  slug: string
  /** The keys of edition 1's blocks, in order. */
  keys: string[]
}

/**
 * On a fresh server, through the one fixture builder: the first account (an admin), a guide imported
 * from `markdown` with edition 1 open for comments, and a reviewer invited to it. The clients take paths
 * from `base`, and absolute URLs to reach the other servers of a test.
 */
export async function openConsultation(base: string, markdown: string, slug: string): Promise<Consultation> {
  const fixture = await consultationAt(base, {
    guides: [{ slug, markdown, state: 'open' }],
    people: { reviewer: { email: 'rita@example.org', name: 'rita' } },
  })
  return { admin: fixture.admin, reviewer: fixture.people.reviewer, slug, keys: fixture.guide.keys }
}

/** Someone accepts, on the server at `base`, an invitation made there by `inviter`, and comes back signed in. */
export async function invite(
  base: string,
  inviter: Client,
  slug: string,
  role: 'reviewer' | 'editor',
  email: string,
): Promise<Client> {
  const { token } = await inviter.expect<{ token: string }>(
    201,
    'POST',
    `${base}/api/guides/${slug}/invitations`,
    { role },
  )
  const client = new Client(base)
  await client.expect(200, 'POST', `/api/invitations/${token}/accept`, {
    email,
    password: PASSWORD,
    displayName: email.split('@')[0],
  })
  return client
}
