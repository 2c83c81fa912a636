/**
 * Setup: the first-run wizard. Connect Prima (with a live test that explains a failure), read both
 * catalogues and apply the proposed matches, fix what is unmapped or ambiguous in place, map shipping,
 * payment and the stock location, preview the first stock push, then switch on. Progress is kept by the
 * connector, so the wizard resumes where it was left; nothing goes to Prima until "Switch on".
 */
import {
  Button,
  CheckboxControl,
  Notice,
  RadioControl,
  SelectControl,
  Spinner,
  TextControl,
} from '@wordpress/components';
import { useEffect, useState } from '@wordpress/element';
import { __, sprintf } from '@wordpress/i18n';
import { type ApiClient, useApi, useLoad } from '../api';
import { MessageNotice } from '../components/notices';
import { type ItemKind, ItemKindSelect, PrimaItemFields } from '../components/PrimaItemFields';
import { SectionCard } from '../components/SectionCard';
import { itemText } from '../format';
import { useAction } from '../hooks/useAction';
import type {
  AmbiguousVariantView,
  ItemRefView,
  MappingProposalsView,
  OnboardingMapsInput,
  OnboardingStateView,
  OnboardingStepName,
  OnboardingStepReply,
  PrimaSettings,
  PrimaTestResult,
  StockPreviewView,
  UnmappedVariantView,
} from '../types';

const STEP_TITLES: Record<OnboardingStepName, string> = {
  connect: __('Connect Prima', 'prima-connect'),
  catalogue: __('Read the catalogues', 'prima-connect'),
  mappings: __('Match products', 'prima-connect'),
  maps: __('Shipping, payment and stock location', 'prima-connect'),
  preview: __('Preview the first stock update', 'prima-connect'),
  'go-live': __('Switch on', 'prima-connect'),
};

/** Whether the wizard still has steps to walk (a shop set up before the wizard existed has not). */
export function setupUnfinished(state: OnboardingStateView | null): boolean {
  return !!state && state.next !== null && !state.predatesWizard;
}

/**
 * For the tab bar: whether Setup goes first. Until the progress is known nothing is shown; a connector
 * without the wizard (or unreachable) keeps the usual order, and the screens say what is wrong themselves.
 */
export function useSetupFirst(): { ready: boolean; setupFirst: boolean } {
  const { data, error, loading } = useLoad<OnboardingStateView>('/onboarding');
  return { ready: !loading || !!data || !!error, setupFirst: setupUnfinished(data) };
}

/** The words a person should read from a failed call: a Problem, a list of what is missing, or a message. */
function failureText(err: unknown): string {
  if (err && typeof err === 'object') {
    const e = err as {
      problem?: { message?: unknown; action?: unknown };
      missing?: unknown;
      message?: unknown;
    };
    if (e.problem && typeof e.problem.message === 'string')
      return [e.problem.message, typeof e.problem.action === 'string' ? e.problem.action : '']
        .join(' ')
        .trim();
    if (Array.isArray(e.missing) && e.missing.length > 0) return e.missing.join(' ');
    if (typeof e.message === 'string') return e.message;
  }
  return __('Something went wrong. Try again.', 'prima-connect');
}

/** A step's call: the previous message goes as it starts, a failure is said in the connector's words. */
const useStepAction = () => useAction({ describe: failureText, clearMessage: true });

