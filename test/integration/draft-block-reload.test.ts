import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { consultation } from '../support/consultation.ts'
import { databaseKind } from '../support/database.ts'

describe(`the page of a block of the working draft, asked for again (${databaseKind})`, () => {
  let world: Awaited<ReturnType<typeof consultation>>
  beforeAll(async () => {
    world = await consultation({ guides: [{ slug: 'buy' }], admin: { email: 'ed@example.org', name: 'Ed' } })
  })
  afterAll(async () => {
    await world.close()
  })

  it('leads a reload of the question before deleting back to the block on the draft', async () => {
    const editor = world.admin
    const draft = await (await editor.request('/g/buy/revise')).text()
    const hash = /id="b-1"[\s\S]*?name="hash" value="([^"]+)"/.exec(draft)?.[1] ?? ''
    const asked = await editor.request('/g/buy/revise/blocks/1', {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ op: 'delete', hash }),
    })
    expect(asked.status).toBe(200)
    expect(await asked.text()).toContain('Delete block')

    // A reload, or the back button after confirming, asks by GET.
    const reloaded = await editor.request('/g/buy/revise/blocks/1')
    expect(reloaded.status).toBe(303)
    expect(reloaded.headers.get('location')).toBe('/g/buy/revise#b-1')
    expect((await editor.request('/g/buy/revise')).status).toBe(200)
    expect((await editor.request('/g/buy/revise/blocks/one')).status).toBe(404)
  })
})
