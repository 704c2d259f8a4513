import { triagePath } from '../decisions/urls.ts'

/** The triage page's form that decides a campaign (no script needed). */
export const campaignDecidePath = (slug: string, number: number, id: string) =>
  `${triagePath(slug, number)}/campaigns/${id}/decide`

/** The triage page's form that takes a comment out of a campaign. */
export const campaignSplitPath = (slug: string, number: number, id: string) =>
  `${triagePath(slug, number)}/campaigns/${id}/split`
