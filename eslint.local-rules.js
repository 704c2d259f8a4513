/**
 * Gloss's own lint rules, read from the syntax tree.
 *
 * `gloss/no-literal-text`: words a person reads or hears come from the message catalogues
 * (src/platform/i18n), in English and Welsh, never written into a page or an element. It reports text
 * with letters in JSX children (also a string given as a child: `{cond ? 'Yes' : 'No'}`), in the
 * attributes people hear or see (aria-label, title, placeholder, alt, and a button's value), and in
 * the text and those attributes of Lit `html` templates. Text inside `<code>` is for machines (a
 * problem's code) and is left alone.
 */

const SPOKEN = new Set([
  'aria-label',
  'aria-description',
  'aria-roledescription',
  'title',
  'placeholder',
  'alt',
])
const HAS_LETTER = /\p{L}/u
/** The properties of a DOM element that put words on the page or in a screen reader's ear. */
const DOM_TEXT = new Set(['textContent', 'innerText', 'ariaLabel', 'title', 'placeholder', 'alt'])

/** String literals an expression can give as its value: through ?:, && and ||, and template parts. */
function literalsOf(node) {
  if (!node) return []
  switch (node.type) {
    case 'Literal':
      return typeof node.value === 'string' ? [{ node, text: node.value }] : []
    case 'TemplateLiteral':
      return node.quasis.map((q) => ({ node: q, text: q.value.cooked ?? '' }))
    case 'ConditionalExpression':
      return [...literalsOf(node.consequent), ...literalsOf(node.alternate)]
    case 'LogicalExpression':
      return [...literalsOf(node.left), ...literalsOf(node.right)]
    default:
      return []
  }
}

const elementName = (node) => (node?.type === 'JSXElement' ? node.openingElement.name.name : undefined)

/** Whether a JSX element is a button, or an input a person reads as one, so its `value` is read. */
function valueIsRead(opening) {
  const name = opening.name.name
  if (name === 'button') return true
  if (name !== 'input') return false
  const type = opening.attributes.find((a) => a.type === 'JSXAttribute' && a.name.name === 'type')
  return type?.value?.type === 'Literal' && ['submit', 'button', 'reset'].includes(type.value.value)
}

/**
 * The text and read attributes of a Lit template, walked part by part: outside a tag, text is read;
 * inside one, the quoted value of a read attribute is, or an interpolation given to one. An
 * interpolation (`${...}`) where text is read is looked into as JSX's `{...}` is: a string it can give
 * (`${open ? 'Open' : 'Closed'}`) is reported; a call (`${msg('block.copied')}`) is the catalogue's.
 */
function litTextParts(quasis, expressions = []) {
  const found = []
  let inTag = false
  let attribute = ''
  let quote = ''
  let value = ''
  for (const quasi of quasis) {
    const text = quasi.value.cooked ?? ''
    let outside = ''
    for (let i = 0; i < text.length; i++) {
      const ch = text[i]
      if (quote) {
        if (ch === quote) {
          if (SPOKEN.has(attribute) && HAS_LETTER.test(value)) found.push({ node: quasi, text: value })
          quote = ''
          value = ''
        } else value += ch
      } else if (inTag) {
        if (ch === '>') inTag = false
        else if (ch === '"' || ch === "'") quote = ch
        else if (/[\s=]/.test(ch)) {
          if (ch !== '=') attribute = ''
        } else attribute += ch
      } else if (ch === '<') {
        if (HAS_LETTER.test(outside)) found.push({ node: quasi, text: outside.trim() })
        outside = ''
        inTag = true
        attribute = ''
      } else outside += ch
    }
    if (!inTag && HAS_LETTER.test(outside)) found.push({ node: quasi, text: outside.trim() })
    // An interpolation inside a quoted attribute is the catalogue's; the words around it are not.
    if (quote && SPOKEN.has(attribute) && HAS_LETTER.test(value)) found.push({ node: quasi, text: value })
    value = ''
    // What follows this part is read where the text around it is, or as the attribute it is given to.
    const expression = expressions[quasis.indexOf(quasi)]
    const read = !inTag || SPOKEN.has(attribute.replace(/^[.?]/, ''))
    if (expression && read)
      for (const part of literalsOf(expression)) if (HAS_LETTER.test(part.text)) found.push(part)
  }
  return found
}

