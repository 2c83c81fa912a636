import { Button, Checkbox, Flex, Heading, NumberField, Text, TextField, Well } from '@adobe/react-spectrum';
import { useEffect, useRef, useState } from 'react';
import { api } from '../../api';
import type { HostContext } from '../../host';
import { isDone, type SavedSettings, type SkuPattern, type StepResult, type WizardState } from './types';

type Run = (what: () => Promise<void>) => Promise<void>;

interface ShippingRow {
  code: string;
  name: string;
  charge: string;
  carrier: string;
  service: string;
}
interface PaymentRow {
  code: string;
  name: string;
  payMethod: string;
}

/**
 * Commerce's own shipping and payment methods (its offline carriers and payment methods). Commerce's REST
 * API lists neither outside a customer's basket, so these are offered when nothing is saved yet; a method
 * left without a Prima code is simply not mapped.
 */
const COMMERCE_SHIPPING: [string, string][] = [
  ['flatrate_flatrate', 'Flat rate'],
  ['freeshipping_freeshipping', 'Free shipping'],
  ['tablerate_bestway', 'Table rates'],
];
const COMMERCE_PAYMENT: [string, string][] = [
  ['checkmo', 'Check / money order'],
  ['banktransfer', 'Bank transfer'],
  ['cashondelivery', 'Cash on delivery'],
  ['purchaseorder', 'Purchase order'],
];

const EXAMPLE_CODES = ['G', '080', 'BLK', 'L'];

function shippingRows(saved: SavedSettings['maps']['shipping'] | undefined): ShippingRow[] {
  const rows = COMMERCE_SHIPPING.map(([code, name]) => ({
    code,
    name,
    charge: '',
    carrier: '',
    service: '',
  }));
  for (const [code, m] of Object.entries(saved ?? {})) {
    const row = rows.find((r) => r.code === code);
    const filled = { charge: m.charge, carrier: m.carrier ?? '', service: m.service ?? '' };
    if (row) Object.assign(row, filled);
    else rows.push({ code, name: code, ...filled });
  }
  return rows;
}

function paymentRows(saved: SavedSettings['maps']['payment'] | undefined): PaymentRow[] {
  const rows = COMMERCE_PAYMENT.map(([code, name]) => ({ code, name, payMethod: '' }));
  for (const [code, m] of Object.entries(saved ?? {})) {
    const row = rows.find((r) => r.code === code);
    if (row) row.payMethod = m.payMethod;
    else rows.push({ code, name: code, payMethod: m.payMethod });
  }
  return rows;
}

/**
 * Step 4: which Prima charge each Commerce shipping method becomes, which Prima pay method each payment
 * method, which Prima warehouse each Commerce stock source is, where orders are sent, and (optionally) the
 * SKU rule that matches products added later. Prefilled from saved settings, the store's sources and the
 * rule the catalogues suggested.
 */
