import { describe, expect, it } from 'vitest'
import { forReaders } from '../../../src/site/reader-html.ts'

describe('a guide as readers get it', () => {
  it('names a task list checkbox by its item’s own words', () => {
    const html = forReaders(
      '<ul class="contains-task-list"><li class="task-list-item"><input type="checkbox" disabled> Say "hi" &amp; <em>wave</em><ul><li>not this</li></ul></li>' +
        '<li class="task-list-item"><p><input type="checkbox" checked disabled> Done already</p></li></ul>',
    )
    expect(html).toContain(
      '<input type="checkbox" disabled aria-label="Say &quot;hi&quot; &amp; wave"> Say "hi"',
    )
    expect(html).toContain('<input type="checkbox" checked disabled aria-label="Done already">')
    // A block's own HTML (a list item's inside) ends without its closing tag.
    expect(forReaders('<input type="checkbox" disabled> Turn on two-factor')).toContain(
      'aria-label="Turn on two-factor"',
    )
  })

  it('lets the keyboard reach every table, which may scroll sideways', () => {
    expect(forReaders('<table><tr><td>1</td></tr></table><table class="x">')).toBe(
      '<table tabindex="0"><tr><td>1</td></tr></table><table tabindex="0" class="x">',
    )
    expect(forReaders('<table tabindex="-1">')).toBe('<table tabindex="-1">')
  })

  it('leaves everything else as it was', () => {
    const text = '<p>Tables <em>and</em> checkboxes are <code>&lt;table&gt;</code> in prose.</p>'
    expect(forReaders(text)).toBe(text)
  })
})
