import { resolve } from 'node:path';
import { defineConfig } from 'electron-vite';
import type { Plugin } from 'vite';
import { contentSecurityPolicy } from './electron/main/security';
import { rendererConfig } from './vite.renderer.config';

const root = import.meta.dirname;

// electron-vite's version table ends before Electron 45 and guesses a newer Node; Node 22 is the
// conservative syntax target for the main process and the preload.
const NODE_TARGET = 'node22';

const CSP_META = /\s*<meta\s[^>]*http-equiv=["']Content-Security-Policy["'][^>]*>/gi;

/**
 * file:// pages get no response headers, so the packaged renderer carries the CSP in a <meta>
 * tag. Any policy already in index.html is replaced, so security.ts stays the one source.
 * Build only: the dev server gets the header from the main process instead.
 */
function cspMetaTag(): Plugin {
  return {
    name: 'callcard:csp-meta',
    apply: 'build',
    transformIndexHtml: {
      order: 'post',
      handler: (html) => {
        const meta = `<meta http-equiv="Content-Security-Policy" content="${contentSecurityPolicy({ forMeta: true })}" />`;
        const stripped = html.replace(CSP_META, '');
        // Right after the charset, before any script or stylesheet the policy must cover.
        const charset = /<meta\s+charset=[^>]*>/i.exec(stripped);
        if (!charset) return stripped.replace(/<head[^>]*>/i, (head) => `${head}\n    ${meta}`);
        const at = charset.index + charset[0].length;
        return `${stripped.slice(0, at)}\n    ${meta}${stripped.slice(at)}`;
      },
    },
  };
}

export default defineConfig({
  main: {
    build: {
      outDir: resolve(root, 'out/main'),
      target: NODE_TARGET,
      // Runtime dependencies (better-sqlite3's native addon above all) stay in node_modules.
      externalizeDeps: true,
      // The import worker is its own entry: worker_threads start it from a file next to the bundle.
      rolldownOptions: {
        input: { index: resolve(root, 'electron/main/index.ts'), importWorker: resolve(root, 'electron/services/import/worker.ts') },
      },
    },
  },
  preload: {
    build: {
      outDir: resolve(root, 'out/preload'),
      target: NODE_TARGET,
      // A sandboxed preload can require only 'electron': bundle everything else into one file.
      externalizeDeps: false,
      rolldownOptions: {
        input: { index: resolve(root, 'electron/preload/index.ts') },
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    ...rendererConfig,
    root: resolve(root, 'renderer'),
    plugins: [...rendererConfig.plugins, cspMetaTag()],
    build: {
      ...rendererConfig.build,
      // electron-vite resolves outDir from the project root, not from the renderer root.
      outDir: resolve(root, 'out/renderer'),
      rolldownOptions: { input: { index: resolve(root, 'renderer/index.html') } },
    },
  },
});
