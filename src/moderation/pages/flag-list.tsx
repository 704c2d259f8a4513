import type { FlagView } from '../flag.repository.ts'
import { Time } from '../../site/form.tsx'
import { plural } from '../../kernel/plural.ts'

/**
 * A comment's open flags as its editors read them: who raised each, when and why. Only editors' pages
 * render this (triage, the queue, a thread seen by its moderators); nobody else is given flags.
 */
export const FlagList = ({ flags, queue }: { flags: readonly FlagView[] | undefined; queue?: string }) =>
  flags && flags.length > 0 ? (
    <div class="comment-flags">
      <p class="comment-flags-title">
        <strong>Flagged by {plural(flags.length, 'person', 'people')}</strong>
      </p>
      <ul>
        {flags.map((f) => (
          <li>
            <strong class="flagged-by">{f.by}</strong>, <Time at={f.at} />: <span dir="auto">{f.reason}</span>
          </li>
        ))}
      </ul>
      {queue ? (
        <p>
          <a href={queue}>Dismiss the flags, or hide the comment, in the moderation queue</a>
        </p>
      ) : null}
    </div>
  ) : null