export function MapsStep({
  host,
  state,
  settings,
  suggested,
  busy,
  run,
  say,
  onState,
}: {
  host: HostContext;
  state: WizardState;
  settings: SavedSettings | null | undefined;
  suggested: SkuPattern | undefined;
  busy: boolean;
  run: Run;
  say: (text: string) => void;
  onState: (s: WizardState) => void;
}) {
  const connected = isDone(state, 'connect');
  const [shipping, setShipping] = useState<ShippingRow[]>(() => shippingRows(undefined));
  const [payment, setPayment] = useState<PaymentRow[]>(() => paymentRows(undefined));
  const [locations, setLocations] = useState<{ id: string; name: string; warehouse: string }[]>();
  const [orderWarehouse, setOrderWarehouse] = useState('');
  const [usePattern, setUsePattern] = useState(false);
  const [pattern, setPattern] = useState<SkuPattern>({ separator: '-', matrixLevels: [1, 2] });
  const [locationError, setLocationError] = useState<string>();

  // Saved settings fill the form once, when they arrive (resume); later edits are the clerk's.
  const filled = useRef(false);
  useEffect(() => {
    if (filled.current || !settings) return;
    filled.current = true;
    setShipping(shippingRows(settings.maps.shipping));
    setPayment(paymentRows(settings.maps.payment));
    setOrderWarehouse(settings.orders.defaultWarehouse);
    if (settings.maps.pattern) {
      setUsePattern(true);
      setPattern(settings.maps.pattern);
    }
  }, [settings]);
  // The rule the catalogues suggested, unless one is saved already.
  useEffect(() => {
    if (suggested && !settings?.maps.pattern) {
      setUsePattern(true);
      setPattern(suggested);
    }
  }, [suggested, settings]);
  // The store's stock sources, once Prima is connected (the call needs a saved connection).
  const savedLocations = settings?.maps.locations;
  useEffect(() => {
    if (!connected) return;
    api<{ locations: { id: string; name: string }[] }>(host, 'GET', '/onboarding/locations').then(
      (r) => {
        setLocations(r.locations.map((l) => ({ ...l, warehouse: savedLocations?.[l.id] ?? '' })));
        setLocationError(undefined);
      },
      (e: unknown) => setLocationError(e instanceof Error ? e.message : String(e)),
    );
  }, [host, connected, savedLocations]);

  // Orders go to the first source's warehouse unless the clerk says otherwise.
  const warehouseForOrders = orderWarehouse || locations?.find((l) => l.warehouse)?.warehouse || '';

  const save = () =>
    run(async () => {
      const body = {
        shipping: Object.fromEntries(
          shipping
            .filter((r) => r.code.trim() && r.charge.trim())
            .map((r) => [r.code.trim(), { charge: r.charge, carrier: r.carrier, service: r.service }]),
        ),
        payment: Object.fromEntries(
          payment
            .filter((r) => r.code.trim() && r.payMethod.trim())
            .map((r) => [r.code.trim(), { payMethod: r.payMethod }]),
        ),
        locations: Object.fromEntries(
          (locations ?? []).filter((l) => l.warehouse.trim()).map((l) => [l.id, l.warehouse]),
        ),
        defaultWarehouse: warehouseForOrders,
        ...(usePattern ? { pattern } : {}),
      };
      const r = await api<StepResult>(host, 'POST', '/onboarding/maps', body);
      onState(r.state);
      say('Shipping, payment and locations saved.');
    });

  const editShipping = (i: number, patch: Partial<ShippingRow>) =>
    setShipping(shipping.map((r, j) => (j === i ? { ...r, ...patch } : r)));
  const editPayment = (i: number, patch: Partial<PaymentRow>) =>
    setPayment(payment.map((r, j) => (j === i ? { ...r, ...patch } : r)));
  const levels = pattern.matrixLevels.length;

  return (
    <Well role="region" aria-label="Shipping, payment and locations">
      <Heading level={3}>4. Shipping, payment and locations{isDone(state, 'maps') ? ' — done' : ''}</Heading>
      <Flex direction="column" gap="size-200">
        <Flex direction="column" gap="size-100">
          <Heading level={4}>Shipping methods</Heading>
          <Text>
            The Prima charge each delivery method is billed as. Leave the charge empty for methods you do not
            offer.
          </Text>
          <Flex gap="size-100" aria-hidden>
            <Text width="size-3000">Commerce method</Text>
            <Text width="size-1600">Prima charge code</Text>
            <Text width="size-1200">Carrier</Text>
            <Text width="size-1200">Service</Text>
          </Flex>
          {shipping.map((r, i) => (
            <Flex key={`ship-${String(i)}`} gap="size-100" alignItems="start" wrap>
              <TextField
                aria-label={`Commerce shipping method ${i + 1}`}
                description={r.name !== r.code ? r.name : undefined}
                value={r.code}
                onChange={(code) => editShipping(i, { code })}
                width="size-3000"
              />
              <TextField
                aria-label={`Prima charge for ${r.code || `method ${i + 1}`}`}
                value={r.charge}
                onChange={(charge) => editShipping(i, { charge })}
                width="size-1600"
              />
              <TextField
                aria-label={`Carrier for ${r.code || `method ${i + 1}`}`}
                value={r.carrier}
                onChange={(carrier) => editShipping(i, { carrier })}
                width="size-1200"
              />
              <TextField
                aria-label={`Service for ${r.code || `method ${i + 1}`}`}
                value={r.service}
                onChange={(service) => editShipping(i, { service })}
                width="size-1200"
              />
            </Flex>
          ))}
          <Flex>
            <Button
              variant="secondary"
              onPress={() =>
                setShipping([...shipping, { code: '', name: '', charge: '', carrier: '', service: '' }])
              }
            >
              Add a shipping method
            </Button>
          </Flex>
        </Flex>
        <Flex direction="column" gap="size-100">
          <Heading level={4}>Payment methods</Heading>
          <Text>
            The Prima pay method each way of paying is booked as. Leave it empty for methods you do not take.
          </Text>
          <Flex gap="size-100" aria-hidden>
            <Text width="size-3000">Commerce method</Text>
            <Text width="size-1600">Prima pay method</Text>
          </Flex>
          {payment.map((r, i) => (
            <Flex key={`pay-${String(i)}`} gap="size-100" alignItems="start" wrap>
              <TextField
                aria-label={`Commerce payment method ${i + 1}`}
                description={r.name !== r.code ? r.name : undefined}
                value={r.code}
                onChange={(code) => editPayment(i, { code })}
                width="size-3000"
              />
              <TextField
                aria-label={`Prima pay method for ${r.code || `method ${i + 1}`}`}
                value={r.payMethod}
                onChange={(payMethod) => editPayment(i, { payMethod })}
                width="size-1600"
              />
            </Flex>
          ))}
          <Flex>
            <Button
              variant="secondary"
              onPress={() => setPayment([...payment, { code: '', name: '', payMethod: '' }])}
            >
              Add a payment method
            </Button>
          </Flex>
        </Flex>
        <Flex direction="column" gap="size-100">
          <Heading level={4}>Stock locations</Heading>
          <Text>The Prima warehouse whose stock each Commerce source shows.</Text>
          {locationError ? <Text>{locationError}</Text> : null}
          {!connected ? <Text>Connect Prima first; the store's sources are listed then.</Text> : null}
          {(locations ?? []).map((l) => (
            <TextField
              key={l.id}
              label={`Prima warehouse for ${l.name} (${l.id})`}
              value={l.warehouse}
              onChange={(warehouse) =>
                setLocations((locations ?? []).map((x) => (x.id === l.id ? { ...x, warehouse } : x)))
              }
              width="size-3600"
            />
          ))}
          <TextField
            label="Prima warehouse orders are sent to"
            value={warehouseForOrders}
            onChange={setOrderWarehouse}
            width="size-3600"
          />
        </Flex>
        <Flex direction="column" gap="size-100">
          <Heading level={4}>Products added later</Heading>
          <Checkbox isSelected={usePattern} onChange={setUsePattern}>
            Match new products by their SKU
          </Checkbox>
          {usePattern ? (
            <Flex gap="size-150" alignItems="end" wrap>
              <TextField
                label="Separator"
                value={pattern.separator}
                onChange={(separator) => setPattern({ ...pattern, separator })}
                width="size-1200"
              />
              <NumberField
                label="Matrix codes at the end"
                minValue={1}
                maxValue={4}
                value={levels}
                onChange={(n) =>
                  setPattern({
                    ...pattern,
                    matrixLevels: Array.from({ length: Math.min(4, Math.max(1, n || 1)) }, (_, i) => i + 1),
                  })
                }
                width="size-2000"
              />
              <Text>
                e.g. {['ETOS', ...EXAMPLE_CODES.slice(0, levels)].join(pattern.separator)} is Prima product
                ETOS with matrix codes {EXAMPLE_CODES.slice(0, levels).join(', ')}.
              </Text>
            </Flex>
          ) : null}
        </Flex>
        <Flex>
          <Button variant="accent" isDisabled={busy || !connected} onPress={save}>
            Save shipping, payment and locations
          </Button>
        </Flex>
      </Flex>
    </Well>
  );
}
