// Lint: typescript-eslint's recommended rules (syntax only, no type information: the typecheck
// already runs tsc, and a typed lint would double the time), the two classic React hooks rules,
// and the layer boundaries of docs/architecture.md ("Folders": who may import whom).
import { builtinModules } from 'node:module';
import path from 'node:path';
import { defineConfig } from 'eslint/config';
import reactHooks from 'eslint-plugin-react-hooks';
import tseslint from 'typescript-eslint';

const root = import.meta.dirname;

// Folder boundaries are checked on where an import lands, not on how it is spelt: a
// `no-restricted-imports` pattern sees only the text, and from main/core/sync `../../electron/ipc`
// names no `main/` yet is main/electron. eslint-plugin-import-x or -boundaries would need a
// TypeScript module resolver to answer what one path.resolve does here: a relative import, resolved
// against the importing file, must fall inside one of the folders the rule is given. Packages and
// Node built-ins are names, so `no-restricted-imports` keeps those.
const layers = {
  rules: {
    folders: {
      meta: {
        type: 'problem',
        schema: [{ type: 'array', items: { type: 'string' } }],
        messages: { outside: "'{{source}}' is {{target}}: {{layer}}/ may import only from {{allowed}}." },
      },
      create(context) {
        const allowed = context.options[0];
        const check = ({ source }) => {
          if (source?.type !== 'Literal' || typeof source.value !== 'string' || !source.value.startsWith('.')) return;
          const resolved = path.resolve(path.dirname(context.filename), source.value);
          const target = path.relative(root, resolved).split(path.sep).join('/');
          if (allowed.some((folder) => target === folder || target.startsWith(`${folder}/`))) return;
          const data = { source: source.value, target, layer: allowed[0], allowed: allowed.map((f) => `${f}/`).join(', ') };
          context.report({ node: source, messageId: 'outside', data });
        };
        return { ImportDeclaration: check, ExportNamedDeclaration: check, ExportAllDeclaration: check, ImportExpression: check };
      },
    },
  },
};

const nodeBuiltins = {
  paths: builtinModules.filter((name) => !name.startsWith('_')).map((name) => ({ name, message: 'Node built-ins stay out of this layer.' })),
  patterns: [{ group: ['node:*'], message: 'Node built-ins stay out of this layer.' }],
};

// One entry per row of the architecture table that has a rule. `folders[0]` is the layer itself.
const boundary = (files, folders, restricted) => ({
  files,
  plugins: { layers },
  rules: {
    'layers/folders': ['error', folders],
    ...(restricted && { 'no-restricted-imports': ['error', restricted] }),
  },
});

export default defineConfig([
  { ignores: ['dist/', 'out/', 'release/', 'coverage/', 'test-results/', 'playwright-report/', 'bench/results/', '.data/'] },
  { linterOptions: { reportUnusedDisableDirectives: 'error' } },
  {
    files: ['**/*.{ts,tsx,js}'],
    extends: [tseslint.configs.recommended],
    rules: {
      'prefer-const': 'error',
      // The code's way to drop fields is `const { phone: _phone, ...rest } = crew`; `_` marks a
      // binding kept unused on purpose.
      '@typescript-eslint/no-unused-vars': ['error', { ignoreRestSiblings: true, varsIgnorePattern: '^_' }],
    },
  },
  {
    // The core's rules only: the React Compiler rules of the plugin's `recommended` preset are
    // for code written for the compiler, which this renderer is not.
    files: ['renderer/src/**/*.{ts,tsx}', 'test/map/harness/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    rules: {
      'react-hooks/rules-of-hooks': 'error',
      // useRequestsDerived(derive, deps) is a useMemo over the store: its callers' deps are checked too.
      'react-hooks/exhaustive-deps': ['error', { additionalHooks: '^useRequestsDerived$' }],
    },
  },

  boundary(['main/core/**'], ['main/core', 'common'], {
    paths: [{ name: 'electron', message: 'The core is plain Node: only main/electron talks to Electron.' }],
  }),
  // renderer/vite.config.ts is the bundle's build script (Node), not part of the UI.
  boundary(['renderer/src/**'], ['renderer/src', 'common'], {
    ...nodeBuiltins,
    paths: [...nodeBuiltins.paths, { name: 'electron', message: 'The renderer reaches Electron only through the preload bridge.' }],
  }),
  boundary(['common/**'], ['common'], nodeBuiltins),
  boundary(['hub/**'], ['hub', 'common']),
  boundary(['preload/**'], ['preload', 'common'], {
    patterns: [{ regex: '^(?!electron$|\\.)', message: 'The sandboxed preload imports only electron and common/.' }],
  }),
]);
