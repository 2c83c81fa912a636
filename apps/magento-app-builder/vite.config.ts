import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// The admin screens, bundled for the Commerce admin iframe. Relative base: App Builder serves the
// static files from its CDN under a per-app path, and the actions from the namespace's Runtime host.
const namespace = process.env.AIO_RUNTIME_NAMESPACE;
const adminApi =
  process.env.PRIMA_ADMIN_API_URL ??
  (namespace
    ? `https://${namespace}.adobeioruntime.net/api/v1/web/prima-connect/admin-api`
    : '/api/v1/web/prima-connect/admin-api');

export default defineConfig({
  root: 'web-src',
  base: './',
  plugins: [react()],
  define: { __PRIMA_ADMIN_API__: JSON.stringify(adminApi) },
  build: { outDir: '../dist/web', emptyOutDir: true, chunkSizeWarningLimit: 4000 },
});
