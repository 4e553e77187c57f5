import js from '@eslint/js'
import react from 'eslint-plugin-react'
import reactHooks from 'eslint-plugin-react-hooks'
import tseslint from 'typescript-eslint'

const NODE_BUILTINS = ['fs', 'path', 'os', 'http', 'https', 'net', 'child_process', 'crypto', 'stream', 'zlib', 'url']

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', '.data/**', 'test-output/**', 'coverage/**', 'cloud-runtime/dev-pages/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.{ts,tsx}'],
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
    },
  },
  {
    files: ['src/**/*.{ts,tsx}'],
    plugins: { react, 'react-hooks': reactHooks },
    settings: { react: { version: '18' } },
    rules: {
      ...react.configs.recommended.rules,
      ...react.configs['jsx-runtime'].rules,
      ...reactHooks.configs.recommended.rules,
      'react/prop-types': 'off',
    },
  },
  {
    // The domain is pure TypeScript shared by the app and the cloud functions.
    files: ['src/domain/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: ['wx-server-sdk', 'react', ...NODE_BUILTINS].map((name) => ({
            name,
            message: 'src/domain is pure: no Taro, no wx-server-sdk, no I/O.',
          })),
          patterns: [
            { group: ['@tarojs/*', '@cloudbase/*', 'node:*'], message: 'src/domain is pure: no Taro, no wx-server-sdk, no I/O.' },
            { group: ['**/services/**', '**/pages/**', '**/components/**'], message: 'src/domain must not depend on the app.' },
          ],
        },
      ],
    },
  },
  {
    // Only src/services talks to the backend.
    files: ['src/**/*.{ts,tsx}'],
    ignores: ['src/services/**'],
    rules: {
      'no-restricted-properties': [
        'error',
        ...['cloud', 'request', 'uploadFile', 'downloadFile'].map((property) => ({
          object: 'Taro',
          property,
          message: 'Backend calls belong in src/services.',
        })),
      ],
    },
  },
  {
    // One way to the rules: functions read them through the context (rulesetFor, rulesOverTime),
    // pages through src/services/rules.ts; the defaults stay inside the ruleset module.
    files: ['cloudfunctions/**/*.ts', 'src/**/*.{ts,tsx}'],
    ignores: ['src/domain/**', 'src/services/rules.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['**/domain/ruleset', '**/domain/ruleset/index', '**/domain/ruleset/default-ruleset'],
              importNames: ['DEFAULT_RULESET', 'RULESET'],
              message: 'Rules come from context.rulesetFor(org, when) in functions and src/services/rules.ts in pages.',
            },
            { group: ['**/domain/ruleset/default-calendar'], message: 'Pages take the calendar from src/services/rules.ts.' },
          ],
        },
      ],
      'no-restricted-syntax': [
        'error',
        {
          selector: ':matches(Program, ExportNamedDeclaration) > VariableDeclaration > VariableDeclarator[id.name=/TIME_ZONE|RULESET/]',
          message: 'No module-level rules or time zone: use context.rulesetFor(org, when) or src/services/rules.ts.',
        },
        { selector: "Literal[value='Asia/Shanghai']", message: 'The time zone is a rule: take it from the ruleset.' },
      ],
    },
  },
  {
    // A hand-written mini program for the host's tests: WeChat's logic-layer globals.
    files: ['test/fixtures/mini-program/**/*.js'],
    languageOptions: { sourceType: 'script', globals: { App: 'readonly', Page: 'readonly', getApp: 'readonly', wx: 'readonly', setTimeout: 'readonly' } },
  },
  {
    files: ['**/*.js', '**/*.cjs'],
    languageOptions: { sourceType: 'commonjs', globals: { module: 'writable', require: 'readonly', process: 'readonly', __dirname: 'readonly' } },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
)