export function Onboarding({ onLive }: { onLive?: () => void }) {
  const { data, error, loading, reload } = useLoad<OnboardingStateView>('/onboarding');
  const [state, setState] = useState<OnboardingStateView | null>(null);
  const [open, setOpen] = useState<OnboardingStepName | null>(null);
  // The SKU rule the catalogues suggested, offered again on the maps step (for products added later).
  const [suggested, setSuggested] = useState<MappingProposalsView['suggestedPattern']>(undefined);
  useEffect(() => {
    if (data) setState(data);
  }, [data]);

  if (loading && !state) return <Spinner />;
  if (error && !state) return <Notice status="error">{error}</Notice>;
  if (!state) return null;

  // The catalogue and matching steps share one panel: reading the catalogues is how matching starts.
  const panelOf = (step: OnboardingStepName | null) => (step === 'catalogue' ? 'mappings' : step);
  const current = panelOf(open ?? state.next);
  const advance = (next: OnboardingStateView) => {
    setState(next);
    setOpen(null);
    if (next.next === null) onLive?.();
  };

  if (state.next === null) {
    return (
      <div className="prima-connect-onboarding">
        <Notice status="success" isDismissible={false}>
          {state.predatesWizard
            ? __(
                'This shop was set up before the setup wizard existed. Everything is in Settings.',
                'prima-connect',
              )
            : __(
                'Prima Connect is on: paid orders are sent to Prima and WooCommerce stock follows Prima.',
                'prima-connect',
              )}
        </Notice>
        <Summary state={state} />
      </div>
    );
  }

  return (
    <div className="prima-connect-onboarding">
      <p>
        {__(
          'Set up Prima Connect step by step. Your progress is saved, so you can stop and come back. Nothing is sent to Prima until you switch it on at the end.',
          'prima-connect',
        )}
      </p>
      <ol className="prima-connect-steps">
        {state.steps
          .filter((s) => s.step !== 'catalogue')
          .map((s) => {
            const here = panelOf(s.step) === current;
            const reachable = s.done || panelOf(s.step) === panelOf(state.next);
            return (
              <li key={s.step} aria-current={here ? 'step' : undefined}>
                {/* Only steps one can go back to are links; the current and later ones are plain text. */}
                {reachable && !here ? (
                  <Button variant="link" onClick={() => setOpen(s.step)}>
                    {STEP_TITLES[s.step]}
                  </Button>
                ) : here ? (
                  <strong>{STEP_TITLES[s.step]}</strong>
                ) : (
                  STEP_TITLES[s.step]
                )}{' '}
                {s.done ? __('(done)', 'prima-connect') : ''}
              </li>
            );
          })}
      </ol>
      {current === 'connect' ? <ConnectStep state={state} onDone={advance} /> : null}
      {current === 'mappings' ? (
        <ProductsStep onDone={advance} onRead={(p) => setSuggested(p.suggestedPattern)} />
      ) : null}
      {current === 'maps' ? <MapsStep onDone={advance} suggested={suggested} /> : null}
      {current === 'preview' ? <PreviewStep onDone={advance} /> : null}
      {current === 'go-live' ? (
        <GoLiveStep
          onDone={(s) => {
            advance(s);
            reload();
          }}
        />
      ) : null}
    </div>
  );
}

function Summary({ state }: { state: OnboardingStateView }) {
  return (
    <ul>
      <li>
        {state.postingEnabled
          ? __('Orders are sent to Prima.', 'prima-connect')
          : __('Orders are not sent to Prima.', 'prima-connect')}
      </li>
      <li>
        {state.stockEnabled
          ? __('WooCommerce stock is updated from Prima.', 'prima-connect')
          : __('WooCommerce stock is not updated from Prima.', 'prima-connect')}
      </li>
    </ul>
  );
}

// ------------------------------------------------------------ 1. connect

