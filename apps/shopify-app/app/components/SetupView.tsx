import {
  Badge,
  Banner,
  BlockStack,
  Box,
  Button,
  Card,
  Checkbox,
  DataTable,
  InlineGrid,
  InlineStack,
  Layout,
  Page,
  Text,
  TextField,
} from '@shopify/polaris';
import { type ReactNode, useState } from 'react';
import type { SetupData, SetupFix } from '../prima/view-models.js';
import { formatWhen } from '../prima/view-models.js';

function Intent({ intent, children }: { intent: string; children: ReactNode }) {
  return (
    <form method="post">
      <input type="hidden" name="intent" value={intent} />
      {children}
    </form>
  );
}

function StepList({ data }: { data: SetupData }) {
  return (
    <Card>
      <BlockStack gap="300">
        <Text as="h2" variant="headingMd">
          Steps
        </Text>
        {data.steps.map((s, i) => (
          <InlineStack key={s.step} gap="200" blockAlign="center" wrap={false}>
            <Badge tone={s.done ? 'success' : s.step === data.next ? 'attention' : undefined}>
              {s.done ? 'Done' : s.step === data.next ? 'Now' : 'To do'}
            </Badge>
            <BlockStack gap="0">
              <Text as="span" fontWeight={s.step === data.next ? 'semibold' : 'regular'}>
                {`${i + 1}. ${s.label}`}
              </Text>
              {s.done && s.at ? (
                <Text as="span" variant="bodySm" tone="subdued">
                  {`${formatWhen(s.at)}${s.by ? ` by ${s.by}` : ''}`}
                </Text>
              ) : null}
            </BlockStack>
          </InlineStack>
        ))}
        <Text as="p" variant="bodySm" tone="subdued">
          Progress is saved after each step: you can leave and come back. Nothing is sent to Prima until the
          last step.
        </Text>
      </BlockStack>
    </Card>
  );
}

function ConnectStep({ data }: { data: SetupData }) {
  const [url, setUrl] = useState(data.connect.primaUrl);
  const [company, setCompany] = useState(data.connect.companyId);
  const [vat, setVat] = useState(data.connect.vatInclusive);
  const fields = (
    <>
      <input type="hidden" name="primaUrl" value={url} />
      <input type="hidden" name="companyId" value={company} />
      <input type="hidden" name="vatInclusive" value={vat ? 'true' : 'false'} />
    </>
  );
  return (
    <Card>
      <BlockStack gap="400">
        <Text as="h2" variant="headingMd">
          Connect Prima
        </Text>
        <Text as="p">
          Your Prima administrator gives you the web service address (it ends in “wsdl” or “soap”) and, on
          sites with several companies, the company number.
        </Text>
        <TextField
          label="Prima web service address"
          value={url}
          onChange={setUrl}
          autoComplete="off"
          placeholder="https://prima.example.com/omlink/omlink/wsdl?targetURI=urn:omlink"
        />
        <TextField
          label="Company (leave empty for a single-company site)"
          value={company}
          onChange={setCompany}
          autoComplete="off"
        />
        <Checkbox
          label="Shop prices include VAT"
          helpText="Must match Prima's price book, or Prima refuses every order."
          checked={vat}
          onChange={setVat}
        />
        <InlineStack gap="300">
          <Intent intent="test">
            {fields}
            <Button submit>Test connection</Button>
          </Intent>
          <Intent intent="connect">
            {fields}
            <Button submit variant="primary">
              Save and continue
            </Button>
          </Intent>
        </InlineStack>
      </BlockStack>
    </Card>
  );
}

function CatalogueStep() {
  return (
    <Card>
      <BlockStack gap="400">
        <Text as="h2" variant="headingMd">
          Read the catalogues
        </Text>
        <Text as="p">
          The app reads every Shopify variant and Prima's list of items you sell, then proposes which Prima
          item each variant is. Nothing is changed yet.
        </Text>
        <Intent intent="read-catalogues">
          <Button submit variant="primary">
            Read both catalogues
          </Button>
        </Intent>
      </BlockStack>
    </Card>
  );
}

