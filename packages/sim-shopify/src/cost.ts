/**
 * Shopify's calculated query cost, and the leaky bucket that meters it.
 *
 * Requested cost follows Shopify's published rules: scalars and enums cost 0, every object 1, a connection
 * 2 + (first|last) x the cost of one node's selection, every mutation field 10. As on Shopify, a request
 * runs only when the bucket holds its requested cost, and then the actual cost is taken: the same rules
 * applied to what came back (a page of 3 variants costs for 3, not for the 250 asked for).
 */
import {
  type FieldNode,
  type FragmentDefinitionNode,
  type GraphQLField,
  type GraphQLObjectType,
  type GraphQLSchema,
  getNamedType,
  isCompositeType,
  isInterfaceType,
  isObjectType,
  type OperationDefinitionNode,
  type SelectionSetNode,
  type ValueNode,
} from 'graphql';

export const MUTATION_COST = 10;
export const MAX_SINGLE_QUERY_COST = 1000;

type Vars = Record<string, unknown>;

function argNumber(field: FieldNode, name: string, vars: Vars): number | undefined {
  const arg = field.arguments?.find((a) => a.name.value === name);
  if (!arg) return undefined;
  const v: ValueNode = arg.value;
  if (v.kind === 'IntValue') return Number(v.value);
  if (v.kind === 'Variable') {
    const val = vars[v.name.value];
    return typeof val === 'number' ? val : undefined;
  }
  return undefined;
}

export function requestedQueryCost(
  schema: GraphQLSchema,
  op: OperationDefinitionNode,
  fragments: Record<string, FragmentDefinitionNode>,
  vars: Vars,
): number {
  const root = op.operation === 'mutation' ? schema.getMutationType() : schema.getQueryType();
  if (!root) return 0;
  if (op.operation === 'mutation') {
    // Each top-level mutation field costs a flat 10, whatever it returns.
    return (
      op.selectionSet.selections.filter((s) => s.kind === 'Field' && !s.name.value.startsWith('__')).length *
      MUTATION_COST
    );
  }
  return selectionCost(schema, root, op.selectionSet, fragments, vars);
}

function fieldsOf(
  t: ReturnType<typeof getNamedType>,
  name: string,
): GraphQLField<unknown, unknown> | undefined {
  if (isObjectType(t) || isInterfaceType(t)) return t.getFields()[name];
  return undefined;
}

function selectionCost(
  schema: GraphQLSchema,
  parent: ReturnType<typeof getNamedType>,
  set: SelectionSetNode,
  fragments: Record<string, FragmentDefinitionNode>,
  vars: Vars,
): number {
  let total = 0;
  for (const sel of set.selections) {
    if (sel.kind === 'InlineFragment') {
      const t = sel.typeCondition ? schema.getType(sel.typeCondition.name.value) : parent;
      if (t) total += selectionCost(schema, t as GraphQLObjectType, sel.selectionSet, fragments, vars);
      continue;
    }
    if (sel.kind === 'FragmentSpread') {
      const frag = fragments[sel.name.value];
      const t = frag ? schema.getType(frag.typeCondition.name.value) : undefined;
      if (frag && t)
        total += selectionCost(schema, t as GraphQLObjectType, frag.selectionSet, fragments, vars);
      continue;
    }
    if (sel.name.value.startsWith('__')) continue;
    const def = fieldsOf(parent, sel.name.value);
    if (!def) continue;
    const type = getNamedType(def.type);
    if (!isCompositeType(type) || !sel.selectionSet) continue; // scalars and enums are free
    if (type.name.endsWith('Connection')) {
      // Only the per-node part (nodes / edges) scales with the page size; pageInfo is paid once.
      const size = argNumber(sel, 'first', vars) ?? argNumber(sel, 'last', vars) ?? 0;
      const perNode = {
        ...sel.selectionSet,
        selections: sel.selectionSet.selections.filter(
          (x) => x.kind !== 'Field' || x.name.value === 'nodes' || x.name.value === 'edges',
        ),
      };
      const once = {
        ...sel.selectionSet,
        selections: sel.selectionSet.selections.filter(
          (x) => x.kind === 'Field' && x.name.value !== 'nodes' && x.name.value !== 'edges',
        ),
      };
      const node = selectionCost(schema, type, perNode, fragments, vars);
      total += 2 + size * Math.max(node, 1) + selectionCost(schema, type, once, fragments, vars);
    } else {
      total += 1 + selectionCost(schema, type, sel.selectionSet, fragments, vars);
    }
  }
  return total;
}

