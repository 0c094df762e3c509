import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

/** The renderer build, shared by browser mode (`npm run web`) and electron-vite. */
export const rendererConfig = {
  root: 'renderer',
  base: './',
  plugins: [react()],
  build: { outDir: '../out/renderer', emptyOutDir: true, sourcemap: true },
};

export default defineConfig(rendererConfig);
