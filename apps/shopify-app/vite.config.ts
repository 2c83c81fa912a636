import { vitePlugin as remix } from '@remix-run/dev';
import { defineConfig } from 'vite';

// Shopify CLI passes the public URL in SHOPIFY_APP_URL; HMR goes through it when tunnelled.
const host = new URL(process.env.SHOPIFY_APP_URL || 'http://localhost').hostname;

export default defineConfig({
  server: {
    port: Number(process.env.PORT || 3000),
    hmr:
      host === 'localhost'
        ? { protocol: 'ws', host: 'localhost', port: 64999, clientPort: 64999 }
        : { protocol: 'wss', host, port: 64999, clientPort: 443 },
    fs: { allow: ['app', 'node_modules', '../../packages', '../../node_modules'] },
  },
  plugins: [
    remix({
      ignoredRouteFiles: ['**/.*', '**/*.test.ts', '**/*.test.tsx'],
      future: {
        v3_fetcherPersist: true,
        v3_relativeSplatPath: true,
        v3_throwAbortReason: true,
        v3_lazyRouteDiscovery: true,
        v3_singleFetch: false,
      },
    }),
  ],
  build: { assetsInlineLimit: 0, target: 'es2022' },
  optimizeDeps: { include: ['@shopify/app-bridge-react', '@shopify/polaris'] },
});
