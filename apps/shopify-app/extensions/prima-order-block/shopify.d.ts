// What Shopify CLI generates for this target: the `shopify` global the extension runtime provides.
import '@shopify/ui-extensions';

declare module './src/BlockExtension.tsx' {
  const shopify: import('@shopify/ui-extensions/admin.order-details.block.render').Api;
}
