export interface SseEvent {
  event: string
  id: string
  data: string
}

/** Reads a Server-Sent Events response as a browser's EventSource would, collecting events as they come. */
export class SseReader {
  readonly events: SseEvent[] = []
  /** Whether the server has ended the stream. */
  ended = false
  private buffer = ''
  private readonly done: Promise<void>

  constructor(response: Response) {
    const body = response.body
    if (!body) throw new Error('The event stream has no body.')
    const reader = body.pipeThrough(new TextDecoderStream()).getReader()
    this.done = (async () => {
      try {
        for (;;) {
          const { value, done } = await reader.read()
          if (done) {
            this.ended = true
            return
          }
          this.buffer += value
          this.parse()
        }
      } catch {
        // Cancelled by close().
      }
    })()
    this.cancel = () => reader.cancel()
  }

  private readonly cancel: () => Promise<void>

  private parse(): void {
    let end: number
    while ((end = this.buffer.indexOf('\n\n')) !== -1) {
      const block = this.buffer.slice(0, end)
      this.buffer = this.buffer.slice(end + 2)
      const event: SseEvent = { event: 'message', id: '', data: '' }
      let isEvent = false
      for (const line of block.split('\n')) {
        const [field, ...rest] = line.split(':')
        const value = rest.join(':').replace(/^ /, '')
        if (field === 'event') event.event = value
        else if (field === 'id') event.id = value
        else if (field === 'data') {
          event.data += value
          isEvent = true
        }
      }
      if (isEvent) this.events.push(event)
    }
  }

  /** Waits until `count` events have arrived, or fails after `ms`. */
  async waitFor(count: number, ms = 5_000): Promise<SseEvent[]> {
    const until = Date.now() + ms
    while (this.events.length < count) {
      if (Date.now() > until)
        throw new Error(`Expected ${String(count)} events, got ${String(this.events.length)}`)
      await new Promise((resolve) => setTimeout(resolve, 20))
    }
    return this.events
  }

  async close(): Promise<void> {
    await this.cancel()
    await this.done
  }
}