/** The same rules applied to the data that came back: connections cost for the nodes actually returned. */
export function actualQueryCost(
  schema: GraphQLSchema,
  op: OperationDefinitionNode,
  fragments: Record<string, FragmentDefinitionNode>,
  data: unknown,
): number {
  if (op.operation === 'mutation') return requestedQueryCost(schema, op, fragments, {});
  const root = schema.getQueryType();
  return root ? dataCost(schema, root, op.selectionSet, fragments, data) : 0;
}

function dataCost(
  schema: GraphQLSchema,
  parent: ReturnType<typeof getNamedType>,
  set: SelectionSetNode,
  fragments: Record<string, FragmentDefinitionNode>,
  data: unknown,
): number {
  if (data === null || data === undefined || typeof data !== 'object') return 0;
  const obj = data as Record<string, unknown>;
  let total = 0;
  for (const sel of set.selections) {
    if (sel.kind === 'InlineFragment' || sel.kind === 'FragmentSpread') {
      const frag = sel.kind === 'FragmentSpread' ? fragments[sel.name.value] : undefined;
      const selSet = sel.kind === 'InlineFragment' ? sel.selectionSet : frag?.selectionSet;
      const cond =
        sel.kind === 'InlineFragment' ? sel.typeCondition?.name.value : frag?.typeCondition.name.value;
      const t = cond ? schema.getType(cond) : parent;
      if (selSet && t) total += dataCost(schema, t as GraphQLObjectType, selSet, fragments, data);
      continue;
    }
    if (sel.name.value.startsWith('__') || !sel.selectionSet) continue;
    const def = fieldsOf(parent, sel.name.value);
    if (!def) continue;
    const type = getNamedType(def.type);
    if (!isCompositeType(type)) continue;
    const value = obj[sel.alias?.value ?? sel.name.value];
    if (value === null || value === undefined) {
      total += 1;
      continue;
    }
    if (Array.isArray(value)) {
      total += value.reduce(
        (s: number, v) => s + 1 + dataCost(schema, type, sel.selectionSet!, fragments, v),
        0,
      );
      continue;
    }
    const child = dataCost(schema, type, sel.selectionSet, fragments, value);
    total += type.name.endsWith('Connection') ? 2 + child : 1 + child;
  }
  return total;
}

export interface ThrottleStatus {
  maximumAvailable: number;
  currentlyAvailable: number;
  restoreRate: number;
}

/** Shopify's per-app, per-store bucket: fills at `restoreRate` points/s up to `maximumAvailable`. */
export class LeakyBucket {
  private available: number;
  private last: number;

  constructor(
    readonly maximumAvailable: number,
    readonly restoreRate: number,
    private readonly nowMs: () => number,
  ) {
    this.available = maximumAvailable;
    this.last = nowMs();
  }

  private refill(): void {
    const now = this.nowMs();
    const elapsed = Math.max(0, now - this.last) / 1000;
    this.available = Math.min(this.maximumAvailable, this.available + elapsed * this.restoreRate);
    this.last = now;
  }

  /** Whether a request of this requested cost may run now (Shopify checks the requested cost). */
  canAfford(requested: number): boolean {
    this.refill();
    return requested <= this.available;
  }

  /** Takes the actual cost of a request that ran. */
  spend(actual: number): void {
    this.refill();
    this.available = Math.max(0, this.available - actual);
  }

  status(): ThrottleStatus {
    this.refill();
    return {
      maximumAvailable: this.maximumAvailable,
      currentlyAvailable: Math.floor(this.available),
      restoreRate: this.restoreRate,
    };
  }

  /** Test and benchmark hook: empty the bucket as if a burst had just spent it. */
  drain(to = 0): void {
    this.refill();
    this.available = Math.max(0, Math.min(this.available, to));
  }
}
