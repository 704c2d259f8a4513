import { api, pageEdition, type CommentView, type Counts, type GoneComment, type LiveCount } from './api.ts'
import type { GlossBlock } from './components/gloss-block.ts'
import './components/gloss-thread.ts'
import { msg } from './messages.ts'
import { offerQuotes } from './quote-button.ts'

/**
 * Wires the reading page for commenting: counts in every block's margin (from a small request of their
 * own, so the page stays cacheable), one thread panel that opens beside or under a block, and a live
 * stream that keeps both current.
 */
export async function enhanceEdition(): Promise<void> {
  const edition = pageEdition()
  // Only editions that take or show feedback have thread links in their margins.
  if (!edition || !document.querySelector('gloss-margin a.thread-link')) return
  const base = `/api/guides/${edition.slug}/editions/${String(edition.number)}`
  const counts = await api<Counts>(`${base}/counts`)
  addEditionLinks(edition, counts)
  const blocks = new Map<string, GlossBlock>()
  for (const block of document.querySelectorAll('gloss-block')) {
    if (!block.querySelector(':scope > gloss-margin')) continue
    blocks.set(block.key, block)
    const count = counts.counts[block.key] ?? 0
    // Where nothing can be added, a block without comments has nothing to open.
    if (count > 0 || counts.takesComments) block.count = count
    block.quotes = counts.quotes[block.key] ?? []
  }
  /** The counts as last read: whether the edition takes comments now, and from whom. */
  let standing = counts
  let quotesOffered = counts.mayComment
  if (quotesOffered) offerQuotes(blocks)

  const thread = document.createElement('gloss-thread')
  Object.assign(thread, {
    slug: edition.slug,
    edition: edition.number,
    mayComment: counts.mayComment,
    signedIn: counts.signedIn,
    mayModerate: counts.mayModerate,
    publishByDefault: counts.publishByDefault,
    organisation: counts.organisation,
  })
  let opener: HTMLElement | undefined
  let openBlock: GlossBlock | undefined

  const close = () => {
    if (openBlock) openBlock.expanded = false
    thread.remove()
    // An edition that moved while the panel was open changes it now, not under someone's typing.
    thread.mayComment = standing.mayComment
    opener?.focus()
    openBlock = undefined
  }

  document.addEventListener('gloss-open-thread', (event) => {
    const { key, label, quote, opener: from, first = [] } = event.detail
    const block = blocks.get(key)
    if (!block) return
    if (openBlock === block && first.length > 0) {
      // A highlight in the open paragraph puts its comments first.
      thread.first = first
      thread.focusHeading()
      return
    }
    if (openBlock === block) {
      // New words quoted from the open paragraph go into its form; pressing its button again closes it.
      if (quote && quote !== thread.quote) {
        thread.quote = quote
        thread.focusHeading()
      } else close()
      return
    }
    if (openBlock) openBlock.expanded = false
    opener = from
    openBlock = block
    block.expanded = true
    Object.assign(thread, {
      blockKey: key,
      label,
      quote,
      first,
      paragraph: block.ownText,
      mayComment: standing.mayComment,
    })
    // Under the paragraph (a drawer on narrow screens); on wide ones CSS lifts it beside the text.
    ;(block.closest('li') ?? block).after(thread)
    thread.focusHeading()
  })
  thread.addEventListener('gloss-thread-close', close)
  /**
   * The page's own comment counts at once, before the stream brings it, unless the stream was first:
   * either way once. The stream's count for its block then replaces the sum.
   */
  const seen = new Set<string>()
  document.addEventListener('gloss-comment-posted', ({ detail: { comment } }) => {
    if (seen.has(comment.id)) return
    seen.add(comment.id)
    const block = comment.blockKey ? blocks.get(comment.blockKey) : undefined
    if (block && comment.state === 'published') block.count = (block.count ?? 0) + 1
  })

  // From where the counts stand, so a comment committed before the stream starts is sent all the same.
  const stream = new EventSource(`${base}/events?lastEventId=${String(counts.position)}`)
  // Says when the stream is connected: a comment committed from then on is sure to arrive (tests wait for it).
  stream.addEventListener('open', () => {
    document.documentElement.dataset.live = 'open'
  })
  /**
   * Every event carries its block's count as it now is (hiding, approving or withdrawing a comment moves
   * it as much as posting does), so the margin takes it as it comes rather than adding up.
   */
  const received = (event: Event) => {
    const comment = JSON.parse((event as MessageEvent<string>).data) as (CommentView | GoneComment) &
      LiveCount
    const block = comment.blockKey ? blocks.get(comment.blockKey) : undefined
    if (block && comment.blockCount !== undefined) block.count = comment.blockCount
    return comment
  }
  stream.addEventListener('comment.created', (event) => {
    const comment = received(event)
    if (seen.has(comment.id)) return
    seen.add(comment.id)
    thread.receive(comment)
  })
  for (const type of ['comment.updated', 'comment.decided', 'comment.agreed'])
    stream.addEventListener(type, (event) => {
      thread.receive(received(event), true)
    })

  /**
   * An edition that opens, closes or is published while its page is open (the stream says so, or its
   * window's time comes) is looked at again, and the page says so: a page read before must not go on
   * offering to comment. What someone is writing stays in its box; posting it then says why it cannot.
   */
  let timer: ReturnType<typeof setTimeout> | undefined
  const look = async () => {
    let now: Counts
    try {
      now = await api<Counts>(`${base}/counts`)
    } catch {
      return // Offline for now: the stream's next word, or the page's next load, looks again.
    }
    const was = standing
    standing = now
    schedule(now)
    if (now.state === was.state && now.mayComment === was.mayComment) return
    for (const [key, block] of blocks) {
      const count = now.counts[key] ?? 0
      block.count = count > 0 || now.takesComments ? count : undefined
    }
    if (!thread.isConnected) thread.mayComment = now.mayComment
    if (now.mayComment && !quotesOffered) {
      quotesOffered = true
      offerQuotes(blocks)
    }
    if (now.state !== was.state) sayMoved(now.state)
  }
  /** Looks again when the window opens or closes; a client clock ahead of the server's looks every few seconds until it has. */
  const schedule = (at: Counts) => {
    clearTimeout(timer)
    const when = at.state === 'open' ? at.closesAt : at.state === 'upcoming' ? at.opensAt : null
    if (when === null) return
    const wait = Date.parse(when) - Date.now()
    // A timer past 24 days overflows: a page open that long looks again when the stream reconnects.
    if (wait < 2 ** 31 - 2_000) timer = setTimeout(() => void look(), wait > 0 ? wait + 1_000 : 5_000)
  }
  schedule(counts)
  stream.addEventListener('edition.moved', () => void look())
}

