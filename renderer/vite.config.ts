import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

// The control API serves this build itself (same origin, CSP script-src 'self'),
// so the output must be plain files with relative URLs and no inline scripts.
// For `vite` dev mode only: PBI_CONTROL_URL points /api at a running `postback-inspector serve`.
const devApi = process.env['PBI_CONTROL_URL'];

export default defineConfig({
  root: import.meta.dirname,
  base: './',
  plugins: [react()],
  build: {
    // Relative to root.
    outDir: '../dist/renderer',
    emptyOutDir: true,
    target: 'es2022',
    // The polyfill would be injected as an inline script, which the CSP forbids.
    modulePreload: { polyfill: false },
    sourcemap: true,
  },
  worker: { format: 'es' },
  server: devApi ? { proxy: { '/api': { target: devApi } } } : {},
});