const noLiteralText = {
  meta: {
    type: 'problem',
    docs: { description: 'Words people read come from the message catalogues (src/platform/i18n).' },
    messages: {
      literal:
        'Literal text “{{text}}” is shown to people: give it a key in src/platform/i18n (en.json and cy.json) and use the translator.',
    },
    schema: [],
  },
  create(context) {
    const report = ({ node, text }) =>
      context.report({ node, messageId: 'literal', data: { text: text.trim().slice(0, 40) } })
    return {
      JSXText(node) {
        if (!HAS_LETTER.test(node.value) || elementName(node.parent) === 'code') return
        report({ node, text: node.value })
      },
      JSXExpressionContainer(node) {
        if (node.parent.type !== 'JSXElement' && node.parent.type !== 'JSXFragment') return
        if (elementName(node.parent) === 'code') return
        for (const part of literalsOf(node.expression)) if (HAS_LETTER.test(part.text)) report(part)
      },
      JSXAttribute(node) {
        const name = typeof node.name.name === 'string' ? node.name.name : ''
        const read = SPOKEN.has(name) || (name === 'value' && valueIsRead(node.parent))
        if (!read || !node.value) return
        const parts =
          node.value.type === 'JSXExpressionContainer'
            ? literalsOf(node.value.expression)
            : literalsOf(node.value)
        for (const part of parts) if (HAS_LETTER.test(part.text)) report(part)
      },
      // Text set on an element by hand (`done.textContent = ...`, `Object.assign(el, { textContent })`).
      AssignmentExpression(node) {
        const name = node.left.type === 'MemberExpression' ? node.left.property.name : undefined
        if (!DOM_TEXT.has(name)) return
        for (const part of literalsOf(node.right)) if (HAS_LETTER.test(part.text)) report(part)
      },
      Property(node) {
        const name = node.key.type === 'Identifier' ? node.key.name : undefined
        if (!DOM_TEXT.has(name)) return
        for (const part of literalsOf(node.value)) if (HAS_LETTER.test(part.text)) report(part)
      },
      TaggedTemplateExpression(node) {
        if (node.tag.type !== 'Identifier' || node.tag.name !== 'html') return
        for (const part of litTextParts(node.quasi.quasis, node.quasi.expressions)) report(part)
      },
    }
  },
}

/**
 * zod's ways of taking the message a refused field is told with: the last argument of these methods,
 * or the `error`/`message` of an options object.
 */
const ZOD_MESSAGE_METHODS = new Set([
  'min',
  'max',
  'length',
  'regex',
  'refine',
  'int',
  'string',
  'number',
  'boolean',
  'enum',
  'literal',
  'email',
  'url',
  'uuid',
  'nonempty',
  'positive',
  'nonnegative',
  'gte',
  'lte',
  'gt',
  'lt',
  'startsWith',
  'endsWith',
  'includes',
  'array',
  'strictObject',
  'object',
])

/** A sentence written in place: a capital letter, words, and a full stop or question mark at the end. */
const SENTENCE = /^\p{Lu}.*[.?!]$/su

const noLiteralFieldMessage = {
  meta: {
    type: 'problem',
    docs: {
      description:
        "A schema's or a problem's words for a refused field come from the catalogues' `field.*` keys.",
    },
    messages: {
      literal:
        'The field message “{{text}}” is read by people, in Welsh too: give it a `field.*` key in src/platform/i18n (en.json and cy.json) and pass fieldMessage(key).',
    },
    schema: [],
  },
  create(context) {
    const check = (node) => {
      // A template is one sentence with values in it: read whole.
      const parts =
        node.type === 'TemplateLiteral'
          ? [{ node, text: node.quasis.map((q) => q.value.cooked ?? '').join('1') }]
          : literalsOf(node)
      for (const part of parts)
        if (SENTENCE.test(part.text.trim()))
          context.report({
            node: part.node,
            messageId: 'literal',
            data: { text: part.text.trim().slice(0, 40) },
          })
    }
    return {
      // A refused field in a problem (`{ pointer, detail }`): the same words, said where the service checks.
      ObjectExpression(node) {
        const named = (key) =>
          node.properties.find((p) => p.type === 'Property' && (p.key.name === key || p.key.value === key))
        const detail = named('detail')
        if (detail && named('pointer')) check(detail.value)
      },
      CallExpression(node) {
        const callee = node.callee
        const name = callee.type === 'MemberExpression' ? callee.property.name : undefined
        if (!ZOD_MESSAGE_METHODS.has(name)) return
        for (const argument of node.arguments) {
          if (argument.type === 'ObjectExpression') {
            for (const property of argument.properties)
              if (property.type === 'Property' && ['error', 'message'].includes(property.key.name))
                check(property.value)
          } else check(argument)
        }
      },
    }
  },
}

export const glossRules = {
  rules: { 'no-literal-text': noLiteralText, 'no-literal-field-message': noLiteralFieldMessage },
}