function ConnectStep({
  state,
  onDone,
}: {
  state: OnboardingStateView;
  onDone: (s: OnboardingStateView) => void;
}) {
  const api = useApi();
  const saved = useLoad<{ settings: PrimaSettings | null }>('/prima-settings');
  const [url, setUrl] = useState('');
  const [company, setCompany] = useState('');
  const [vat, setVat] = useState('inclusive');
  const [result, setResult] = useState<PrimaTestResult | null>(null);
  const { busy, msg, run } = useStepAction();
  useEffect(() => {
    const s = saved.data?.settings;
    if (!s) return;
    setUrl(s.prima.url);
    setCompany(s.prima.companyId ?? '');
    setVat(s.orders.vatInclusive ? 'inclusive' : 'exclusive');
  }, [saved.data]);

  const prima = () => ({ url: url.trim(), ...(company.trim() ? { companyId: company.trim() } : {}) });
  const test = () =>
    run(async () => {
      setResult(null);
      setResult(
        await api.request<PrimaTestResult>('/onboarding/test-connection', {
          method: 'POST',
          data: { prima: prima() },
        }),
      );
    });
  const connect = () =>
    run(async () => {
      setResult(null);
      const r = await api.request<{ test: PrimaTestResult; state: OnboardingStateView }>(
        '/onboarding/connect',
        {
          method: 'POST',
          data: { prima: prima(), vatInclusive: vat === 'inclusive' },
        },
      );
      setResult(r.test);
      if (r.test.ok) onDone(r.state);
    });

  return (
    <SectionCard
      title={STEP_TITLES.connect}
      intro={__(
        'Your Prima administrator gives you the address of the Prima web service (it starts with http:// or https://).',
        'prima-connect',
      )}
      msg={msg}
    >
      <TextControl
        __nextHasNoMarginBottom
        label={__('Prima web service address', 'prima-connect')}
        value={url}
        onChange={setUrl}
      />
      <TextControl
        __nextHasNoMarginBottom
        label={__('Company number (only if your Prima has several companies)', 'prima-connect')}
        value={company}
        onChange={setCompany}
      />
      <RadioControl
        label={__('Prices in Prima', 'prima-connect')}
        help={__(
          'Must match the VAT setting of your Prima price book, or Prima refuses the first order.',
          'prima-connect',
        )}
        selected={vat}
        options={[
          { label: __('include VAT', 'prima-connect'), value: 'inclusive' },
          { label: __('exclude VAT', 'prima-connect'), value: 'exclusive' },
        ]}
        onChange={(v) => setVat(v === 'exclusive' ? 'exclusive' : 'inclusive')}
      />
      <Button variant="secondary" isBusy={busy} disabled={busy || !url.trim()} onClick={test}>
        {__('Test connection', 'prima-connect')}
      </Button>{' '}
      <Button variant="primary" isBusy={busy} disabled={busy || !url.trim()} onClick={connect}>
        {__('Connect', 'prima-connect')}
      </Button>
      {result ? <TestOutcome result={result} /> : null}
      {!result && state.lastConnectionTest && !state.lastConnectionTest.ok ? (
        <p>{__('The last connection test did not pass.', 'prima-connect')}</p>
      ) : null}
    </SectionCard>
  );
}

function TestOutcome({ result }: { result: PrimaTestResult }) {
  if (result.ok)
    return (
      <Notice status="success" isDismissible={false}>
        {result.company
          ? sprintf(__('Prima answered (company %s).', 'prima-connect'), result.company)
          : __('Prima answered.', 'prima-connect')}
      </Notice>
    );
  return (
    <Notice status="error" isDismissible={false}>
      <p className="prima-connect-problem">
        {result.problem?.message ?? __('Prima could not be reached.', 'prima-connect')}
      </p>
      {result.problem?.action ? (
        <p className="prima-connect-action">
          {sprintf(__('What to do: %s', 'prima-connect'), result.problem.action)}
        </p>
      ) : null}
    </Notice>
  );
}

// ------------------------------------------------------------ 2-3. catalogues and matching

type Issue =
  | { kind: 'unmapped'; row: UnmappedVariantView }
  | { kind: 'ambiguous'; row: AmbiguousVariantView };

