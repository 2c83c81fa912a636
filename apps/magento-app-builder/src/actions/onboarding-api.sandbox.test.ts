import { type Sandbox, startSandbox } from '@prima-connect/prima-sandbox';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Harness, startHarness, testSettings } from '../testing/harness.js';
import { adminApiAction } from './admin-api.js';

/**
 * The first-run wizard's admin-api routes, over the app's engine, against the Prima sandbox (a real OMLink
 * ping) and the Commerce emulator. The wizard screen itself is not built yet (README).
 */
let h: Harness;
let sandbox: Sandbox;

beforeAll(async () => {
  sandbox = await startSandbox();
  const base = testSettings();
  // A store that is not live yet: posting and stock sync off, as before the wizard's go-live.
  h = await startHarness({
    settings: testSettings({
      orders: { ...base.orders, postingEnabled: false },
      stock: { ...base.stock, enabled: false },
    }),
  });
});
afterAll(async () => {
  await h?.close();
  await sandbox?.close();
});

const call = (method: string, path: string, body?: unknown) =>
  adminApiAction(async () => h.ctx)({
    __ow_method: method,
    __ow_path: path,
    __ow_headers: { 'content-type': 'application/json', 'x-prima-actor': 'wizard-test' },
    __ow_body: body === undefined ? '' : JSON.stringify(body),
  });

describe('onboarding admin API', () => {
  it('starts at the connect step and refuses go-live with what is missing', async () => {
    const state = (await call('get', '/onboarding')).body as { next: string | null; postingEnabled: boolean };
    expect(state.next).toBe('connect');
    expect(state.postingEnabled).toBe(false);
    const live = await call('post', '/onboarding/go-live');
    expect(live.statusCode).toBe(409);
    expect((live.body as { ok: boolean; missing?: string[] }).missing?.length).toBeGreaterThan(0);
  });

  it('tests a typed connection without saving it: an unreachable Prima fails in words', async () => {
    const out = await call('post', '/onboarding/test-connection', {
      prima: { url: 'http://127.0.0.1:1/omlink/omlink/wsdl?targetURI=urn:omlink', timeoutMs: 500 },
    });
    expect(out.statusCode).toBe(200);
    const body = out.body as { ok: boolean; problem?: { message: string } };
    expect(body.ok).toBe(false);
    expect(body.problem?.message.length).toBeGreaterThan(10);
  });

  it('connects to the sandbox, saving the connection and completing the step', async () => {
    const out = await call('post', '/onboarding/connect', {
      prima: { url: sandbox.wsdlUrl },
      vatInclusive: true,
    });
    expect(out.statusCode).toBe(200);
    const body = out.body as { test: { ok: boolean }; state: { next: string | null } };
    expect(body.test.ok).toBe(true);
    expect(body.state.next).not.toBe('connect');
    expect((await h.ctx.store.settings.get(h.ctx.tenantId))?.prima.url).toBe(sandbox.wsdlUrl);
  });

  it('validates bodies and steps before the engine sees them', async () => {
    expect((await call('post', '/onboarding/connect', { prima: { url: 'nope' } })).statusCode).toBe(400);
    expect((await call('post', '/onboarding/apply', { skus: [] })).statusCode).toBe(400);
    expect((await call('post', '/onboarding/steps/launch/complete')).statusCode).toBe(400);
  });
});