function FixRow({ fix }: { fix: SetupFix }) {
  const [item, setItem] = useState('');
  const [nonStock, setNonStock] = useState(false);
  return (
    <Box padding="300" background="bg-surface-secondary" borderRadius="200">
      <BlockStack gap="200">
        <InlineStack gap="200" blockAlign="center">
          <Text as="span" fontWeight="semibold">
            {fix.sku}
          </Text>
          <Text as="span" tone="subdued">
            {fix.titles}
          </Text>
        </InlineStack>
        <Text as="p">{fix.message}</Text>
        {fix.sharedSku ? (
          <Text as="p" tone="subdued">
            Give each of these variants its own SKU in Shopify (Products), then read the catalogues again.
          </Text>
        ) : (
          <>
            {fix.candidates.length > 0 ? (
              <InlineStack gap="200">
                {fix.candidates.map((c) => (
                  <Intent key={c} intent="map-sku">
                    <input type="hidden" name="sku" value={fix.sku} />
                    <input type="hidden" name="item" value={c} />
                    <Button submit size="slim">{`Use ${c}`}</Button>
                  </Intent>
                ))}
              </InlineStack>
            ) : null}
            <Intent intent="map-sku">
              <input type="hidden" name="sku" value={fix.sku} />
              <InlineStack gap="200" blockAlign="end">
                <div style={{ minWidth: 280 }}>
                  <TextField
                    label={`Prima item for ${fix.sku}`}
                    name="item"
                    value={item}
                    onChange={setItem}
                    autoComplete="off"
                    placeholder="Product / matrix codes, e.g. ETOS / G / 080"
                  />
                </div>
                <input type="hidden" name="nonStock" value={nonStock ? 'true' : 'false'} />
                <Checkbox
                  label="Not stocked (a Prima non-stock item)"
                  checked={nonStock}
                  onChange={setNonStock}
                />
                <Button submit accessibilityLabel={`Map ${fix.sku}`}>
                  Map
                </Button>
              </InlineStack>
            </Intent>
          </>
        )}
      </BlockStack>
    </Box>
  );
}

function MappingsStep({ m }: { m: NonNullable<SetupData['mappings']> }) {
  return (
    <Card>
      <BlockStack gap="400">
        <Text as="h2" variant="headingMd">
          Map products
        </Text>
        <Text as="p">
          {`${m.proposedCount} variants can be matched to Prima items; ${m.alreadyMapped} are already mapped; ${m.fixes.length} need you.`}
          {m.suggestedPattern
            ? ` Your SKUs follow the rule “${m.suggestedPattern}” (separator, matrix levels).`
            : ''}
        </Text>
        {m.proposed.length > 0 ? (
          <>
            <DataTable
              columnContentTypes={['text', 'text', 'text']}
              headings={['SKU', 'Variant', 'Why it matches']}
              rows={m.proposed.map((p) => [p.sku, p.title, p.explanation])}
            />
            {m.proposedCount > m.proposed.length ? (
              <Text as="p" tone="subdued">{`and ${m.proposedCount - m.proposed.length} more`}</Text>
            ) : null}
            <Intent intent="apply-proposals">
              <Button submit variant="primary">{`Accept ${m.proposedCount} proposed matches`}</Button>
            </Intent>
          </>
        ) : null}
        {m.fixes.length > 0 ? (
          <BlockStack gap="300">
            <Text as="h3" variant="headingSm">
              Needs you
            </Text>
            {m.fixes.map((f) => (
              <FixRow key={f.sku} fix={f} />
            ))}
          </BlockStack>
        ) : null}
        <Intent intent="mappings-done">
          <Button submit disabled={m.proposedCount > 0}>
            {m.fixes.length > 0 ? 'Continue, and map the rest later in Mappings' : 'Continue'}
          </Button>
        </Intent>
        {m.fixes.length > 0 ? (
          <Text as="p" variant="bodySm" tone="subdued">
            Orders with an unmapped product wait in Exceptions until it is mapped; nothing is lost.
          </Text>
        ) : null}
      </BlockStack>
    </Card>
  );
}

function MapsStep({ maps }: { maps: NonNullable<SetupData['maps']> }) {
  const [shipping, setShipping] = useState(maps.shippingMap);
  const [payment, setPayment] = useState(maps.paymentMap);
  const [warehouse, setWarehouse] = useState(maps.defaultWarehouse);
  const [pattern, setPattern] = useState(maps.pattern);
  const [locations, setLocations] = useState<Record<string, string>>(
    Object.fromEntries(maps.locations.map((l) => [l.id, l.warehouse])),
  );
  return (
    <Card>
      <Intent intent="save-maps">
        <BlockStack gap="400">
          <Text as="h2" variant="headingMd">
            Map shipping, payment and locations
          </Text>
          <TextField
            label="Shipping methods"
            name="shippingMap"
            multiline={3}
            value={shipping}
            onChange={setShipping}
            autoComplete="off"
            placeholder="Standard = RM48"
            helpText="One a line: the shipping method's name in Shopify = the Prima charge code (/ carrier / service)."
          />
          <TextField
            label="Payment methods"
            name="paymentMap"
            multiline={3}
            value={payment}
            onChange={setPayment}
            autoComplete="off"
            placeholder="shopify_payments = CC"
            helpText="One a line: the payment gateway in Shopify = the Prima pay method (/ sub method / provider)."
          />
          <Text as="h3" variant="headingSm">
            Locations
          </Text>
          <InlineGrid columns={2} gap="300">
            {maps.locations.map((l) => (
              <TextField
                key={l.id}
                label={`Prima warehouse for “${l.name}”`}
                name={`location:${l.id}`}
                value={locations[l.id] ?? ''}
                onChange={(v) => setLocations({ ...locations, [l.id]: v })}
                autoComplete="off"
                helpText="Prima stock of this warehouse is shown at this location."
              />
            ))}
          </InlineGrid>
          <TextField
            label="Warehouse orders are sent to"
            name="defaultWarehouse"
            value={warehouse}
            onChange={setWarehouse}
            autoComplete="off"
          />
          <TextField
            label="SKU rule (optional)"
            name="pattern"
            value={pattern}
            onChange={setPattern}
            autoComplete="off"
            placeholder="- 1,2"
            helpText="For SKUs like ETOS-G-080: the separator, then which parts are matrix levels. New variants that follow it need no mapping."
          />
          <InlineStack>
            <Button submit variant="primary">
              Save and continue
            </Button>
          </InlineStack>
        </BlockStack>
      </Intent>
    </Card>
  );
}

