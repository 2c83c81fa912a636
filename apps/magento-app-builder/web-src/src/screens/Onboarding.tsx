import {
  Button,
  Checkbox,
  Flex,
  Heading,
  StatusLight,
  Text,
  TextField,
  View,
  Well,
} from '@adobe/react-spectrum';
import { useEffect, useRef, useState } from 'react';
import { api } from '../api';
import type { HostContext } from '../host';
import { useLoad } from '../useLoad';
import { ErrorNote } from './ErrorNote';
import { MapsStep } from './onboarding/MapsStep';
import { ProductsStep } from './onboarding/ProductsStep';
import {
  isDone,
  type Proposals,
  type SavedSettings,
  type StepResult,
  type StockPreview,
  type TestResult,
  type WizardState,
} from './onboarding/types';

const LABEL: Record<string, string> = {
  connect: 'Connect Prima',
  catalogue: 'Read both catalogues',
  mappings: 'Match products',
  maps: 'Shipping, payment and locations',
  preview: 'Preview the first stock push',
  'go-live': 'Switch on',
};

/** Preview rows shown at once; the filter finds any other SKU. */
const PREVIEW_ROWS = 200;

/**
 * First-run wizard (tab "Setup"): connect Prima with a live test, read both catalogues, accept the
 * proposed product matches and fix the rest in place, map shipping, payment and locations, preview the
 * first stock push, switch on. Progress is kept by the engine (settings.onboarding), so the wizard resumes
 * where it was left; nothing reaches Prima until "Switch on". Every call goes through the admin API.
 */
