import { Button, Checkbox, Flex, Heading, StatusLight, Text, TextField, Well } from '@adobe/react-spectrum';
import { useState } from 'react';
import { api } from '../api';
import type { HostContext } from '../host';
import { useLoad } from '../useLoad';
import { ErrorNote } from './ErrorNote';

interface StepState {
  step: string;
  done: boolean;
}
interface WizardState {
  steps: StepState[];
  next: string | null;
  postingEnabled: boolean;
}
interface TestResult {
  ok: boolean;
  company?: string;
  problem?: { message: string; action: string };
}
interface Proposals {
  proposed: { sku: string; title: string }[];
  unmapped: { sku: string; message: string }[];
}
interface Preview {
  totals: { changes: number; skus: number; unitsUp: number; unitsDown: number; toZero: number };
}

const LABEL: Record<string, string> = {
  connect: 'Connect Prima',
  catalogue: 'Read both catalogues',
  mappings: 'Match products',
  maps: 'Shipping, payment and locations',
  preview: 'Preview the first stock push',
  'go-live': 'Go live',
};

/**
 * First-run wizard: the steps and where the store is, connect Prima with a live test, accept the proposed
 * product matches, preview the first stock push, go live. Shipping/payment/location maps are set in
 * Settings for now (their step is completed from there). Every call goes through the admin API.
 */
export function Onboarding({ host }: { host: HostContext }) {
  const { data, error, reload } = useLoad(() => api<WizardState>(host, 'GET', '/onboarding'));
  const [url, setUrl] = useState('');
  const [vatInclusive, setVatInclusive] = useState(true);
  const [test, setTest] = useState<TestResult>();
  const [proposals, setProposals] = useState<Proposals>();
  const [preview, setPreview] = useState<Preview>();
  const [note, setNote] = useState<string>();
  const run = async (what: () => Promise<void>) => {
    setNote(undefined);
    try {
      await what();
    } catch (e) {
      setNote(e instanceof Error ? e.message : String(e));
    }
    reload();
  };
  if (error) return <ErrorNote text={error} />;
  if (!data) return <Text>Loading…</Text>;
  return (
    <Flex direction="column" gap="size-300" maxWidth="size-6000">
      <Flex direction="column" gap="size-50" aria-label="Wizard steps">
        {data.steps.map((s) => (
          <StatusLight key={s.step} variant={s.done ? 'positive' : s.step === data.next ? 'info' : 'neutral'}>
            {LABEL[s.step] ?? s.step}
            {s.done ? ' — done' : s.step === data.next ? ' — next' : ''}
          </StatusLight>
        ))}
      </Flex>
      <Well>
        <Heading level={3}>Connect Prima</Heading>
        <TextField label="Prima web service (WSDL) address" value={url} onChange={setUrl} width="100%" />
        <Checkbox isSelected={vatInclusive} onChange={setVatInclusive}>
          Prima price book prices include VAT
        </Checkbox>
        <Flex gap="size-100">
          <Button
            variant="secondary"
            onPress={() =>
              run(async () =>
                setTest(
                  await api<TestResult>(host, 'POST', '/onboarding/test-connection', { prima: { url } }),
                ),
              )
            }
          >
            Test connection
          </Button>
          <Button
            variant="accent"
            onPress={() =>
              run(async () =>
                setTest(
                  (
                    await api<{ test: TestResult }>(host, 'POST', '/onboarding/connect', {
                      prima: { url },
                      vatInclusive,
                    })
                  ).test,
                ),
              )
            }
          >
            Connect
          </Button>
        </Flex>
        {test ? (
          <Text data-testid="connection-result">
            {test.ok
              ? `Connected${test.company ? ` to company ${test.company}` : ''}.`
              : `${test.problem?.message ?? 'Prima did not answer.'} ${test.problem?.action ?? ''}`}
          </Text>
        ) : null}
      </Well>
      <Well>
        <Heading level={3}>Match products</Heading>
        <Button
          variant="secondary"
          onPress={() =>
            run(async () => setProposals(await api<Proposals>(host, 'POST', '/onboarding/propose')))
          }
        >
          Propose matches
        </Button>
        {proposals ? (
          <Flex direction="column" gap="size-100">
            <Text>
              {proposals.proposed.length} products matched, {proposals.unmapped.length} without a Prima item
              (fix those in Mappings).
            </Text>
            {proposals.proposed.length > 0 ? (
              <Button
                variant="accent"
                onPress={() =>
                  run(async () => {
                    const r = await api<{ applied: number }>(host, 'POST', '/onboarding/apply', {
                      skus: proposals.proposed.map((p) => p.sku),
                    });
                    setNote(`${r.applied} matches saved.`);
                  })
                }
              >
                Accept all matches
              </Button>
            ) : null}
          </Flex>
        ) : null}
      </Well>
      <Well>
        <Heading level={3}>Stock preview and go-live</Heading>
        <Flex gap="size-100">
          <Button
            variant="secondary"
            onPress={() =>
              run(async () => setPreview(await api<Preview>(host, 'GET', '/onboarding/stock-preview')))
            }
          >
            Preview stock push
          </Button>
          <Button
            variant="accent"
            onPress={() =>
              run(async () => {
                await api(host, 'POST', '/onboarding/go-live');
                setNote('Live: orders now go to Prima and stock syncs on schedule.');
              })
            }
          >
            Go live
          </Button>
        </Flex>
        {preview ? (
          <Text>
            The first push would set {preview.totals.changes} figures on {preview.totals.skus} products (
            {preview.totals.unitsUp} units up, {preview.totals.unitsDown} down, {preview.totals.toZero} to
            zero).
          </Text>
        ) : null}
      </Well>
      {note ? <Text data-testid="wizard-note">{note}</Text> : null}
    </Flex>
  );
}
