import js from '@eslint/js'
import tseslint from 'typescript-eslint'
import { glossRules } from './eslint.local-rules.js'

export default tseslint.config(
  { ignores: ['node_modules', 'data', 'dist', 'artifacts', 'eslint.config.js', 'eslint.local-rules.js'] },
  js.configs.recommended,
  ...tseslint.configs.strictTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/restrict-template-expressions': ['error', { allowNumber: true }],
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_', ignoreRestSiblings: true },
      ],
      '@typescript-eslint/no-confusing-void-expression': ['error', { ignoreArrowShorthand: true }],
    },
  },
  {
    // expect.any() and friends are typed any by vitest itself.
    files: ['test/**/*.ts', 'test/**/*.tsx'],
    rules: { '@typescript-eslint/no-unsafe-assignment': 'off' },
  },
  {
    // The boundaries of ARCHITECTURE.md's layout: kernel/ stands alone, and pages are reached only
    // through the app that mounts them.
    files: ['src/kernel/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [{ group: ['../*'], message: 'kernel/ imports nothing of Gloss from outside kernel/.' }],
        },
      ],
    },
  },
  {
    files: ['src/**/*.ts', 'src/**/*.tsx'],
    ignores: ['src/**/pages/**', 'src/app.tsx', 'src/kernel/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: '(^|/)pages/',
              message:
                'Only pages and the app that mounts them import a pages/ folder: services and routes use urls.ts and kernel/ words.',
            },
          ],
        },
      ],
    },
  },
  {
    // Only services import repositories: a route or a page calls a service, which holds the rules and
    // the transaction, and the service calls the repository. Types may still be named anywhere.
    files: ['src/**/*.ts', 'src/**/*.tsx'],
    ignores: ['src/**/*.service.ts', 'src/**/*.repository.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: '\\.repository(\\.ts)?$',
              allowTypeImports: true,
              message: 'Only services import repositories: call the service that holds the rule instead.',
            },
          ],
        },
      ],
    },
  },
  {
    // Only repositories touch Kysely: building or running a query, raw SQL and transactions live in
    // *.repository.ts (and platform/db, which makes the connection). A service opens a transaction
    // through platform/db's withTransaction and hands it to repositories; it may name Kysely's types.
    files: ['src/**/*.ts', 'src/**/*.tsx'],
    ignores: ['src/**/*.repository.ts', 'src/platform/db/**'],
    rules: {
      'no-restricted-syntax': [
        'error',
        {
          selector:
            'CallExpression[callee.property.name=/^(selectFrom|selectNoFrom|insertInto|updateTable|deleteFrom|replaceInto|mergeInto|with|withRecursive|transaction|connection|executeQuery)$/]',
          message: "Only repositories touch Kysely: move this query into the feature's *.repository.ts.",
        },
        {
          selector: 'TaggedTemplateExpression[tag.name="sql"], CallExpression[callee.object.name="sql"]',
          message: 'Only repositories touch Kysely: raw SQL belongs in a *.repository.ts.',
        },
        {
          selector:
            'ImportDeclaration[source.value=/^kysely/][importKind="value"] > ImportSpecifier[importKind="value"], ImportDeclaration[source.value=/^kysely/][importKind="value"] > ImportNamespaceSpecifier, ImportDeclaration[source.value=/^kysely/][importKind="value"] > ImportDefaultSpecifier',
          message:
            'Only repositories touch Kysely: import its types with `import type`, its values in a repository.',
        },
      ],
    },
  },
  {
    // Words people read come from the message catalogues, in English and Welsh (#22): no literal text
    // in JSX, in the attributes people hear or see, in Lit templates, or set on an element by hand in
    // web/ (eslint.local-rules.js).
    files: ['src/**/*.tsx', 'web/**/*.ts'],
    plugins: { gloss: glossRules },
    rules: { 'gloss/no-literal-text': 'error' },
  },
  {
    // A schema's or a service's words for a refused field are read in Welsh too (#22): `field.*` keys,
    // through fieldMessage (src/platform/i18n/field-messages.ts), never a sentence written in place
    // (a Welsh page could only say "that is not acceptable as it is", without the reason).
    files: ['src/**/*.ts', 'src/**/*.tsx'],
    // The kernel may not import the platform's catalogue; its few schema messages are the catalogue's
    // English word for word (field.idString, field.nulCharacters, field.unicode), found by it there.
    ignores: ['src/kernel/**'],
    plugins: { gloss: glossRules },
    rules: { 'gloss/no-literal-field-message': 'error' },
  },
  {
    // The few entry points in plain JavaScript (they load tsx, or are loaded into a process under test).
    files: ['bin/**/*.js', 'src/**/*.js', 'test/**/*.js'],
    ...tseslint.configs.disableTypeChecked,
  },
)