/** The page's edition line says how the edition stands now, and a notice under it what changed. */
function sayMoved(state: Counts['state']): void {
  const meta = document.querySelector('.guide-meta')
  if (!meta) return
  const badge = meta.querySelector('.badge')
  if (badge) badge.textContent = msg(`edition.state.${state}`)
  // The window's time ("comments close …") no longer says how it stands.
  for (const window of meta.querySelectorAll('.edition-window')) window.remove()
  let notice = document.getElementById('edition-moved')
  if (!notice) {
    notice = Object.assign(document.createElement('p'), { id: 'edition-moved', className: 'notice' })
    notice.setAttribute('role', 'status')
    meta.after(notice)
  }
  notice.textContent = msg(`edition.moved.${state}`)
}

/** Links only some viewers need, added here so the page itself stays the same for everyone. */
function addEditionLinks(edition: { slug: string; number: number }, counts: Counts): void {
  const meta = document.querySelector('.guide-meta')
  if (!meta) return
  const add = (href: string, text: string) => {
    const link = Object.assign(document.createElement('a'), { href, textContent: text })
    meta.append(' · ', link)
  }
  const at = `/g/${edition.slug}/${String(edition.number)}`
  if (counts.removed > 0 && !meta.querySelector('a.removed-link'))
    add(`${at}/removed`, msg('edition.removedLink', { count: counts.removed }))
  if (counts.mayEdit) {
    add(`${at}/triage`, msg('edition.triage'))
    add(`/g/${edition.slug}/moderation`, msg('edition.moderation'))
    add(`/g/${edition.slug}/manage`, msg('edition.manage'))
  }
}
