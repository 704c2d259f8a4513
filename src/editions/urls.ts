import { moderationPath } from '../moderation/urls.ts'

/** The editor's pages of one guide: editions, the working draft, its lineage preview and moderation. */
export const editorPaths = (slug: string) => ({
  manage: `/g/${slug}/manage`,
  revise: `/g/${slug}/revise`,
  preview: `/g/${slug}/revise/preview`,
  moderation: moderationPath(slug),
})

/** The form that moves edition `number` to another state. */
export const transitionPath = (slug: string, number: number) =>
  `${editorPaths(slug).manage}/${String(number)}/transition`

/** The form that adds edition `number`'s text in another language. */
export const translationFormPath = (slug: string, number: number) =>
  `${editorPaths(slug).manage}/${String(number)}/translation`
