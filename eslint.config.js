// Lint: typescript-eslint's recommended rules (not type-checked, to stay fast) plus the runtime
// boundaries of the architecture. Each folder's runtime is fixed (Node, Electron main, sandboxed
// preload, browser) and an import that would cross one is an error, not a review comment.
import js from '@eslint/js';
import { defineConfig, globalIgnores } from 'eslint/config';
import globals from 'globals';
import { builtinModules } from 'node:module';
import { dirname, relative, resolve, sep } from 'node:path';
import tseslint from 'typescript-eslint';

const ROOT = import.meta.dirname;

const escape = (s) => s.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
const NODE_BUILTIN_RE = `^(node:.*|(${builtinModules
  .filter((m) => !m.startsWith('_'))
  .map(escape)
  .join('|')})(/.*)?)$`;

const MSG = {
  electron: "Only electron/main and electron/preload run inside Electron; import 'electron' nowhere else.",
  node: 'This code also runs in the browser: no Node built-ins here.',
  sqlite: 'SQLite lives in electron/services (the core), never here.',
  react: 'React belongs to renderer/ only.',
};

/**
 * A no-restricted-imports configuration. ESLint replaces (does not merge) a rule's options when a
 * later block matches the same file, so each folder states its whole list.
 */
function restrictImports({ electron = true, node = false, sqlite = false, react = false } = {}) {
  const paths = [];
  const patterns = [];
  if (electron) {
    paths.push({ name: 'electron', message: MSG.electron });
    patterns.push({ regex: '^electron/', message: MSG.electron });
  }
  if (node) patterns.push({ regex: NODE_BUILTIN_RE, message: MSG.node });
  if (sqlite) patterns.push({ regex: '^better-sqlite3(/|$)', message: MSG.sqlite });
  if (react) patterns.push({ regex: '^(react|react-dom|react-i18next)(/|$)', message: MSG.react });
  return ['error', { paths, patterns }];
}

/** Dynamic import() and require() of 'electron' slip past no-restricted-imports. */
const NO_DYNAMIC_ELECTRON = [
  'error',
  {
    selector: "ImportExpression[source.value=/^electron(\\u002F|$)/]",
    message: MSG.electron,
  },
  {
    selector: "CallExpression[callee.name='require'][arguments.0.value=/^electron(\\u002F|$)/]",
    message: MSG.electron,
  },
];

/**
 * Relative imports that land in a forbidden project folder (e.g. renderer -> electron/services).
 * no-restricted-imports only sees the import string; this resolves it against the importing file.
 */
const layerImports = {
  meta: {
    type: 'problem',
    docs: { description: 'Forbid relative imports into folders of another runtime or a higher layer.' },
    schema: [
      {
        type: 'object',
        properties: {
          forbidden: { type: 'array', items: { type: 'string' } },
          typeOnly: { type: 'array', items: { type: 'string' } },
          message: { type: 'string' },
        },
        additionalProperties: false,
      },
    ],
  },
  create(context) {
    const { forbidden = [], typeOnly = [], message = '' } = context.options[0];
    const within = (target) => (f) => target === f || target.startsWith(`${f}/`);
    // Type-only imports vanish at build time; `import { type A }` counts when every name is a type.
    const isTypeOnly = (node) =>
      node.importKind === 'type' ||
      node.exportKind === 'type' ||
      (node.specifiers?.length > 0 && node.specifiers.every((s) => s.importKind === 'type' || s.exportKind === 'type'));
    const check = (node, source) => {
      if (typeof source !== 'string' || !source.startsWith('.')) return;
      const target = relative(ROOT, resolve(dirname(context.filename), source)).split(sep).join('/');
      const hit = forbidden.find(within(target));
      if (hit) {
        context.report({ node, message: `Import from ${hit}/ is not allowed here. ${message}`.trim() });
        return;
      }
      const typed = typeOnly.find(within(target));
      if (typed && !isTypeOnly(node)) {
        context.report({ node, message: `Only type imports from ${typed}/ are allowed here. ${message}`.trim() });
      }
    };
    const fromSource = (node) => check(node, node.source?.value);
    return {
      ImportDeclaration: fromSource,
      ExportNamedDeclaration: (node) => node.source && fromSource(node),
      ExportAllDeclaration: fromSource,
      ImportExpression: fromSource,
      CallExpression(node) {
        if (node.callee.type === 'Identifier' && node.callee.name === 'require') check(node, node.arguments[0]?.value);
      },
    };
  },
};

