/**
 * Every GraphQL document the app sends to the Shopify Admin API, in one place, so one test can validate
 * them all against the schema of the API version pinned in shopify.app.toml (documents.test.ts).
 * Plain strings (no gql tag): the Remix admin client and our fetch client both take strings.
 */

const MONEY = 'shopMoney { amount currencyCode }';

const ADDRESS = `firstName lastName company address1 address2 city province provinceCode zip countryCodeV2 phone`;

/**
 * The order, as the gateway converts it to prima-core's canonical Order. Page sizes keep the requested
 * cost under Shopify's 1,000-point single-query limit (documents.test.ts checks); orders with more than
 * 50 lines page on with ORDER_LINES_QUERY.
 */
export const ORDER_FIELDS = `
  id
  name
  createdAt
  updatedAt
  cancelledAt
  currencyCode
  taxesIncluded
  displayFinancialStatus
  email
  phone
  note
  tags
  customer { id firstName lastName defaultEmailAddress { emailAddress } defaultPhoneNumber { phoneNumber } }
  shippingAddress { ${ADDRESS} }
  billingAddress { ${ADDRESS} }
  totalPriceSet { ${MONEY} }
  totalTaxSet { ${MONEY} }
  totalDiscountsSet { ${MONEY} }
  lineItems(first: 50) {
    pageInfo { hasNextPage endCursor }
    nodes {
      id
      sku
      name
      quantity
      currentQuantity
      requiresShipping
      isGiftCard
      variant { id }
      product { id }
      originalUnitPriceSet { ${MONEY} }
      totalDiscountSet { ${MONEY} }
      taxLines { priceSet { ${MONEY} } }
    }
  }
  shippingLines(first: 5) {
    nodes {
      id
      code
      title
      originalPriceSet { ${MONEY} }
      discountAllocations { allocatedAmountSet { ${MONEY} } }
      taxLines { priceSet { ${MONEY} } }
    }
  }
  transactions(first: 10) { id gateway kind status amountSet { ${MONEY} } }
  # Refunded units, to tell them from units an order edit removed (both leave currentQuantity).
  # Up to REFUNDS_READ refunds of 25 lines each: past that the converter keeps quantity.
  refunds(first: 5) {
    refundLineItems(first: 25) {
      pageInfo { hasNextPage }
      nodes { quantity lineItem { id } }
    }
  }
`;

/** The page sizes of ORDER_FIELDS' refunds: past them the refunded units are not all known. */
export const REFUNDS_READ = 5;

export const ORDER_QUERY = `#graphql
query PrimaOrder($id: ID!) {
  order(id: $id) {
    ${ORDER_FIELDS}
  }
}`;

export const ORDER_LINES_QUERY = `#graphql
query PrimaOrderLines($id: ID!, $after: String) {
  order(id: $id) {
    lineItems(first: 50, after: $after) {
      pageInfo { hasNextPage endCursor }
      nodes {
        id
        sku
        name
        quantity
        currentQuantity
        requiresShipping
        isGiftCard
        variant { id }
        product { id }
        originalUnitPriceSet { ${MONEY} }
        totalDiscountSet { ${MONEY} }
        taxLines { priceSet { ${MONEY} } }
      }
    }
  }
}`;

/** Ids only: whole orders would exceed the cost limit in one page; the gateway loads each with ORDER_QUERY. */
export const ORDERS_UPDATED_SINCE_QUERY = `#graphql
query PrimaOrdersUpdatedSince($query: String!, $after: String) {
  orders(first: 100, after: $after, query: $query, sortKey: UPDATED_AT) {
    nodes { id updatedAt }
    pageInfo { hasNextPage endCursor }
  }
}`;

export const FULFILLMENT_ORDERS_QUERY = `#graphql
query PrimaFulfillmentOrders($id: ID!) {
  order(id: $id) {
    id
    fulfillmentOrders(first: 5) {
      nodes {
        id
        status
        assignedLocation { location { id } }
        lineItems(first: 50) {
          nodes { id remainingQuantity lineItem { id sku } }
        }
      }
    }
    fulfillments(first: 50) { id trackingInfo { company number url } }
    dispatches: metafield(namespace: "prima", key: "dispatches") { value }
  }
}`;

export const VARIANTS_QUERY = `#graphql
# 200 per page: 250 would request 1,002 points, over the 1,000 single-query limit.
query PrimaVariants($after: String) {
  productVariants(first: 200, after: $after) {
    nodes {
      id
      sku
      title
      displayName
      product { id }
      inventoryItem { id }
      selectedOptions { name value }
    }
    pageInfo { hasNextPage endCursor }
  }
}`;

export const LOCATIONS_QUERY = `#graphql
query PrimaLocations($after: String) {
  locations(first: 100, after: $after) {
    nodes { id name isActive }
    pageInfo { hasNextPage endCursor }
  }
}`;

export const SHOP_QUERY = `#graphql
query PrimaShop {
  shop { name myshopifyDomain currencyCode }
}`;

