import { triagePath } from '../decisions/urls.ts'

/** The triage page's theme forms (theme-pages.routes.tsx). */
export const themeCreatePath = (slug: string, number: number) => `${triagePath(slug, number)}/themes`
export const themePath = (slug: string, number: number, id: string) =>
  `${triagePath(slug, number)}/themes/${id}`
export const themeTagPath = (slug: string, number: number) => `${triagePath(slug, number)}/themes/tag`
export const themeDeletePath = (slug: string, number: number, id: string) =>
  `${triagePath(slug, number)}/themes/${id}/delete`
export const themeUntagPath = (slug: string, number: number, id: string) =>
  `${triagePath(slug, number)}/themes/${id}/untag`
