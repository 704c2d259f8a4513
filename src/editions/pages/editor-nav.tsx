/** The editor's pages of one guide: editions, the working draft, its lineage preview and moderation. */
export const editorPaths = (slug: string) => ({
  manage: `/g/${slug}/manage`,
  revise: `/g/${slug}/revise`,
  preview: `/g/${slug}/revise/preview`,
  moderation: `/g/${slug}/moderation`,
})

export type EditorPage = keyof ReturnType<typeof editorPaths>

export const EditorNav = ({ slug, current }: { slug: string; current: EditorPage }) => {
  const paths = editorPaths(slug)
  const links: [EditorPage, string][] = [
    ['manage', 'Editions'],
    ['revise', 'Working draft'],
    ['preview', 'Lineage preview'],
    ['moderation', 'Moderation'],
  ]
  return (
    <nav class="sub-nav" aria-label="Editing this guide">
      <ul>
        {links.map(([page, label]) => (
          <li>
            <a href={paths[page]} aria-current={page === current ? 'page' : undefined}>
              {label}
            </a>
          </li>
        ))}
        <li>
          <a href={`/g/${slug}/invitations`}>Invitations</a>
        </li>
        <li>
          <a href={`/g/${slug}/participants`}>Participants</a>
        </li>
      </ul>
    </nav>
  )
}