export function Onboarding({ host }: { host: HostContext }) {
  const loaded = useLoad(() =>
    Promise.all([
      api<WizardState>(host, 'GET', '/onboarding'),
      api<{ settings: SavedSettings | null }>(host, 'GET', '/settings'),
    ]),
  );
  const [state, setState] = useState<WizardState>();
  const [settings, setSettings] = useState<SavedSettings | null>();
  const [url, setUrl] = useState('');
  const [company, setCompany] = useState('');
  const [vatInclusive, setVatInclusive] = useState(true);
  const [test, setTest] = useState<TestResult>();
  const [proposals, setProposals] = useState<Proposals>();
  const [preview, setPreview] = useState<StockPreview>();
  const [filter, setFilter] = useState('');
  const [note, setNote] = useState<string>();
  const [busy, setBusy] = useState(false);

  // The saved connection fills the form once (resume); later edits are the clerk's.
  const filled = useRef(false);
  useEffect(() => {
    const [s, saved] = loaded.data ?? [];
    if (s) setState(s);
    if (saved) setSettings(saved.settings);
    if (filled.current || !saved?.settings) return;
    filled.current = true;
    setUrl(saved.settings.prima.url);
    setCompany(saved.settings.prima.companyId ?? '');
    setVatInclusive(saved.settings.orders.vatInclusive);
  }, [loaded.data]);

  const refresh = async () => {
    const [s, saved] = await Promise.all([
      api<WizardState>(host, 'GET', '/onboarding'),
      api<{ settings: SavedSettings | null }>(host, 'GET', '/settings'),
    ]);
    setState(s);
    setSettings(saved.settings);
  };
  const run = async (what: () => Promise<void>) => {
    setNote(undefined);
    setBusy(true);
    try {
      await what();
      await refresh();
    } catch (e) {
      setNote(e instanceof Error ? e.message : String(e));
    } finally {
      setBusy(false);
    }
  };

  if (loaded.error) return <ErrorNote text={loaded.error} />;
  if (!state) return <Text>Loading…</Text>;
  const prima = { url: url.trim(), ...(company.trim() ? { companyId: company.trim() } : {}) };
  const live = state.postingEnabled && state.stockEnabled;
  const shown = preview?.rows.filter((r) => r.sku.toUpperCase().includes(filter.trim().toUpperCase())) ?? [];

  return (
    <Flex direction="column" gap="size-300" maxWidth={1000}>
      <Flex direction="column" gap="size-50" aria-label="Wizard steps" data-testid="wizard-steps">
        {state.steps.map((s) => (
          <StatusLight
            key={s.step}
            variant={s.done ? 'positive' : s.step === state.next ? 'info' : 'neutral'}
          >
            {LABEL[s.step] ?? s.step}
            {s.done ? ' — done' : s.step === state.next ? ' — next' : ''}
          </StatusLight>
        ))}
      </Flex>
      {note ? (
        // Kept in view while the clerk works further down the page.
        <View position="sticky" top="size-0" zIndex={1} backgroundColor="gray-50" padding="size-100">
          <Text data-testid="wizard-note" aria-live="polite">
            {note}
          </Text>
        </View>
      ) : null}
      {state.predatesWizard ? (
        <Text>
          This store was set up before this wizard existed and is already switched on. Nothing to do here.
        </Text>
      ) : null}

      <Well role="region" aria-label="Connect Prima">
        <Heading level={3}>1. Connect Prima{isDone(state, 'connect') ? ' — done' : ''}</Heading>
        <Flex direction="column" gap="size-100">
          <TextField label="Prima web service (WSDL) address" value={url} onChange={setUrl} width="100%" />
          <TextField
            label="Prima company"
            description="Only when your Prima runs several companies; otherwise leave it empty."
            value={company}
            onChange={setCompany}
            width="size-2400"
          />
          <Checkbox isSelected={vatInclusive} onChange={setVatInclusive}>
            Prices in Prima's price book include VAT
          </Checkbox>
          <Flex gap="size-100">
            <Button
              variant="secondary"
              isDisabled={busy || !prima.url}
              onPress={() =>
                run(async () =>
                  setTest(await api<TestResult>(host, 'POST', '/onboarding/test-connection', { prima })),
                )
              }
            >
              Test connection
            </Button>
            <Button
              variant="accent"
              isDisabled={busy || !prima.url}
              onPress={() =>
                run(async () => {
                  const r = await api<{ test: TestResult; state: WizardState }>(
                    host,
                    'POST',
                    '/onboarding/connect',
                    {
                      prima,
                      vatInclusive,
                    },
                  );
                  setTest(r.test);
                  setState(r.state);
                })
              }
            >
              Connect
            </Button>
          </Flex>
          {test ? (
            <Text data-testid="connection-result">
              {test.ok
                ? `Connected${test.company ? ` to company ${test.company}` : ''}. Prima answered.`
                : `${test.problem?.message ?? 'Prima did not answer.'} ${test.problem?.action ?? ''}`}
            </Text>
          ) : state.lastConnectionTest?.ok && isDone(state, 'connect') ? (
            <Text data-testid="connection-result">Connected. The last test passed.</Text>
          ) : null}
        </Flex>
      </Well>

      <ProductsStep
        host={host}
        state={state}
        proposals={proposals}
        setProposals={setProposals}
        busy={busy}
        run={run}
        say={setNote}
        onState={setState}
      />

      <MapsStep
        host={host}
        state={state}
        settings={settings}
        suggested={proposals?.suggestedPattern?.pattern}
        busy={busy}
        run={run}
        say={setNote}
        onState={setState}
      />

      <Well role="region" aria-label="Preview the first stock push">
        <Heading level={3}>
          5. Preview the first stock push{isDone(state, 'preview') ? ' — done' : ''}
        </Heading>
        <Text>
          What the first stock update would set in Commerce, from Prima's figures. Nothing is changed in the
          store by looking.
        </Text>
        <Flex gap="size-100" marginY="size-100">
          <Button
            variant="secondary"
            isDisabled={busy || !isDone(state, 'connect')}
            onPress={() =>
              run(async () => setPreview(await api<StockPreview>(host, 'GET', '/onboarding/stock-preview')))
            }
          >
            Preview the first stock push
          </Button>
          <Button
            variant="secondary"
            isDisabled={busy || !state.previewedAt}
            onPress={() =>
              run(async () => {
                const r = await api<StepResult>(host, 'POST', '/onboarding/steps/preview/complete');
                setState(r.state);
                setNote(r.ok ? 'Preview accepted.' : (r.missing ?? []).join(' '));
              })
            }
          >
            The preview looks right
          </Button>
        </Flex>
        {preview ? (
          <Flex direction="column" gap="size-100">
            <Text data-testid="preview-summary">
              {preview.totals.changes === 0
                ? 'The store already shows what Prima has: the first push would change nothing.'
                : `The first push would change ${preview.totals.changes} stock ${preview.totals.changes === 1 ? 'figure' : 'figures'} on ${preview.totals.skus} ${preview.totals.skus === 1 ? 'product' : 'products'}: ${preview.totals.unitsUp} units up, ${preview.totals.unitsDown} down, ${preview.totals.toZero} to sold out.`}
              {preview.totals.unknownBefore > 0
                ? ` For ${preview.totals.unknownBefore} the store's current figure is not known.`
                : ''}
            </Text>
            {preview.guarded ? (
              <Text>
                Prima's list looked much shorter than usual, so this push would be held back rather than mark
                products sold out. Check Prima before switching on.
              </Text>
            ) : null}
            {preview.problems.map((p, i) => (
              <Text key={`problem-${String(i)}`}>
                {p.message} {p.action}
              </Text>
            ))}
            {preview.rows.length > 0 ? (
              <>
                <TextField
                  label="Find a SKU in the preview"
                  value={filter}
                  onChange={setFilter}
                  width="size-3600"
                />
                <View maxHeight="size-3600" overflow="auto" data-testid="preview-rows">
                  <Flex direction="column" gap="size-25">
                    {shown.slice(0, PREVIEW_ROWS).map((r) => (
                      <Text key={`${r.variantId}|${r.locationId}`} data-testid="preview-row">
                        {r.sku} at {r.locationId}:{' '}
                        {r.before === null
                          ? `set to ${r.after} (now not known)`
                          : `from ${r.before} to ${r.after}`}
                      </Text>
                    ))}
                  </Flex>
                </View>
                {shown.length > PREVIEW_ROWS ? (
                  <Text>and {shown.length - PREVIEW_ROWS} more: type part of a SKU above to find one.</Text>
                ) : null}
              </>
            ) : null}
          </Flex>
        ) : null}
      </Well>

      <Well role="region" aria-label="Switch on">
        <Heading level={3}>6. Switch on{isDone(state, 'go-live') ? ' — done' : ''}</Heading>
        <Flex direction="column" gap="size-100">
          <StatusLight variant={state.postingEnabled ? 'positive' : 'neutral'} data-testid="posting-state">
            Sending orders to Prima: {state.postingEnabled ? 'on' : 'off'}
          </StatusLight>
          <StatusLight variant={state.stockEnabled ? 'positive' : 'neutral'} data-testid="stock-state">
            Updating Commerce stock from Prima: {state.stockEnabled ? 'on' : 'off'}
          </StatusLight>
          {live ? (
            <Text>Both are on. You can switch either off again in Settings.</Text>
          ) : (
            <>
              <Text>
                Until you switch on, nothing is sent to Prima and no stock figure in Commerce is changed.
              </Text>
              <Text>Switching on does two things:</Text>
              <Text>
                • Every Commerce order is sent to Prima as a sales order. Orders placed in the last day while
                you were setting up are sent at the next check, within a few minutes.
              </Text>
              <Text>
                • Commerce stock is set from Prima's available-to-sell figures, as previewed above, and again
                every {settings?.stock.intervalMinutes ?? 15} minutes.
              </Text>
              <Flex>
                <Button
                  variant="accent"
                  isDisabled={busy}
                  onPress={() =>
                    run(async () => {
                      const r = await api<StepResult>(host, 'POST', '/onboarding/go-live');
                      setState(r.state);
                      setNote('Switched on: orders now go to Prima and Commerce stock follows Prima.');
                    })
                  }
                >
                  Switch on order posting and stock sync
                </Button>
              </Flex>
            </>
          )}
        </Flex>
      </Well>
    </Flex>
  );
}
