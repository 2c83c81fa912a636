import {
  Banner,
  BlockStack,
  Button,
  Card,
  Checkbox,
  FormLayout,
  InlineStack,
  Layout,
  Page,
  Select,
  Text,
  TextField,
} from '@shopify/polaris';
import { useState } from 'react';
import { flushSync } from 'react-dom';
import type { SettingsData, SettingsForm } from '../prima/view-models.js';

type Setter = <K extends keyof SettingsForm>(key: K) => (value: SettingsForm[K]) => void;

export function SettingsView({ data }: { data: SettingsData }) {
  const [form, setForm] = useState<SettingsForm>(data.form);
  const [intent, setIntent] = useState<'save' | 'test' | 'test-alert'>('save');
  const set: Setter = (key) => (value) => setForm((f) => ({ ...f, [key]: value }));
  const num = (key: 'holdWindowMinutes' | 'stockIntervalMinutes' | 'bufferValue') => (v: string) =>
    set(key)(Number(v) || 0);
  return (
    <Page title="Settings" subtitle="How this store talks to Prima">
      <form method="post">
        {/* Polaris buttons carry no name/value: the clicked one sets the intent just before the form submits. */}
        <input type="hidden" name="intent" value={intent} />
        <input type="hidden" name="vatInclusive" value={String(form.vatInclusive)} />
        <input type="hidden" name="postingEnabled" value={String(form.postingEnabled)} />
        <input type="hidden" name="stockEnabled" value={String(form.stockEnabled)} />
        <input type="hidden" name="writeBackNote" value={String(form.writeBackNote)} />
        <input type="hidden" name="writeBackTag" value={String(form.writeBackTag)} />
        <input type="hidden" name="writeBackMetafield" value={String(form.writeBackMetafield)} />
        <input type="hidden" name="alertsEnabled" value={String(form.alertsEnabled)} />
        <BlockStack gap="400">
          {data.notice ? (
            <Banner tone={data.notice.tone} title={data.notice.message}>
              {data.notice.errors?.length ? (
                <ul>
                  {data.notice.errors.map((e) => (
                    <li key={e}>{e}</li>
                  ))}
                </ul>
              ) : null}
            </Banner>
          ) : null}
          <Layout>
            <Layout.AnnotatedSection
              title="Prima connection"
              description="The OMLink web service address (WSDL URL or service address) and, for multi-company sites, the company."
            >
              <Card>
                <FormLayout>
                  <TextField
                    label="Prima URL"
                    name="primaUrl"
                    value={form.primaUrl}
                    onChange={set('primaUrl')}
                    autoComplete="off"
                    placeholder="http://prima.example:8080/wsalive/wsalive/wsdl?targetURI=urn:omlink"
                  />
                  <TextField
                    label="Company"
                    name="companyId"
                    value={form.companyId}
                    onChange={set('companyId')}
                    autoComplete="off"
                    helpText="Leave empty for single-company Prima"
                  />
                  <Checkbox
                    label="Prices in Prima include VAT (must match the Prima price book)"
                    checked={form.vatInclusive}
                    onChange={set('vatInclusive')}
                  />
                  <InlineStack>
                    <Button submit onClick={() => flushSync(() => setIntent('test'))}>
                      Test connection
                    </Button>
                  </InlineStack>
                </FormLayout>
              </Card>
            </Layout.AnnotatedSection>
            <Layout.AnnotatedSection
              title="Orders"
              description="When an order goes to Prima, how long to wait for quick edits, and when changes stop being passed on."
            >
              <Card>
                <FormLayout>
                  <Checkbox
                    label="Send orders to Prima"
                    checked={form.postingEnabled}
                    onChange={set('postingEnabled')}
                  />
                  <Select
                    label="Send when"
                    name="trigger"
                    options={[
                      { label: 'Payment is captured (paid)', value: 'paid' },
                      { label: 'Payment is authorised', value: 'authorized' },
                      { label: 'The order is created', value: 'created' },
                    ]}
                    value={form.trigger}
                    onChange={(v) => set('trigger')(v as SettingsForm['trigger'])}
                  />
                  <FormLayout.Group>
                    <TextField
                      label="Hold window (minutes)"
                      name="holdWindowMinutes"
                      type="number"
                      value={String(form.holdWindowMinutes)}
                      onChange={num('holdWindowMinutes')}
                      autoComplete="off"
                    />
                    <Select
                      label="Changes stop at (cut-off)"
                      name="cutoffState"
                      options={[
                        { label: 'Allocated in Prima', value: 'allocated' },
                        { label: 'Released to the warehouse', value: 'released' },
                      ]}
                      value={form.cutoffState}
                      onChange={(v) => set('cutoffState')(v as SettingsForm['cutoffState'])}
                    />
                    <TextField
                      label="Prima order number prefix"
                      name="orderNumberPrefix"
                      value={form.orderNumberPrefix}
                      onChange={set('orderNumberPrefix')}
                      autoComplete="off"
                    />
                  </FormLayout.Group>
                </FormLayout>
              </Card>
            </Layout.AnnotatedSection>
            <Layout.AnnotatedSection
              title="Stock"
              description="Prima's available-to-sell figure, less a safety buffer, pushed on a schedule."
            >
              <Card>
                <FormLayout>
                  <Checkbox
                    label="Sync stock from Prima"
                    checked={form.stockEnabled}
                    onChange={set('stockEnabled')}
                  />
                  <FormLayout.Group>
                    <TextField
                      label="Every (minutes)"
                      name="stockIntervalMinutes"
                      type="number"
                      value={String(form.stockIntervalMinutes)}
                      onChange={num('stockIntervalMinutes')}
                      autoComplete="off"
                    />
                    <Select
                      label="Safety buffer"
                      name="bufferKind"
                      options={[
                        { label: 'Units', value: 'fixed' },
                        { label: 'Percent', value: 'percent' },
                      ]}
                      value={form.bufferKind}
                      onChange={(v) => set('bufferKind')(v as SettingsForm['bufferKind'])}
                    />
                    <TextField
                      label="Buffer"
                      name="bufferValue"
                      type="number"
                      value={String(form.bufferValue)}
                      onChange={num('bufferValue')}
                      autoComplete="off"
                    />
                  </FormLayout.Group>
                </FormLayout>
              </Card>
            </Layout.AnnotatedSection>
            <Layout.AnnotatedSection title="Maps" description="One “store value = Prima value” a line.">
              <Card>
                <FormLayout>
                  <TextField
                    label="Shipping method = Prima charge code"
                    name="shippingMap"
                    value={form.shippingMap}
                    onChange={set('shippingMap')}
                    multiline={3}
                    autoComplete="off"
                    placeholder="Standard = CARR"
                  />
                  <TextField
                    label="Payment gateway = Prima pay method"
                    name="paymentMap"
                    value={form.paymentMap}
                    onChange={set('paymentMap')}
                    multiline={3}
                    autoComplete="off"
                    placeholder="shopify_payments = CARD"
                  />
                  <TextField
                    label="Shopify location = Prima warehouse"
                    name="locationMap"
                    value={form.locationMap}
                    onChange={set('locationMap')}
                    multiline={3}
                    autoComplete="off"
                    helpText={
                      data.locations.length
                        ? `Locations: ${data.locations.map((l) => `${l.name} (${l.id})`).join(', ')}`
                        : undefined
                    }
                  />
                  <TextField
                    label="Prima status = shown status"
                    name="statusMap"
                    value={form.statusMap}
                    onChange={set('statusMap')}
                    multiline={3}
                    autoComplete="off"
                    placeholder="Despatched = Shipped"
                  />
                </FormLayout>
              </Card>
            </Layout.AnnotatedSection>
            <Layout.AnnotatedSection
              title="Write back to Shopify"
              description="Where staff see the Prima order number and status on the order."
            >
              <Card>
                <BlockStack gap="200">
                  <Checkbox
                    label="Metafields (prima.order_number, prima.status)"
                    checked={form.writeBackMetafield}
                    onChange={set('writeBackMetafield')}
                  />
                  <Checkbox
                    label="A line in the order note"
                    checked={form.writeBackNote}
                    onChange={set('writeBackNote')}
                  />
                  <Checkbox
                    label="An order tag (Prima: status)"
                    checked={form.writeBackTag}
                    onChange={set('writeBackTag')}
                  />
                </BlockStack>
              </Card>
            </Layout.AnnotatedSection>
            <Layout.AnnotatedSection
              title="Alerts"
              description="An e-mail or a chat message (e.g. a Slack webhook) when problems pile up or a day does not reconcile, with a link to what to do."
            >
              <Card>
                <FormLayout>
                  <Checkbox
                    label="Send alerts"
                    checked={form.alertsEnabled}
                    onChange={set('alertsEnabled')}
                  />
                  <TextField
                    label="E-mail alerts to"
                    name="alertEmails"
                    value={form.alertEmails}
                    onChange={set('alertEmails')}
                    autoComplete="off"
                    placeholder="finance@example.com, operations@example.com"
                    helpText={
                      data.emailConfigured
                        ? 'One or more addresses, separated by commas.'
                        : 'This app has no mail server set up yet, so alerts go to the webhook only. Whoever runs Prima Connect can add one.'
                    }
                  />
                  <TextField
                    label="Webhook address"
                    name="alertWebhookUrl"
                    value={form.alertWebhookUrl}
                    onChange={set('alertWebhookUrl')}
                    autoComplete="off"
                    placeholder="https://hooks.slack.com/services/..."
                    helpText="Optional: a Slack or Teams incoming webhook, or your ticketing system."
                  />
                  <TextField
                    label="Alert when this many problems are waiting"
                    name="alertThreshold"
                    type="number"
                    value={String(form.alertThreshold)}
                    onChange={(v) => set('alertThreshold')(Number(v) || 0)}
                    autoComplete="off"
                    helpText="0 = only when a day does not reconcile."
                  />
                  <InlineStack>
                    <Button submit onClick={() => flushSync(() => setIntent('test-alert'))}>
                      Send a test alert
                    </Button>
                  </InlineStack>
                </FormLayout>
              </Card>
            </Layout.AnnotatedSection>
          </Layout>
          <InlineStack align="end">
            <Button submit variant="primary" onClick={() => flushSync(() => setIntent('save'))}>
              Save settings
            </Button>
          </InlineStack>
          <Text as="p" variant="bodySm" tone="subdued">
            Settings are checked before they are saved; nothing changes if any value is refused.
          </Text>
        </BlockStack>
      </form>
    </Page>
  );
}
