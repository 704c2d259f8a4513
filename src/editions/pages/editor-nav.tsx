import { invitationsPath, participantsPath } from '../../people/urls.ts'
import { editorPaths } from '../urls.ts'

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
          <a href={invitationsPath(slug)}>Invitations</a>
        </li>
        <li>
          <a href={participantsPath(slug)}>Participants</a>
        </li>
      </ul>
    </nav>
  )
}
