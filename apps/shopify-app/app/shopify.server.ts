/**
 * @shopify/shopify-app-remix configured for Prima Connect: embedded, App Store distribution, sessions in
 * Prisma (prima-store's client and Session model) with their access tokens encrypted. Webhook subscriptions live in shopify.app.toml
 * (app-specific webhooks), so nothing is registered from code.
 */
import '@shopify/shopify-app-remix/adapters/node';
import { forSessionStorage } from '@prima-connect/prima-store';
import { ApiVersion, AppDistribution, shopifyApp } from '@shopify/shopify-app-remix/server';
import { PrismaSessionStorage } from '@shopify/shopify-app-session-storage-prisma';
import { openDatabase } from './db.server.js';
import { SHOPIFY_API_VERSION } from './shopify/api-version.js';
import { EncryptedSessionStorage, sessionKeyring } from './shopify/encrypted-session-storage.server.js';

const { db } = await openDatabase();
// Access tokens are sealed before they reach the Session table (see encrypted-session-storage.server.ts).
export const sessionStorage = new EncryptedSessionStorage(
  new PrismaSessionStorage(forSessionStorage(db.prisma)),
  sessionKeyring(),
);

const shopify = shopifyApp({
  apiKey: process.env.SHOPIFY_API_KEY ?? '',
  apiSecretKey: process.env.SHOPIFY_API_SECRET ?? '',
  apiVersion: SHOPIFY_API_VERSION as ApiVersion,
  scopes: process.env.SCOPES?.split(','),
  appUrl: process.env.SHOPIFY_APP_URL ?? 'http://localhost:3000',
  authPathPrefix: '/auth',
  sessionStorage,
  distribution: AppDistribution.AppStore,
  // Shopify-managed install + token exchange: the embedded admin's session token is exchanged for access
  // tokens, no OAuth redirects inside the iframe (the current Remix template's default).
  future: { unstable_newEmbeddedAuthStrategy: true },
  ...(process.env.SHOP_CUSTOM_DOMAIN ? { customShopDomains: [process.env.SHOP_CUSTOM_DOMAIN] } : {}),
});

export default shopify;
export const apiVersion = ApiVersion.July26;
export const addDocumentResponseHeaders = shopify.addDocumentResponseHeaders;
export const authenticate = shopify.authenticate;
export const unauthenticated = shopify.unauthenticated;
export const login = shopify.login;
export const registerWebhooks = shopify.registerWebhooks;

/** Removes a shop's sessions (uninstall, shop redact). */
export async function deleteSessions(shop: string): Promise<void> {
  const sessions = await sessionStorage.findSessionsByShop(shop);
  if (sessions.length) await sessionStorage.deleteSessions(sessions.map((s) => s.id));
}