const callcard = { meta: { name: 'callcard' }, rules: { 'layer-imports': layerImports } };

const DOM_GLOBALS = ['window', 'document', 'navigator', 'location', 'localStorage', 'sessionStorage', 'indexedDB']
  .map((name) => ({ name, message: 'shared/ runs in Node, the renderer and the server: no DOM here.' }))
  .concat(
    ['fetch', 'XMLHttpRequest', 'WebSocket'].map((name) => ({
      name,
      message: 'shared/ does no I/O; the doors and the core talk to the network.',
    })),
  );
const NODE_GLOBALS = (where) =>
  ['process', 'Buffer', 'require', 'global', '__dirname', '__filename'].map((name) => ({
    name,
    message: `${where} also runs in the browser: no Node globals here.`,
  }));

export default defineConfig([
  globalIgnores([
    'out/',
    'dist/',
    'release/',
    '**/node_modules/',
    '.tmp/',
    'test-results/',
    'playwright-report/',
    '.callcard-data/',
  ]),
  {
    files: ['**/*.{js,mjs,cjs,ts,tsx,mts,cts}'],
    extends: [js.configs.recommended, tseslint.configs.recommended],
    plugins: { callcard },
    languageOptions: { ecmaVersion: 2023, sourceType: 'module', globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-restricted-imports': restrictImports(),
      'no-restricted-syntax': NO_DYNAMIC_ELECTRON,
    },
  },
  {
    files: ['**/*.cjs'],
    languageOptions: { sourceType: 'commonjs' },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },

  // shared/: pure TypeScript for every runtime. The bottom layer: imports nothing above it.
  {
    files: ['shared/**'],
    languageOptions: { globals: {} },
    rules: {
      'no-restricted-imports': restrictImports({ node: true, sqlite: true, react: true }),
      'no-restricted-globals': ['error', ...DOM_GLOBALS, ...NODE_GLOBALS('shared/')],
      'callcard/layer-imports': [
        'error',
        { forbidden: ['electron', 'renderer', 'server', 'bench', 'test'], message: 'shared/ is the bottom layer.' },
      ],
    },
  },

  // renderer/: the sandboxed page. Reaches the core only through the contract client.
  {
    files: ['renderer/**'],
    languageOptions: { globals: { ...globals.browser } },
    rules: {
      'no-restricted-imports': restrictImports({ node: true, sqlite: true }),
      'no-restricted-globals': ['error', ...NODE_GLOBALS('renderer/')],
      'callcard/layer-imports': [
        'error',
        { forbidden: ['electron', 'server'], message: 'The renderer talks to the core only via the contract client.' },
      ],
    },
  },

  // electron/services/: the core, plain Node behind every door. Knows none of the doors.
  {
    files: ['electron/services/**'],
    rules: {
      'no-restricted-imports': restrictImports({ react: true }),
      'callcard/layer-imports': [
        'error',
        {
          forbidden: ['electron/main', 'electron/preload', 'electron/webhost', 'renderer'],
          message: 'The core must not depend on a door or on the UI.',
        },
      ],
    },
  },

  // electron/main and electron/preload: the only Electron code.
  {
    files: ['electron/main/**', 'electron/preload/**'],
    rules: {
      'no-restricted-imports': restrictImports({ electron: false, react: true }),
      'no-restricted-syntax': 'off',
    },
  },
  {
    files: ['electron/preload/**'],
    rules: {
      // Sandboxed: only 'electron' can be required at runtime; anything else must be type-only.
      'callcard/layer-imports': [
        'error',
        {
          forbidden: ['electron/main', 'electron/services', 'electron/webhost', 'renderer', 'server'],
          typeOnly: ['shared'],
          message: "A sandboxed preload can require only 'electron' at runtime.",
        },
      ],
    },
  },
]);
