import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// The admin screens, bundled for the Commerce admin iframe. Relative base: App Builder serves the
// static files from its CDN under a per-app path.
export default defineConfig({
  root: 'web-src',
  base: './',
  plugins: [react()],
  build: { outDir: '../dist/web', emptyOutDir: true, chunkSizeWarningLimit: 4000 },
});
