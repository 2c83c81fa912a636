import {
  Button,
  Checkbox,
  Flex,
  Heading,
  Item,
  Picker,
  Text,
  TextField,
  View,
  Well,
} from '@adobe/react-spectrum';
import { useState } from 'react';
import { api } from '../../api';
import type { HostContext } from '../../host';
import {
  describeItem,
  type ItemRef,
  isDone,
  type Proposals,
  type StepResult,
  type WizardState,
} from './types';

type Run = (what: () => Promise<void>) => Promise<void>;

interface Attention {
  sku: string;
  titles: string[];
  message: string;
  candidates: ItemRef[];
  /** Variants sharing one SKU: no single Prima item can be right, the store must give each its own SKU. */
  fixInStore: boolean;
}

/** Unmapped and ambiguous SKUs in one list, in the order the merchandiser should look at them. */
export function needsAttention(p: Proposals): Attention[] {
  return [
    ...p.ambiguous.map((a) => ({
      sku: a.sku,
      titles: a.titles,
      message: a.message,
      candidates: a.candidates,
      fixInStore: a.reason === 'shared_sku',
    })),
    ...p.unmapped.map((u) => ({
      sku: u.sku,
      titles: [u.title],
      message: u.message,
      candidates: [],
      fixInStore: u.reason === 'no_sku',
    })),
  ];
}

/** Codes typed as "G 080", "G/080" or "G, 080": at most four, blanks dropped. */
const splitCodes = (text: string) =>
  text
    .split(/[\s/,]+/)
    .map((c) => c.trim())
    .filter((c) => c !== '');

/**
 * One SKU the rules could not match, fixed where it is shown: type the Prima product and matrix codes (or
 * pick one of the candidates Prima offered), save; the proposals are then read again.
 */
function FixRow({
  row,
  disabled,
  onSave,
}: {
  row: Attention;
  disabled: boolean;
  onSave: (item: ItemRef, nonStock: boolean) => Promise<void>;
}) {
  const [product, setProduct] = useState('');
  const [codes, setCodes] = useState('');
  const [nonStock, setNonStock] = useState(false);
  const pick = (key: string) => {
    const item = row.candidates[Number(key)];
    if (!item) return;
    setProduct(item.product);
    setCodes(item.matrix.filter((m) => m !== '').join(' '));
  };
  const matrix = splitCodes(codes);
  return (
    <View
      borderWidth="thin"
      borderColor="gray-300"
      borderRadius="regular"
      padding="size-150"
      data-testid={`fix-${row.sku}`}
    >
      <Flex direction="column" gap="size-100">
        <Text>
          <strong>{row.sku || '(no SKU)'}</strong> — {row.titles.join(', ')}
        </Text>
        <Text>{row.message}</Text>
        {row.fixInStore ? (
          <Text>Fix this in the Commerce catalogue, then press "Read both catalogues" again.</Text>
        ) : (
          <Flex gap="size-150" alignItems="end" wrap>
            {row.candidates.length > 0 ? (
              <Picker label="Pick a Prima item" onSelectionChange={(k) => pick(String(k))} width="size-3000">
                {row.candidates.map((c, i) => (
                  <Item key={String(i)}>{describeItem(c)}</Item>
                ))}
              </Picker>
            ) : null}
            <TextField label="Prima product code" value={product} onChange={setProduct} width="size-2000" />
            <TextField
              label="Matrix codes (width, size)"
              description="Separated by spaces, e.g. G 080"
              value={codes}
              onChange={setCodes}
              width="size-2400"
              validationState={matrix.length > 4 ? 'invalid' : undefined}
              errorMessage="Prima items have at most four matrix codes."
            />
            <Checkbox isSelected={nonStock} onChange={setNonStock}>
              Prima keeps no stock of it
            </Checkbox>
            <Button
              variant="accent"
              aria-label={`Save match for ${row.sku}`}
              isDisabled={disabled || product.trim() === '' || matrix.length > 4}
              onPress={() => onSave({ product: product.trim(), matrix }, nonStock)}
            >
              Save match
            </Button>
          </Flex>
        )}
      </Flex>
    </View>
  );
}

/**
 * Steps 2 and 3: read both catalogues (the proposals), accept the matches, fix what is left in place,
 * then say the products are done (orders with a product still unmatched stop with a clear note later).
 */