/**
 * From API 2026-04 every quantity must carry changeFromQuantity (null skips the compare-and-swap) and the
 * mutation must carry an @idempotent key: a retried batch with the same key is applied once.
 */
export const INVENTORY_SET_QUANTITIES_MUTATION = `#graphql
mutation PrimaInventorySet($input: InventorySetQuantitiesInput!, $idempotencyKey: String!) {
  inventorySetQuantities(input: $input) @idempotent(key: $idempotencyKey) {
    inventoryAdjustmentGroup { id }
    userErrors { code field message }
  }
}`;

export const FULFILLMENT_CREATE_MUTATION = `#graphql
mutation PrimaFulfillmentCreate($fulfillment: FulfillmentInput!, $message: String) {
  fulfillmentCreate(fulfillment: $fulfillment, message: $message) {
    fulfillment { id status trackingInfo { company number url } }
    userErrors { field message }
  }
}`;

export const METAFIELDS_SET_MUTATION = `#graphql
mutation PrimaMetafieldsSet($metafields: [MetafieldsSetInput!]!) {
  metafieldsSet(metafields: $metafields) {
    metafields { id namespace key value }
    userErrors { field message code }
  }
}`;

export const ORDER_NOTE_MUTATION = `#graphql
mutation PrimaOrderNote($input: OrderInput!) {
  orderUpdate(input: $input) {
    order { id note }
    userErrors { field message }
  }
}`;

export const TAGS_ADD_MUTATION = `#graphql
mutation PrimaTagsAdd($id: ID!, $tags: [String!]!) {
  tagsAdd(id: $id, tags: $tags) {
    node { id }
    userErrors { field message }
  }
}`;

export const TAGS_REMOVE_MUTATION = `#graphql
mutation PrimaTagsRemove($id: ID!, $tags: [String!]!) {
  tagsRemove(id: $id, tags: $tags) {
    node { id }
    userErrors { field message }
  }
}`;

/**
 * The `available` figure of some inventory items at one location: read when Shopify refuses a stock push as
 * CHANGE_FROM_QUANTITY_STALE, to retry with the figure Shopify holds now. Cost scales with the ids asked
 * for (about 3 points each), so callers page the ids (STOCK_READ_PAGE) to stay under the 1,000-point limit.
 */
export const INVENTORY_AVAILABLE_QUERY = `#graphql
query PrimaInventoryAvailable($ids: [ID!]!, $locationId: ID!) {
  nodes(ids: $ids) {
    ... on InventoryItem {
      id
      inventoryLevel(locationId: $locationId) {
        quantities(names: ["available"]) { name quantity }
      }
    }
  }
}`;

/**
 * Shopify Payments payouts issued since an instant (`query: "issued_at:>='...'"`), oldest first. Each is
 * read with its balance transactions (PAYOUT_TRANSACTIONS_QUERY) before the next page. Needs the
 * read_shopify_payments_payouts scope; `shopifyPaymentsAccount` is null on a shop without Shopify Payments.
 */
export const PAYOUTS_QUERY = `#graphql
query PrimaPayouts($query: String!, $after: String) {
  shopifyPaymentsAccount {
    payouts(first: 20, after: $after, query: $query, sortKey: ISSUED_AT) {
      nodes { id legacyResourceId issuedAt status transactionType net { amount currencyCode } }
      pageInfo { hasNextPage endCursor }
    }
  }
}`;

/** Payouts per PAYOUTS_QUERY page. */
export const PAYOUTS_PAGE = 20;

/**
 * One payout's balance transactions (`query: "payments_transfer_id:<payout legacy id>"`), without the
 * payout's own TRANSFER entry. 100 per page requests about 600 points, under the 1,000-point limit.
 */
export const PAYOUT_TRANSACTIONS_QUERY = `#graphql
query PrimaPayoutTransactions($query: String!, $after: String) {
  shopifyPaymentsAccount {
    balanceTransactions(first: 100, after: $after, query: $query, hideTransfers: true) {
      nodes {
        id
        type
        sourceType
        amount { amount currencyCode }
        fee { amount currencyCode }
        net { amount currencyCode }
        associatedOrder { id }
        associatedPayout { id }
      }
      pageInfo { hasNextPage endCursor }
    }
  }
}`;

export const ALL_DOCUMENTS = {
  ORDER_QUERY,
  ORDER_LINES_QUERY,
  ORDERS_UPDATED_SINCE_QUERY,
  FULFILLMENT_ORDERS_QUERY,
  VARIANTS_QUERY,
  LOCATIONS_QUERY,
  SHOP_QUERY,
  INVENTORY_SET_QUANTITIES_MUTATION,
  INVENTORY_AVAILABLE_QUERY,
  PAYOUTS_QUERY,
  PAYOUT_TRANSACTIONS_QUERY,
  FULFILLMENT_CREATE_MUTATION,
  METAFIELDS_SET_MUTATION,
  ORDER_NOTE_MUTATION,
  TAGS_ADD_MUTATION,
  TAGS_REMOVE_MUTATION,
} as const;