function ProductsStep({
  onDone,
  onRead,
}: {
  onDone: (s: OnboardingStateView) => void;
  onRead: (p: MappingProposalsView) => void;
}) {
  const api = useApi();
  const [proposals, setProposals] = useState<MappingProposalsView | null>(null);
  const [fixing, setFixing] = useState<string | null>(null);
  const { busy, msg, setMsg, run } = useStepAction();

  const read = async () => {
    const p = await api.request<MappingProposalsView>('/onboarding/propose', { method: 'POST' });
    onRead(p);
    return p;
  };
  const readAll = () => run(async () => setProposals(await read()));
  const apply = () =>
    run(async () => {
      if (!proposals) return;
      const r = await api.request<{ applied: number; skipped: string[] }>('/onboarding/apply', {
        method: 'POST',
        data: { skus: proposals.proposed.map((p) => p.sku) },
      });
      setProposals(await read());
      setMsg({
        status: 'success',
        text: sprintf(__('%d products matched with Prima.', 'prima-connect'), r.applied),
      });
    });
  const finish = () =>
    run(async () => {
      const r = await api.request<OnboardingStepReply>('/onboarding/steps/mappings/complete', {
        method: 'POST',
      });
      if (r.ok) onDone(r.state);
      else setMsg({ status: 'error', text: (r.missing ?? []).join(' ') });
    });

  const issues: Issue[] = proposals
    ? [
        ...proposals.ambiguous.map((row) => ({ kind: 'ambiguous' as const, row })),
        ...proposals.unmapped.map((row) => ({ kind: 'unmapped' as const, row })),
      ]
    : [];

  return (
    <SectionCard
      wide
      title={STEP_TITLES.mappings}
      intro={__(
        'Prima Connect reads your WooCommerce products and Prima’s stock list, and matches each SKU with a Prima item: first by the exact SKU, then by the rule product-size-width. Nothing is changed until you apply the matches.',
        'prima-connect',
      )}
      msg={msg}
    >
      <Button variant={proposals ? 'secondary' : 'primary'} isBusy={busy} disabled={busy} onClick={readAll}>
        {proposals ? __('Read again', 'prima-connect') : __('Read the catalogues', 'prima-connect')}
      </Button>
      {proposals ? (
        <>
          <ul className="prima-connect-counts">
            <li>
              {sprintf(__('%d can be matched automatically.', 'prima-connect'), proposals.proposed.length)}
            </li>
            <li>{sprintf(__('%d are already matched.', 'prima-connect'), proposals.alreadyMapped.length)}</li>
            <li>{sprintf(__('%d need you.', 'prima-connect'), issues.length)}</li>
          </ul>
          {proposals.proposed.length > 0 ? (
            <>
              <table className="widefat striped">
                <thead>
                  <tr>
                    <th>{__('SKU', 'prima-connect')}</th>
                    <th>{__('Prima item', 'prima-connect')}</th>
                    <th>{__('Why', 'prima-connect')}</th>
                  </tr>
                </thead>
                <tbody>
                  {proposals.proposed.slice(0, 10).map((p) => (
                    <tr key={p.sku}>
                      <td>{p.sku}</td>
                      <td>{itemText(p.item)}</td>
                      <td>{p.explanation}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
              {proposals.proposed.length > 10 ? (
                <p>{sprintf(__('… and %d more.', 'prima-connect'), proposals.proposed.length - 10)}</p>
              ) : null}
              <Button variant="primary" isBusy={busy} disabled={busy} onClick={apply}>
                {sprintf(__('Apply %d matches', 'prima-connect'), proposals.proposed.length)}
              </Button>
            </>
          ) : null}
          {issues.length > 0 ? (
            <>
              <h3>{__('Needs you', 'prima-connect')}</h3>
              <p>
                {__(
                  'Fix these here, or leave them for later in Mappings (bundles are set up there). Orders with an unmatched product stop with a clear message instead of reaching Prima wrong.',
                  'prima-connect',
                )}
              </p>
              <table className="widefat striped prima-connect-issues">
                <thead>
                  <tr>
                    <th>{__('SKU', 'prima-connect')}</th>
                    <th>{__('Product', 'prima-connect')}</th>
                    <th>{__('What is wrong', 'prima-connect')}</th>
                    <th />
                  </tr>
                </thead>
                <tbody>
                  {issues.map((issue) => {
                    const key = `${issue.kind}:${issue.row.sku}:${issue.kind === 'unmapped' ? issue.row.variantId : issue.row.variantIds.join(',')}`;
                    const title = issue.kind === 'unmapped' ? issue.row.title : issue.row.titles.join(', ');
                    const fixable =
                      issue.row.sku !== '' &&
                      !(issue.kind === 'ambiguous' && issue.row.reason === 'shared_sku');
                    return (
                      <tr key={key} data-sku={issue.row.sku}>
                        <td>{issue.row.sku || __('(no SKU)', 'prima-connect')}</td>
                        <td>{title}</td>
                        <td>
                          {issue.row.message}
                          {fixing === key ? (
                            <FixForm
                              sku={issue.row.sku}
                              candidates={issue.kind === 'ambiguous' ? issue.row.candidates : []}
                              onCancel={() => setFixing(null)}
                              onSaved={async () => {
                                setFixing(null);
                                setProposals(await read());
                                setMsg({
                                  status: 'success',
                                  text: sprintf(
                                    __('%s is matched with Prima.', 'prima-connect'),
                                    issue.row.sku,
                                  ),
                                });
                              }}
                            />
                          ) : null}
                        </td>
                        <td>
                          {fixable && fixing !== key ? (
                            <Button variant="secondary" onClick={() => setFixing(key)}>
                              {__('Fix', 'prima-connect')}
                            </Button>
                          ) : null}
                        </td>
                      </tr>
                    );
                  })}
                </tbody>
              </table>
            </>
          ) : null}
          <p>
            <Button variant="primary" isBusy={busy} disabled={busy} onClick={finish}>
              {__('Continue', 'prima-connect')}
            </Button>
          </p>
        </>
      ) : null}
    </SectionCard>
  );
}

const EMPTY_MATRIX: ItemRefView['matrix'] = ['', '', '', ''];

function FixForm({
  sku,
  candidates,
  onSaved,
  onCancel,
}: {
  sku: string;
  candidates: ItemRefView[];
  onSaved: () => Promise<void>;
  onCancel: () => void;
}) {
  const api = useApi();
  const [product, setProduct] = useState(candidates[0]?.product ?? '');
  const [matrix, setMatrix] = useState<ItemRefView['matrix']>(EMPTY_MATRIX);
  const [kind, setKind] = useState<ItemKind>('stock');
  const { busy, msg, run } = useStepAction();
  const setLevel = (i: number, v: string) =>
    setMatrix((m) => m.map((x, j) => (j === i ? v.trim().toUpperCase() : x)) as ItemRefView['matrix']);
  const save = () =>
    run(async () => {
      await api.request('/onboarding/map-sku', {
        method: 'POST',
        data: { sku, kind, item: { product: product.trim().toUpperCase(), matrix } },
      });
      await onSaved();
    });
  return (
    <div className="prima-connect-fix">
      <MessageNotice msg={msg} />
      {candidates.length > 0 ? (
        <SelectControl
          __nextHasNoMarginBottom
          label={__('Prima item it could be', 'prima-connect')}
          value=""
          options={[
            { value: '', label: __('Choose…', 'prima-connect') },
            ...candidates.map((c, i) => ({ value: String(i), label: itemText(c) })),
          ]}
          onChange={(v) => {
            const c = candidates[Number(v)];
            if (v === '' || !c) return;
            setProduct(c.product);
            setMatrix(c.matrix);
          }}
        />
      ) : null}
      <PrimaItemFields product={product} onProduct={setProduct} matrix={matrix} onLevel={setLevel} />
      <ItemKindSelect
        kind={kind}
        onChange={setKind}
        stockLabel={__('Stock item (Prima keeps its stock)', 'prima-connect')}
      />
      <Button variant="primary" isBusy={busy} disabled={busy || !product.trim()} onClick={save}>
        {__('Save match', 'prima-connect')}
      </Button>{' '}
      <Button variant="tertiary" onClick={onCancel}>
        {__('Cancel', 'prima-connect')}
      </Button>
    </div>
  );
}

// ------------------------------------------------------------ 4. shipping, payment, location

type Row = { id: string; code: string };
/** WooCommerce's own shipping methods; the shop's extensions add theirs with "Add". */
const CORE_SHIPPING = ['flat_rate', 'free_shipping', 'local_pickup'];

/** One map of the step (shipping methods, payment gateways): its heading, what to enter, and the rows. */
function RowsEditor({
  title,
  help,
  rows,
  setRows,
  idLabel,
  codeLabel,
  addLabel,
}: {
  title: string;
  help: string;
  rows: Row[];
  setRows: (r: Row[]) => void;
  idLabel: string;
  codeLabel: string;
  addLabel: string;
}) {
  return (
    <>
      <h3>{title}</h3>
      <p>{help}</p>
      {rows.map((r, i) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: rows are edited in place, the id itself can change.
        <div className="prima-connect-map-row" key={i}>
          <TextControl
            __nextHasNoMarginBottom
            label={sprintf('%s %d', idLabel, i + 1)}
            value={r.id}
            onChange={(id) => setRows(rows.map((x, j) => (j === i ? { ...x, id } : x)))}
          />
          <TextControl
            __nextHasNoMarginBottom
            label={sprintf('%s %d', codeLabel, i + 1)}
            value={r.code}
            onChange={(code) => setRows(rows.map((x, j) => (j === i ? { ...x, code } : x)))}
          />
        </div>
      ))}
      <Button variant="secondary" onClick={() => setRows([...rows, { id: '', code: '' }])}>
        {addLabel}
      </Button>
    </>
  );
}

function MapsStep({
  onDone,
  suggested,
}: {
  onDone: (s: OnboardingStateView) => void;
  suggested: MappingProposalsView['suggestedPattern'];
}) {
  const api = useApi();
  const locations = useLoad<{ locations: { id: string; name: string }[] }>('/onboarding/locations');
  const saved = useLoad<{ settings: (PrimaSettings & { maps?: Partial<OnboardingMapsInput> }) | null }>(
    '/prima-settings',
  );
  const [shipping, setShipping] = useState<Row[]>(CORE_SHIPPING.map((id) => ({ id, code: '' })));
  const [payment, setPayment] = useState<Row[]>([{ id: '', code: '' }]);
  const [warehouses, setWarehouses] = useState<Record<string, string>>({});
  const [orderWarehouse, setOrderWarehouse] = useState('');
  const [missing, setMissing] = useState<string[]>([]);
  const [useRule, setUseRule] = useState(true);
  const { busy, msg, setMsg, run } = useStepAction();
  useEffect(() => {
    const s = saved.data?.settings;
    if (!s?.maps) return;
    // Resume: what was saved before.
    const ship = Object.entries(s.maps.shipping ?? {});
    if (ship.length > 0) setShipping(ship.map(([id, v]) => ({ id, code: v.charge })));
    const pay = Object.entries(s.maps.payment ?? {});
    if (pay.length > 0) setPayment(pay.map(([id, v]) => ({ id, code: v.payMethod })));
    if (s.maps.locations) setWarehouses(s.maps.locations);
    const dw = (s.orders as { defaultWarehouse?: unknown }).defaultWarehouse;
    if (typeof dw === 'string') setOrderWarehouse(dw);
  }, [saved.data]);

  const save = () =>
    run(async () => {
      setMissing([]);
      const pick = (rows: Row[]) => rows.filter((r) => r.id.trim() && r.code.trim());
      const locs = Object.fromEntries(
        Object.entries(warehouses)
          .filter(([, w]) => w.trim())
          .map(([id, w]) => [id, w.trim().toUpperCase()]),
      );
      const body: OnboardingMapsInput = {
        shipping: Object.fromEntries(
          pick(shipping).map((r) => [r.id.trim(), { charge: r.code.trim().toUpperCase() }]),
        ),
        payment: Object.fromEntries(
          pick(payment).map((r) => [r.id.trim(), { payMethod: r.code.trim().toUpperCase() }]),
        ),
        locations: locs,
        // Orders go to the shop's own stock warehouse unless another is named.
        defaultWarehouse: (orderWarehouse.trim() || Object.values(locs)[0] || '').toUpperCase(),
        ...(suggested && useRule ? { pattern: suggested.pattern } : {}),
      };
      if (!body.defaultWarehouse) {
        setMissing([__('Name the Prima warehouse your shop’s stock comes from.', 'prima-connect')]);
        return;
      }
      const r = await api.request<OnboardingStepReply>('/onboarding/maps', { method: 'POST', data: body });
      if (r.ok) onDone(r.state);
      else {
        setMissing(r.missing ?? []);
        setMsg({ status: 'warning', text: __('Saved. A few things are still missing:', 'prima-connect') });
      }
    });

  if (locations.loading && !locations.data) return <Spinner />;
  return (
    <SectionCard
      title={STEP_TITLES.maps}
      msg={locations.error ? { status: 'error', text: locations.error } : msg}
    >
      {missing.length > 0 ? (
        <ul className="prima-connect-missing">
          {missing.map((m) => (
            <li key={m}>{m}</li>
          ))}
        </ul>
      ) : null}
      <RowsEditor
        title={__('Shipping methods', 'prima-connect')}
        help={__(
          'For each WooCommerce shipping method (its ID, e.g. flat_rate), the Prima charge code the delivery is billed with. Leave a row empty to skip it.',
          'prima-connect',
        )}
        rows={shipping}
        setRows={setShipping}
        idLabel={__('Shipping method ID', 'prima-connect')}
        codeLabel={__('Prima charge code', 'prima-connect')}
        addLabel={__('Add shipping method', 'prima-connect')}
      />
      <RowsEditor
        title={__('Payment methods', 'prima-connect')}
        help={__(
          'For each payment gateway (its ID, e.g. stripe, bacs, cheque), the Prima pay method.',
          'prima-connect',
        )}
        rows={payment}
        setRows={setPayment}
        idLabel={__('Payment gateway ID', 'prima-connect')}
        codeLabel={__('Prima pay method', 'prima-connect')}
        addLabel={__('Add payment method', 'prima-connect')}
      />
      <h3>{__('Stock location', 'prima-connect')}</h3>
      {(locations.data?.locations ?? []).map((l) => (
        <TextControl
          key={l.id}
          __nextHasNoMarginBottom
          label={sprintf(__('Prima warehouse for “%s”', 'prima-connect'), l.name)}
          help={__(
            'The warehouse code in Prima, e.g. MAIN. Its stock is what the shop shows.',
            'prima-connect',
          )}
          value={warehouses[l.id] ?? ''}
          onChange={(w) => setWarehouses((x) => ({ ...x, [l.id]: w }))}
        />
      ))}
      <TextControl
        __nextHasNoMarginBottom
        label={__('Prima warehouse orders are sent to', 'prima-connect')}
        help={__('Leave empty to use the stock location’s warehouse.', 'prima-connect')}
        value={orderWarehouse}
        onChange={setOrderWarehouse}
      />
      {suggested ? (
        <CheckboxControl
          __nextHasNoMarginBottom
          label={__('Match new products by their SKU', 'prima-connect')}
          help={sprintf(
            __(
              'Products added later are matched by the rule product%1$ssize%1$swidth, which fits %2$d of your %3$d SKUs today.',
              'prima-connect',
            ),
            suggested.pattern.separator,
            suggested.matches,
            suggested.of,
          )}
          checked={useRule}
          onChange={setUseRule}
        />
      ) : null}
      <Button variant="primary" isBusy={busy} disabled={busy} onClick={save}>
        {__('Save and continue', 'prima-connect')}
      </Button>
    </SectionCard>
  );
}

// ------------------------------------------------------------ 5. preview

function PreviewStep({ onDone }: { onDone: (s: OnboardingStateView) => void }) {
  const api = useApi();
  const [preview, setPreview] = useState<StockPreviewView | null>(null);
  const [find, setFind] = useState('');
  const { busy, msg, setMsg, run } = useStepAction();
  const show = () =>
    run(async () =>
      setPreview(await api.request<StockPreviewView>('/onboarding/stock-preview', { method: 'POST' })),
    );
  const accept = () =>
    run(async () => {
      const r = await api.request<OnboardingStepReply>('/onboarding/steps/preview/complete', {
        method: 'POST',
      });
      if (r.ok) onDone(r.state);
      else setMsg({ status: 'error', text: (r.missing ?? []).join(' ') });
    });
  const t = preview?.totals;
  const needle = find.trim().toUpperCase();
  const shown = (preview?.rows ?? []).filter((r) => !needle || r.sku.toUpperCase().includes(needle));
  return (
    <SectionCard
      wide
      title={STEP_TITLES.preview}
      intro={__(
        'See what the first stock update would change in WooCommerce before anything is changed. Nothing is written now.',
        'prima-connect',
      )}
      msg={msg}
    >
      <Button variant={preview ? 'secondary' : 'primary'} isBusy={busy} disabled={busy} onClick={show}>
        {preview ? __('Show again', 'prima-connect') : __('Show the preview', 'prima-connect')}
      </Button>
      {preview && t ? (
        <>
          <p className="prima-connect-preview-summary">
            {sprintf(__('%1$d SKUs would change (%2$d stock figures).', 'prima-connect'), t.skus, t.changes)}{' '}
            {sprintf(
              __('%1$d units up, %2$d down; %3$d would show as sold out.', 'prima-connect'),
              t.unitsUp,
              t.unitsDown,
              t.toZero,
            )}{' '}
            {t.unknownBefore > 0
              ? sprintf(
                  __(
                    'For %d the current WooCommerce figure is not known, so only the new one is shown.',
                    'prima-connect',
                  ),
                  t.unknownBefore,
                )
              : ''}
          </p>
          {preview.guarded ? (
            <Notice status="warning" isDismissible={false}>
              {__(
                'Prima’s stock list looked incomplete, so this update would be held back. Check with your Prima administrator before switching on.',
                'prima-connect',
              )}
            </Notice>
          ) : null}
          {preview.problems.map((p) => (
            <Notice key={`${p.code}:${p.message}`} status="warning" isDismissible={false}>
              {`${p.message} ${p.action}`}
            </Notice>
          ))}
          {preview.rows.length > 0 ? (
            <TextControl
              __nextHasNoMarginBottom
              label={__('Find a SKU in the preview', 'prima-connect')}
              value={find}
              onChange={setFind}
            />
          ) : null}
          {shown.length > 0 ? (
            <table className="widefat striped prima-connect-preview">
              <thead>
                <tr>
                  <th>{__('SKU', 'prima-connect')}</th>
                  <th>{__('Change', 'prima-connect')}</th>
                </tr>
              </thead>
              <tbody>
                {shown.slice(0, 50).map((r) => (
                  <tr key={`${r.variantId}|${r.locationId}`}>
                    <td>{r.sku}</td>
                    <td>
                      {r.before === null
                        ? sprintf(__('to %d', 'prima-connect'), r.after)
                        : sprintf(__('from %1$d to %2$d', 'prima-connect'), r.before, r.after)}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          ) : null}
          {shown.length > 50 ? (
            <p>{sprintf(__('… and %d more.', 'prima-connect'), shown.length - 50)}</p>
          ) : null}
          <p>
            <Button variant="primary" isBusy={busy} disabled={busy} onClick={accept}>
              {__('Looks right, continue', 'prima-connect')}
            </Button>
          </p>
        </>
      ) : null}
    </SectionCard>
  );
}

// ------------------------------------------------------------ 6. switch on

function GoLiveStep({ onDone }: { onDone: (s: OnboardingStateView) => void }) {
  const api = useApi();
  const { busy, msg, run } = useStepAction();
  const goLive = () => run(async () => onDone(await switchOn(api)));
  return (
    <SectionCard
      title={STEP_TITLES['go-live']}
      intro={__(
        'Nothing has been sent to Prima yet. Switching on sends paid orders to Prima (orders placed meanwhile too) and keeps WooCommerce stock up to date from Prima.',
        'prima-connect',
      )}
      msg={msg}
    >
      <Button variant="primary" isBusy={busy} disabled={busy} onClick={goLive}>
        {__('Switch on', 'prima-connect')}
      </Button>
    </SectionCard>
  );
}

/** The connector answers 409 with what is missing when it refuses; that list is the message. */
async function switchOn(api: ApiClient): Promise<OnboardingStateView> {
  const r = await api.request<OnboardingStepReply>('/onboarding/go-live', { method: 'POST' });
  if (!r.ok) throw r;
  return r.state;
}
