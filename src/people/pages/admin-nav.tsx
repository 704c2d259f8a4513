/** The administrators' pages, one link each; the current one marked for assistive technology. */
const PAGES = [
  ['/admin/people', 'People'],
  ['/admin/settings', 'Settings'],
  ['/admin/audit', 'Audit log'],
  ['/admin/instance', 'Instance'],
] as const

export const AdminNav = ({ current }: { current: (typeof PAGES)[number][0] }) => (
  <nav class="sub-nav" aria-label="Administration">
    <ul>
      {PAGES.map(([href, label]) => (
        <li>
          <a href={href} aria-current={href === current ? 'page' : undefined}>
            {label}
          </a>
        </li>
      ))}
    </ul>
  </nav>
)

export const roleLabel = (role: string) =>
  role === 'editor' ? 'Editor' : role === 'reviewer' ? 'Reviewer' : role
