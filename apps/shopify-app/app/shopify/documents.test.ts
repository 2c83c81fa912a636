import { readFileSync } from 'node:fs';
import {
  loadAdminSchema,
  MAX_SINGLE_QUERY_COST,
  requestedQueryCost,
  validateAdminDocument,
} from '@prima-connect/sim-shopify';
import { type FragmentDefinitionNode, type OperationDefinitionNode, parse } from 'graphql';
import { describe, expect, it } from 'vitest';
import { SHOPIFY_API_VERSION } from './api-version.js';
import { ALL_DOCUMENTS } from './documents.js';

const toml = readFileSync(new URL('../../shopify.app.toml', import.meta.url), 'utf8');

describe('Admin GraphQL documents', () => {
  it('use the API version named in shopify.app.toml', () => {
    expect(toml).toMatch(new RegExp(`api_version = "${SHOPIFY_API_VERSION}"`));
  });

  it.each(Object.entries(ALL_DOCUMENTS))(
    '%s validates against the Admin schema of that version',
    (_name, doc) => {
      const errors = validateAdminDocument(doc, SHOPIFY_API_VERSION);
      expect(errors.map((e) => e.message)).toEqual([]);
    },
  );

  it.each(Object.entries(ALL_DOCUMENTS))(
    '%s requests at most 1,000 points (Shopify refuses more)',
    (_name, doc) => {
      const ast = parse(doc);
      const op = ast.definitions.find((d): d is OperationDefinitionNode => d.kind === 'OperationDefinition')!;
      const frags = Object.fromEntries(
        ast.definitions
          .filter((d): d is FragmentDefinitionNode => d.kind === 'FragmentDefinition')
          .map((f) => [f.name.value, f]),
      );
      const cost = requestedQueryCost(loadAdminSchema(SHOPIFY_API_VERSION), op, frags, {});
      expect(cost).toBeGreaterThan(0);
      expect(cost).toBeLessThanOrEqual(MAX_SINGLE_QUERY_COST);
    },
  );

  it('would catch a wrong document (the check is not vacuous)', () => {
    const broken = ALL_DOCUMENTS.INVENTORY_SET_QUANTITIES_MUTATION.replace(
      'userErrors { code field message }',
      'userErrors { code field message severity }',
    );
    expect(validateAdminDocument(broken, SHOPIFY_API_VERSION).length).toBeGreaterThan(0);
  });
});