export function ProductsStep({
  host,
  state,
  proposals,
  setProposals,
  busy,
  run,
  say,
  onState,
}: {
  host: HostContext;
  state: WizardState;
  proposals: Proposals | undefined;
  setProposals: (p: Proposals) => void;
  busy: boolean;
  run: Run;
  say: (text: string) => void;
  onState: (s: WizardState) => void;
}) {
  const propose = async () => setProposals(await api<Proposals>(host, 'POST', '/onboarding/propose'));
  const attention = proposals ? needsAttention(proposals) : [];
  const save = (sku: string) => (item: ItemRef, nonStock: boolean) =>
    run(async () => {
      await api(host, 'POST', '/onboarding/map-sku', {
        sku,
        item,
        ...(nonStock ? { kind: 'non_stock' } : {}),
      });
      say(`${sku} now goes to Prima as ${describeItem(item)}.`);
      await propose();
    });
  const total = proposals ? proposals.proposed.length + proposals.alreadyMapped.length + attention.length : 0;
  return (
    <>
      <Well role="region" aria-label="Read both catalogues">
        <Heading level={3}>2. Read both catalogues{isDone(state, 'catalogue') ? ' — done' : ''}</Heading>
        <Text>
          Reads every product in this store and every item Prima can sell, and works out which belong
          together. Nothing is changed yet.
        </Text>
        <Flex marginTop="size-100">
          <Button
            variant="secondary"
            isDisabled={busy || !isDone(state, 'connect')}
            onPress={() => run(propose)}
          >
            Read both catalogues
          </Button>
        </Flex>
        {proposals ? (
          <Text data-testid="catalogue-summary">
            {total} products in the store: {proposals.proposed.length} match a Prima item
            {proposals.alreadyMapped.length > 0
              ? `, ${proposals.alreadyMapped.length} are already matched`
              : ''}
            , {attention.length} need you.
          </Text>
        ) : null}
      </Well>
      <Well role="region" aria-label="Match products">
        <Heading level={3}>3. Match products{isDone(state, 'mappings') ? ' — done' : ''}</Heading>
        {!proposals ? (
          <Text>Read both catalogues first; the matches and anything that needs you appear here.</Text>
        ) : (
          <Flex direction="column" gap="size-150">
            {proposals.proposed.length > 0 ? (
              <Flex direction="column" gap="size-100">
                <Text>
                  {proposals.proposed.filter((p) => p.reason === 'exact_sku').length} by the same code in
                  both,
                  {` ${proposals.proposed.filter((p) => p.reason === 'pattern').length}`} by reading the SKU
                  as product, width and size. For example: {proposals.proposed[0]?.explanation}
                </Text>
                <Flex>
                  <Button
                    variant="accent"
                    isDisabled={busy}
                    onPress={() =>
                      run(async () => {
                        const r = await api<{ applied: number }>(host, 'POST', '/onboarding/apply', {
                          skus: proposals.proposed.map((p) => p.sku),
                        });
                        say(`${r.applied} matches saved.`);
                        await propose();
                      })
                    }
                  >
                    Accept all matches
                  </Button>
                </Flex>
              </Flex>
            ) : null}
            {attention.length > 0 ? (
              <Flex direction="column" gap="size-100" data-testid="needs-attention">
                <Heading level={4}>
                  {attention.length} {attention.length === 1 ? 'product needs' : 'products need'} you
                </Heading>
                <Text>
                  Tell us which Prima item each one is. A kit made of several Prima items is set up in the
                  Mappings tab.
                </Text>
                {attention.map((row) => (
                  <FixRow
                    key={row.sku || row.titles.join()}
                    row={row}
                    disabled={busy}
                    onSave={save(row.sku)}
                  />
                ))}
              </Flex>
            ) : (
              <Text>Every product in the store has its Prima item.</Text>
            )}
            <Flex>
              <Button
                variant="secondary"
                isDisabled={busy || !isDone(state, 'catalogue')}
                onPress={() =>
                  run(async () => {
                    const r = await api<StepResult>(host, 'POST', '/onboarding/steps/mappings/complete');
                    onState(r.state);
                    if (!r.ok) return say((r.missing ?? []).join(' '));
                    say(
                      attention.length > 0
                        ? `Products done. ${attention.length} still without a Prima item: orders with them will stop with a note until they are matched (Mappings tab).`
                        : 'Products done.',
                    );
                  })
                }
              >
                Done with products
              </Button>
            </Flex>
          </Flex>
        )}
      </Well>
    </>
  );
}