const PREVIEW_SHOWN = 50;

function PreviewStep({ p }: { p: NonNullable<SetupData['preview']> }) {
  const [find, setFind] = useState('');
  const wanted = find.trim().toUpperCase();
  const matching = wanted === '' ? p.rows : p.rows.filter((r) => r.sku.toUpperCase().includes(wanted));
  return (
    <Card>
      <BlockStack gap="400">
        <Text as="h2" variant="headingMd">
          Preview the first stock push
        </Text>
        <Text as="p">
          {`The first push would change ${p.changes} stock figures for ${p.skus} SKUs: ${p.unitsUp} units up, ${p.unitsDown} down, ${p.toZero} to sold out.`}
          {p.unknownBefore > 0 ? ` ${p.unknownBefore} figures have no known current value.` : ''} Nothing has
          been pushed.
        </Text>
        {p.rows.length > 0 ? (
          <>
            <TextField
              label="Find a SKU in the preview"
              value={find}
              onChange={setFind}
              autoComplete="off"
              clearButton
              onClearButtonClick={() => setFind('')}
            />
            <DataTable
              columnContentTypes={['text', 'numeric', 'numeric']}
              headings={['SKU', 'Shopify now', 'After the push']}
              rows={matching
                .slice(0, PREVIEW_SHOWN)
                .map((r) => [r.sku, r.before === null ? 'unknown' : r.before, r.after])}
            />
            {matching.length > PREVIEW_SHOWN ? (
              <Text as="p" tone="subdued">
                {`${matching.length - PREVIEW_SHOWN} more: type part of a SKU to find it.`}
              </Text>
            ) : null}
          </>
        ) : null}
        <Intent intent="preview-done">
          <Button submit variant="primary">
            Looks right, continue
          </Button>
        </Intent>
      </BlockStack>
    </Card>
  );
}

function GoLiveStep() {
  return (
    <Card>
      <BlockStack gap="400">
        <Text as="h2" variant="headingMd">
          Switch on
        </Text>
        <Text as="p">
          This switches on both: paid Shopify orders are sent to Prima as sales orders, and Prima's sellable
          stock updates Shopify on schedule, starting with the push you previewed. You can switch either off
          again in Settings.
        </Text>
        <Intent intent="go-live">
          <Button submit variant="primary" tone="success">
            Switch on order posting and stock sync
          </Button>
        </Intent>
      </BlockStack>
    </Card>
  );
}

function CurrentStep({ data }: { data: SetupData }) {
  switch (data.next) {
    case 'connect':
      return <ConnectStep data={data} />;
    case 'catalogue':
      return <CatalogueStep />;
    case 'mappings':
      return data.mappings ? <MappingsStep m={data.mappings} /> : null;
    case 'maps':
      return data.maps ? <MapsStep maps={data.maps} /> : null;
    case 'preview':
      return data.preview ? <PreviewStep p={data.preview} /> : null;
    case 'go-live':
      return <GoLiveStep />;
    default:
      return (
        <Card>
          <BlockStack gap="300">
            <Text as="h2" variant="headingMd">
              {data.live ? 'Prima Connect is on' : 'Setup is finished'}
            </Text>
            <Text as="p">
              {data.live
                ? 'Paid orders go to Prima and Prima stock updates Shopify. Watch both on the Dashboard.'
                : 'Order posting or stock sync is switched off in Settings.'}
            </Text>
            <InlineStack>
              <Button url="/app">Open the Dashboard</Button>
            </InlineStack>
          </BlockStack>
        </Card>
      );
  }
}

/** The first-run wizard: one step at a time, the list of steps beside it. */
export function SetupView({ data }: { data: SetupData }) {
  return (
    <Page
      title="Set up Prima Connect"
      subtitle="Connect Prima, match products, check the first stock push, switch on"
    >
      <Layout>
        <Layout.Section>
          <BlockStack gap="400">
            {data.notice ? (
              <Banner tone={data.notice.tone} title={data.notice.message}>
                {data.notice.details && data.notice.details.length > 0 ? (
                  <ul>
                    {data.notice.details.map((d) => (
                      <li key={d}>{d}</li>
                    ))}
                  </ul>
                ) : null}
              </Banner>
            ) : null}
            <CurrentStep data={data} />
          </BlockStack>
        </Layout.Section>
        <Layout.Section variant="oneThird">
          <StepList data={data} />
        </Layout.Section>
      </Layout>
    </Page>
  );
}
