import js from '@eslint/js'
import { createTypeScriptImportResolver } from 'eslint-import-resolver-typescript'
import importX from 'eslint-plugin-import-x'
import reactHooks from 'eslint-plugin-react-hooks'
import globals from 'globals'
import tseslint from 'typescript-eslint'

/**
 * The layers' import boundaries (see docs/architecture.md): each entry forbids one kind of import
 * in one set of files. `scripts/check-boundaries.test.ts` lints planted bad files against each one,
 * so a rule that stops biting fails CI.
 */
// Patterns are gitignore-style: a leading # would be a comment, hence the escaped \#.
const dbSchema = { group: ['\\#db/schema', '\\#db/schema/*', '**/db/schema', '**/db/schema/*'], message: 'Routes do not query tables: call a function of a module in app/modules/ instead.' }
const serverModules = { group: ['*.server', '**/*.server', '**/.server/**'], message: 'Components run in the browser too: import shared types and helpers from a file without .server.' }
const appFromDb = { group: ['~/*', '**/app/*', '**/app/**'], message: 'db/ holds the schema and migrations only and knows no business rules: nothing from app/ (seeding lives in scripts/seed/).' }
const routes = { group: ['~/routes/*', '~/routes/**', '**/routes/*', '**/routes/**', '~/root', '**/root'], message: 'Modules do not depend on pages: move what both need into the module.' }

export const boundaries = [
  {
    files: ['app/routes/**', 'app/root.tsx'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [dbSchema] }],
      'no-restricted-syntax': ['error', { selector: "CallExpression[callee.property.name='formData'][arguments.length=0]", message: 'Read a posted form with readForm(request) from ~/utils/forms.server: a body cut off on the way is then a translated 400, not a 500.' }],
    },
  },
  { files: ['app/components/**'], rules: { 'no-restricted-imports': ['error', { patterns: [serverModules, routes] }] } },
  { files: ['db/**'], rules: { 'no-restricted-imports': ['error', { patterns: [appFromDb] }] } },
  { files: ['app/modules/**', 'app/utils/**'], rules: { 'no-restricted-imports': ['error', { patterns: [routes] }] } },
]

export default tseslint.config(
  { ignores: ['build/', '.data/', 'node_modules/', 'test-results/', 'playwright-report/', 'db/migrations/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
    plugins: { 'react-hooks': reactHooks, 'import-x': importX },
    settings: {
      'import-x/extensions': ['.ts', '.tsx', '.js', '.mjs'],
      'import-x/parsers': { '@typescript-eslint/parser': ['.ts', '.tsx'] },
      // Resolves the `~/` and `#db/` aliases of tsconfig.json, so a cycle through an alias is seen.
      'import-x/resolver-next': [createTypeScriptImportResolver({ project: './tsconfig.json' })],
    },
    rules: {
      ...reactHooks.configs.recommended.rules,
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      'no-control-regex': 'off',
      // No import cycles (type-only imports are not followed by the plugin; the root-data split keeps those out too).
      'import-x/no-cycle': ['error', { ignoreExternal: true }],
    },
  },
  ...boundaries,
  {
    // Playwright fixtures: \`use\` is Playwright's, not React's, and \`{}\` is its way to ask for no fixture.
    files: ['tests/e2e/**'],
    rules: { 'react-hooks/rules-of-hooks': 'off', 'no-empty-pattern': 'off' },
  },  {
    // CommonJS on purpose (scripts/server-package-patches.cjs fills require.cache before any ES module loads).
    files: ['**/*.cjs'],
    languageOptions: { sourceType: 'commonjs', globals: globals.node },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
)
