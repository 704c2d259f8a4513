import { RuleTester, type Rule } from 'eslint'
import tsparser from '@typescript-eslint/parser'
import { describe, it } from 'vitest'
// @ts-expect-error -- the lint rules are plain JavaScript beside eslint.config.js, without types.
import { glossRules } from '../../../eslint.local-rules.js'

RuleTester.describe = describe
RuleTester.it = it

const tester = new RuleTester({
  languageOptions: { parser: tsparser, parserOptions: { ecmaFeatures: { jsx: true } } },
})

const rule = (glossRules as { rules: { 'no-literal-text': Rule.RuleModule } }).rules['no-literal-text']

/** The lint rule that keeps words people read in the catalogues (#22) finds them, and only them. */
tester.run('gloss/no-literal-text', rule, {
  valid: [
    { code: "const a = <p>{t('reading.contents')}</p>" },
    { code: "const a = <p>{t('a')} · {n}</p>" },
    { code: "const a = <nav aria-label={t('layout.siteNav')}><code>edition-exists</code></nav>" },
    { code: 'const a = <input type="hidden" name="follow" value="true" />' },
    { code: 'const a = <a class="brand" href="/" lang="cy">{t(\'layout.brand\')}</a>' },
    { code: "const a = html`<button aria-label=${msg('block.copyLink')}>${msg('block.copied')}</button>`" },
    { code: 'const a = css`:host { display: block }`' },
    { code: "done.textContent = msg('page.copied')" },
    {
      code: "const b = Object.assign(document.createElement('button'), { type: 'button', className: 'quote-button' })",
    },
    {
      code: "const a = html`<p class=${open ? 'open' : 'shut'}>${msg('follow.toggle', { what: 'guide' })}</p>`",
    },
  ],
  invalid: [
    { code: 'const a = <p>Skip to the text</p>', errors: [{ messageId: 'literal' }] },
    { code: "const a = <p>{open ? 'Open' : 'Closed'}</p>", errors: 2 },
    { code: 'const a = <nav aria-label="Site" />', errors: 1 },
    { code: 'const a = <img alt={`A ${kind} chart`} />', errors: 2 },
    { code: 'const a = <button type="submit" value="Send">{t(\'x\')}</button>', errors: 1 },
    { code: 'const a = <input type="submit" value="Send" />', errors: 1 },
    { code: 'const a = html`<span>Copied</span>`', errors: 1 },
    { code: "done.textContent = 'Copied.'", errors: 1 },
    {
      code: "const b = Object.assign(document.createElement('button'), { textContent: 'Quote' })",
      errors: 1,
    },
    { code: 'const a = html`<button aria-label="Copy link to ${n}">${x}</button>`', errors: 1 },
    {
      code: "const a = html`<button>${key === null ? 'Follow this guide' : 'Follow this paragraph'}</button>`",
      errors: 2,
    },
    { code: "const a = html`<span aria-label=${open ? 'Open' : t('x')}></span>`", errors: 1 },
  ],
})

const fieldRule = (glossRules as { rules: { 'no-literal-field-message': Rule.RuleModule } }).rules[
  'no-literal-field-message'
]

/** The lint rule that keeps a schema's words for a refused field in the catalogues (#22). */
tester.run('gloss/no-literal-field-message', fieldRule, {
  valid: [
    { code: "const a = z.string().min(1, fieldMessage('field.commentEmpty'))" },
    { code: "const a = z.enum(['a', 'b']).openapi({ description: 'Either a or b.' })" },
    { code: "const a = z.object({ id: z.string() }).openapi('Comment')" },
    { code: "const a = z.string().regex(/^x$/, fieldMessage('field.searchLong', { max: 200 }))" },
    { code: 'const a = z.string().max(35)' },
    { code: "const a = invalid('x', [{ pointer: '/email', detail: fieldMessage('field.email') }])" },
    // Only a field's problem: other objects may say `detail` for what is not read as a sentence.
    { code: "const a = { detail: 'Some words here.' }" },
  ],
  invalid: [
    { code: "const a = z.string().min(1, 'Write something first.')", errors: [{ messageId: 'literal' }] },
    { code: "const a = z.enum(['all', 'some'], { error: 'Choose all or some.' })", errors: 1 },
    { code: 'const a = z.string().max(200, `Search for at most ${String(max)} characters.`)', errors: 1 },
    { code: "const a = z.string().refine(isKey, 'A paragraph key: eight letters and digits.')", errors: 1 },
    {
      code: "const a = invalid('x', [{ pointer: '/email', detail: 'Enter your email address.' }])",
      errors: 1,
    },
    { code: 'const a = [{ pointer: `/ids/${i}`, detail: `Not a draft of ${guide}.` }]', errors: 1 },
  ],
})
